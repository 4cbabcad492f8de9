import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Estimator, TreeModel } from "../models/estimator.ts";
import type { SQLDialect } from "./sql-dialect.ts";

/** Where the walk reads its rows: a CTE with one row per input row, an id and the features. */
export interface TreeWalkInput {
  /** The CTE (or table) name, quoted. */
  table: string;
  /** Its row id column, quoted: unique per row. */
  id: string;
  /** One quoted column of `table` per model feature, in the model's feature order. */
  featureColumns: string[];
}

/** A tree model as node tables walked by a recursive CTE. */
export interface TreeWalkSQL {
  /** CTE definitions (`name(columns) AS (...)`), in order. One is recursive: the WITH needs RECURSIVE. */
  ctes: string[];
  /** The CTE holding one row per input row: `id`, then one column per output. */
  result: string;
  /** The result's output columns (class probabilities in `classes` order, or the value), qualified. */
  outputs: string[];
}

/**
 * A tree or forest as SQL that plans and runs in seconds whatever the size of the trees: the
 * nodes are data (a VALUES table of splits, one of leaf values), not expressions, so neither
 * DuckDB's optimizer nor Postgres's JIT compiler ever sees an expression that grows with the
 * model. A recursive CTE walks every (row, tree) pair from the root, one level per step; the
 * leaf values (already multiplied by the tree's weight) are summed per row in tree order
 * (`SUM(... ORDER BY tree)` in DuckDB and Postgres, a fold over the trees in SQLite), the same float
 * operations as the in-process predict, so the outputs are bit for bit the same. `x <= t` goes
 * left; a NULL feature goes where the node sends missing values. The text is ≈ 40 bytes a node
 * (Postgres ≈ 28).
 *
 * @example
 * const walk = treeWalkSQL(forest, sqlDialect("duckdb"), { table: "us_features", id: '"_us_id"', featureColumns: ['"_us_f0"', '"_us_f1"'] });
 * `WITH RECURSIVE ${features}, ${walk.ctes.join(", ")} SELECT ${walk.outputs.join(", ")} FROM ${walk.result}`;
 */
export function treeWalkSQL(model: Estimator & TreeModel, d: SQLDialect, input: TreeWalkInput, prefix = "_us_"): TreeWalkSQL {
  if (!model.trees || model.trees.length === 0) throw new UnderstudyError("not_fitted", messages.export.noTrees(model.kind));
  const nodes = nodeTables(model, d, input);
  const name = (s: string) => d.identifier(prefix + s);
  const [splits, leaves, roots, walk, hits, fold, result] = ["splits", "leaves", "roots", "walk", "hits", "fold", "sums"].map(name);
  const values = nodes.leaves[0].slice(2).map((_, k) => `c${k}`);
  const m = "MATERIALIZED ";
  const rootsCTE = `${roots}(node) AS (VALUES ${nodes.roots.map((r) => `(${r})`).join(", ")})`;
  const walkCTE = (read: (column: string) => string, join: string) => {
    const carried = nodes.features.map((f) => `x${f}`);
    const x = nodes.features.length === 0 ? d.number(0) : `CASE ${read("feature")} ${nodes.features.map((f) => `WHEN ${f} THEN w.x${f}`).join(" ")} END`;
    const [left, right] = [read("left_node"), read("right_node")];
    const step = `CASE WHEN ${x} <= ${read("threshold")} THEN ${left} WHEN ${x} > ${read("threshold")} THEN ${right} WHEN ${read("missing_left")} = 1 THEN ${left} ELSE ${right} END`;
    // One row per (input row, tree) per level: the root, then the child the row goes to.
    return `${walk}(${["id", "node", ...carried].join(", ")}) AS (\n  SELECT i.${input.id}, r.node${nodes.features.map((f) => `, i.${input.featureColumns[f]}`).join("")}\n` +
      `  FROM ${input.table} AS i CROSS JOIN ${roots} AS r\n  UNION ALL\n  SELECT w.id, ${step}${carried.map((c) => `, w.${c}`).join("")}\n  FROM ${walk} AS w ${join}\n)`;
  };

  let ctes: string[];
  if (d.name === "postgres") {
    // Postgres joins a recursive CTE by sorting both sides on every step; reading the nodes from
    // arrays by subscript costs a constant, and array literals cost its parser nothing.
    const arrays = name("model");
    const column = (rows: string[][], j: number, type: string) =>
      `string_to_array('${rows.map((r) => r[j].replace("::float8", "").replace(/^\(|\)$/g, "")).join(",")}', ',')::${type}[]`;
    const columns = [
      ...SPLIT_COLUMNS.slice(1).map((c, j) => `${column(nodes.splits, j + 1, c === "threshold" ? "float8" : "int")} AS ${c}`),
      ...values.map((c, k) => `${column(nodes.leaves, k + 2, "float8")} AS ${c}`),
    ];
    ctes = [
      rootsCTE,
      // Splits sit at index node + 1 (arrays count from 1), leaves at -node.
      `${arrays} AS ${m}(\n  SELECT\n${columns.map((c) => `    ${c}`).join(",\n")}\n)`,
      walkCTE((c) => `m.${c}[w.node + 1]`, `CROSS JOIN ${arrays} AS m\n  WHERE w.node >= 0`),
      `${hits} AS ${m}(\n  SELECT w.id, -w.node AS tree, ${values.map((c) => `m.${c}[-w.node] AS ${c}`).join(", ")}\n  FROM ${walk} AS w CROSS JOIN ${arrays} AS m\n  WHERE w.node < 0\n)`,
    ];
  } else {
    ctes = [
      `${splits}(${SPLIT_COLUMNS.join(", ")}) AS ${m}(\n  VALUES\n${nodes.splits.map(rowText).join(",\n")}\n)`,
      `${leaves}(node, tree, ${values.join(", ")}) AS ${m}(\n  VALUES\n${nodes.leaves.map(rowText).join(",\n")}\n)`,
      rootsCTE,
      walkCTE((c) => `s.${c}`, `JOIN ${splits} AS s ON s.node = w.node`),
      // The leaf each (input row, tree) pair reached; leaf ids count down in tree order.
      `${hits} AS ${m}(\n  SELECT w.id, l.*\n  FROM ${walk} AS w JOIN ${leaves} AS l ON l.node = w.node\n  WHERE w.node < 0\n)`,
    ];
  }
  if (d.name === "sqlite") {
    // SQLite's SUM has no ORDER BY (before 3.44) and compensates rounding (since 3.43): a fold
    // over the trees adds the values in tree order, as predict does (0 + v is v exactly).
    const zero = d.number(0);
    ctes.push(
      `${fold}(${["id", "tree", ...values].join(", ")}) AS (\n  SELECT i.${input.id}, 0, ${values.map(() => zero).join(", ")} FROM ${input.table} AS i\n` +
        `  UNION ALL\n  SELECT f.id, f.tree + 1, ${values.map((c) => `f.${c} + h.${c}`).join(", ")}\n  FROM ${fold} AS f JOIN ${hits} AS h ON h.id = f.id AND h.tree = f.tree\n)`,
      `${result} AS ${m}(\n  SELECT ${["id", ...values].join(", ")} FROM ${fold} WHERE tree = ${model.trees.length}\n)`,
    );
  } else {
    // Σ_t w_t · value_t in tree order (a sequential sum in DuckDB and Postgres), as predict adds them.
    const sums = values.map((c) => `SUM(${c} ORDER BY tree) AS ${c}`).join(", ");
    ctes.push(`${result} AS ${m}(\n  SELECT id, ${sums}\n  FROM ${hits}\n  GROUP BY id\n)`);
  }
  return { ctes, result, outputs: values.map((c) => `${result}.${c}`) };
}

const SPLIT_COLUMNS = ["node", "feature", "threshold", "left_node", "right_node", "missing_left"];

const rowText = (row: string[]) => `(${row.join(",")})`;

/**
 * The nodes of every tree as SQL literals, with ids across all trees: splits 0, 1, 2, …
 * (`SPLIT_COLUMNS`), leaves -1, -2, … in tree order (node, tree, weighted values), so a walk
 * row whose node is negative has reached a leaf. Also each tree's root and the features split on.
 */
function nodeTables(model: TreeModel, d: SQLDialect, input: TreeWalkInput) {
  const { trees, treeWeights } = model;
  const nOutputs = trees[0].nOutputs;
  const splits: string[][] = [];
  const leaves: string[][] = [];
  const roots: number[] = [];
  const used = new Set<number>();
  let nextSplit = 0;
  let nextLeaf = -1;
  trees.forEach((tree, t) => {
    const ids = new Int32Array(tree.nodeCount);
    for (let node = 0; node < tree.nodeCount; node++) ids[node] = tree.left[node] < 0 ? nextLeaf-- : nextSplit++;
    roots.push(ids[0]);
    for (let node = 0; node < tree.nodeCount; node++) {
      if (tree.left[node] < 0) {
        // The weighted value, computed here as predict computes it (tw * value).
        const weighted = Array.from({ length: nOutputs }, (_, k) => d.number(treeWeights[t] * tree.value[node * nOutputs + k]));
        leaves.push([String(ids[node]), String(t), ...weighted]);
        continue;
      }
      const f = tree.feature[node];
      if (input.featureColumns[f] === undefined) throw new UnderstudyError("bad_model_json", messages.export.splitWithoutFeature(node, f));
      used.add(f);
      splits.push([ids[node], f, d.number(tree.threshold[node]), ids[tree.left[node]], ids[tree.right[node]], tree.missingGoesLeft[node]].map(String));
    }
  });
  // Trees that are one leaf leave no splits: a typed row no walk reaches keeps the table valid.
  if (splits.length === 0) splits.push([String(nextSplit), "-1", d.number(0), "-1", "-1", "0"]);
  return { splits, leaves, roots, features: [...used].sort((a, b) => a - b) };
}
