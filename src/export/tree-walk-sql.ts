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
 * (`SUM(... ORDER BY tree)`, a sequential sum in DuckDB and Postgres), the same float
 * operations as the in-process predict, so the outputs are bit for bit the same. `x <= t` goes
 * left; a NULL feature goes where the node sends missing values. The text is ≈ 40 bytes a node
 * (Postgres ≈ 28).
 *
 * @example
 * const walk = treeWalkSQL(forest, sqlDialect("duckdb"), { table: "us_features", id: '"_us_id"', featureColumns: ['"_us_f0"', '"_us_f1"'] });
 * `WITH RECURSIVE ${features}, ${walk.ctes.join(", ")} SELECT ${walk.outputs.join(", ")} FROM ${walk.result}`;
 */
export function treeWalkSQL(model: Estimator & TreeModel, d: SQLDialect, input: TreeWalkInput, prefix = "_us_"): TreeWalkSQL {
  const { trees, treeWeights } = model;
  if (!trees || trees.length === 0) throw new UnderstudyError("not_fitted", messages.export.noTrees(model.kind));
  const nOutputs = trees[0].nOutputs;
  const name = (s: string) => d.identifier(prefix + s);
  const [splits, leaves, rootTable, walk, hits, fold, result] = ["splits", "leaves", "roots", "walk", "hits", "fold", "sums"].map(name);
  const values = Array.from({ length: nOutputs }, (_, k) => `c${k}`);

  // Nodes get ids across all trees: splits 0, 1, 2, …; leaves -1, -2, … in tree order, so a
  // walk row whose node is negative has reached a leaf, and ordering leaves by -node is tree order.
  const splitRows: string[][] = [];
  const leafRows: string[][] = [];
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
        const weighted = values.map((_, k) => d.number(treeWeights[t] * tree.value[node * nOutputs + k]));
        leafRows.push([String(ids[node]), String(t), ...weighted]);
        continue;
      }
      const f = tree.feature[node];
      if (input.featureColumns[f] === undefined) throw new UnderstudyError("bad_model_json", messages.export.splitWithoutFeature(node, f));
      used.add(f);
      splitRows.push([ids[node], f, d.number(tree.threshold[node]), ids[tree.left[node]], ids[tree.right[node]], tree.missingGoesLeft[node]].map(String));
    }
  });
  // Trees that are one leaf leave no splits: a typed row no walk reaches keeps the table valid.
  if (splitRows.length === 0) splitRows.push([String(nextSplit), "-1", d.number(0), "-1", "-1", "0"]);

  const features = [...used].sort((a, b) => a - b);
  const carried = features.map((f) => `x${f}`);
  const m = "MATERIALIZED ";
  const rootsCTE = `${rootTable}(node) AS (VALUES ${roots.map((r) => `(${r})`).join(", ")})`;
  let ctes: string[];
  if (d.name === "postgres") {
    ctes = [rootsCTE, ...postgresArrayWalk(splitRows, leafRows, values, features, input, { arrays: name("model"), roots: rootTable, walk, hits })];
  } else {
    const x = features.length === 0 ? d.number(0) : `CASE s.feature ${features.map((f) => `WHEN ${f} THEN w.x${f}`).join(" ")} END`;
    const step = `CASE WHEN ${x} <= s.threshold THEN s.left_node WHEN ${x} > s.threshold THEN s.right_node WHEN s.missing_left = 1 THEN s.left_node ELSE s.right_node END`;
    const rootFeatures = features.map((f) => `, i.${input.featureColumns[f]}`).join("");
    const stepFeatures = carried.map((c) => `, w.${c}`).join("");
    ctes = [
      `${splits}(node, feature, threshold, left_node, right_node, missing_left) AS ${m}(\n  VALUES\n${splitRows.map(rowText).join(",\n")}\n)`,
      `${leaves}(node, tree, ${values.join(", ")}) AS ${m}(\n  VALUES\n${leafRows.map(rowText).join(",\n")}\n)`,
      rootsCTE,
      // One row per (input row, tree) per level: the root, then the child the row goes to.
      `${walk}(${["id", "node", ...carried].join(", ")}) AS (\n  SELECT i.${input.id}, r.node${rootFeatures}\n  FROM ${input.table} AS i CROSS JOIN ${rootTable} AS r\n` +
        `  UNION ALL\n  SELECT w.id, ${step}${stepFeatures}\n  FROM ${walk} AS w JOIN ${splits} AS s ON s.node = w.node\n)`,
      // The leaf each (input row, tree) pair reached.
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
      `${result} AS ${m}(\n  SELECT ${["id", ...values].join(", ")} FROM ${fold} WHERE tree = ${trees.length}\n)`,
    );
  } else {
    // Σ_t w_t · value_t in tree order (a sequential sum in DuckDB and Postgres), as predict adds them.
    const sums = values.map((c) => `SUM(${c} ORDER BY tree) AS ${c}`).join(", ");
    ctes.push(`${result} AS ${m}(\n  SELECT id, ${sums}\n  FROM ${hits}\n  GROUP BY id\n)`);
  }
  return {
    ctes,
    result,
    outputs: values.map((c) => `${result}.${c}`),
  };
}

const rowText = (row: string[]) => `(${row.join(",")})`;

/**
 * Postgres: the node table as one row of arrays (one text literal each, split and read by
 * `float8in`, so every double is exact; DuckDB reads the same text) indexed by node id. Postgres joins a recursive CTE by sorting both sides
 * on every step; an array subscript is a constant-time read, and the literals cost the parser
 * nothing. Splits are 1-based at `node + 1`, leaves at `-node`.
 */
function postgresArrayWalk(
  splitRows: string[][],
  leafRows: string[][],
  values: string[],
  features: number[],
  input: TreeWalkInput,
  names: { arrays: string; roots: string; walk: string; hits: string },
): string[] {
  const { arrays, roots, walk, hits } = names;
  // A column of the node rows as an array literal; doubles lose their `::float8` suffix there.
  const array = (rows: string[][], j: number, type: string) =>
    `string_to_array('${rows.map((r) => r[j].replace(/::float8/, "").replace(/^\(|\)$/g, "")).join(",")}', ',')::${type}[]`;
  const splitColumns = ["feature", "threshold", "left_node", "right_node", "missing_left"];
  const splitTypes = ["int", "float8", "int", "int", "int"];
  const columns = [
    ...splitColumns.map((c, j) => `${array(splitRows, j + 1, splitTypes[j])} AS ${c}`),
    ...values.map((c, k) => `${array(leafRows, k + 2, "float8")} AS ${c}`),
  ];
  const at = (column: string) => `m.${column}[w.node + 1]`;
  const x = features.length === 0 ? "0::float8" : `CASE ${at("feature")} ${features.map((f) => `WHEN ${f} THEN w.x${f}`).join(" ")} END`;
  const step = `CASE WHEN ${x} <= ${at("threshold")} THEN ${at("left_node")} WHEN ${x} > ${at("threshold")} THEN ${at("right_node")} WHEN ${at("missing_left")} = 1 THEN ${at("left_node")} ELSE ${at("right_node")} END`;
  const carried = features.map((f) => `x${f}`);
  return [
    `${arrays} AS MATERIALIZED (\n  SELECT\n${columns.map((c) => `    ${c}`).join(",\n")}\n)`,
    `${walk}(${["id", "node", ...carried].join(", ")}) AS (\n  SELECT i.${input.id}, r.node${features.map((f) => `, i.${input.featureColumns[f]}`).join("")}\n  FROM ${input.table} AS i CROSS JOIN ${roots} AS r\n` +
      `  UNION ALL\n  SELECT w.id, ${step}${carried.map((c) => `, w.${c}`).join("")}\n  FROM ${walk} AS w CROSS JOIN ${arrays} AS m\n  WHERE w.node >= 0\n)`,
    // The leaf each (input row, tree) pair reached; leaf ids count down in tree order.
    `${hits} AS MATERIALIZED (\n  SELECT w.id, -w.node AS tree, ${values.map((c) => `m.${c}[-w.node] AS ${c}`).join(", ")}\n  FROM ${walk} AS w CROSS JOIN ${arrays} AS m\n  WHERE w.node < 0\n)`,
  ];
}
