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
 * left; a NULL feature goes where the node sends missing values. The text is ≈ 35 bytes a node.
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
  const [splits, leaves, walk, result] = [name("splits"), name("leaves"), name("walk"), name("sums")];
  const values = Array.from({ length: nOutputs }, (_, k) => `c${k}`);

  const splitRows: string[] = [];
  const leafRows: string[] = [];
  const used = new Set<number>();
  trees.forEach((tree, t) => {
    for (let node = 0; node < tree.nodeCount; node++) {
      if (tree.left[node] < 0) {
        // The weighted value, computed here as predict computes it (tw * value).
        const weighted = values.map((_, k) => d.number(treeWeights[t] * tree.value[node * nOutputs + k]));
        leafRows.push(`(${t},${node},${weighted.join(",")})`);
        continue;
      }
      const f = tree.feature[node];
      if (input.featureColumns[f] === undefined) throw new UnderstudyError("bad_model_json", messages.export.splitWithoutFeature(node, f));
      used.add(f);
      splitRows.push(`(${t},${node},${f},${d.number(tree.threshold[node])},${tree.left[node]},${tree.right[node]},${tree.missingGoesLeft[node]})`);
    }
  });
  // Trees that are one leaf leave no splits: a typed empty table keeps the walk valid.
  if (splitRows.length === 0) splitRows.push(`(-1,-1,-1,${d.number(0)},-1,-1,0)`);

  const features = [...used].sort((a, b) => a - b);
  const carried = features.map((f) => `x${f}`);
  const x = features.length === 0 ? d.number(0) : `CASE s.feature ${features.map((f) => `WHEN ${f} THEN w.x${f}`).join(" ")} END`;
  const step = `CASE WHEN ${x} <= s.threshold THEN s.left_node WHEN ${x} > s.threshold THEN s.right_node WHEN s.missing_left = 1 THEN s.left_node ELSE s.right_node END`;
  const walkColumns = ["id", "tree", "node", ...carried].join(", ");
  const rootFeatures = features.map((f) => `, i.${input.featureColumns[f]}`).join("");
  const stepFeatures = carried.map((c) => `, w.${c}`).join("");
  const sums = values.map((c) => `SUM(l.${c} ORDER BY w.tree) AS ${c}`).join(", ");
  const m = "MATERIALIZED ";
  return {
    ctes: [
      `${splits}(tree, node, feature, threshold, left_node, right_node, missing_left) AS ${m}(\n  VALUES\n${splitRows.join(",\n")}\n)`,
      `${leaves}(tree, node, ${values.join(", ")}) AS ${m}(\n  VALUES\n${leafRows.join(",\n")}\n)`,
      // One row per (input row, tree) per level: the root, then the child the row goes to.
      `${walk}(${walkColumns}) AS (\n  SELECT i.${input.id}, r.tree, 0${rootFeatures}\n  FROM ${input.table} AS i CROSS JOIN (SELECT DISTINCT tree FROM ${leaves}) AS r\n` +
        `  UNION ALL\n  SELECT w.id, w.tree, ${step}${stepFeatures}\n  FROM ${walk} AS w JOIN ${splits} AS s ON s.tree = w.tree AND s.node = w.node\n)`,
      // Σ_t w_t · value_t in tree order, as predict adds them.
      `${result} AS ${m}(\n  SELECT w.id, ${sums}\n  FROM ${walk} AS w JOIN ${leaves} AS l ON l.tree = w.tree AND l.node = w.node\n  GROUP BY w.id\n)`,
    ],
    result,
    outputs: values.map((c) => `${result}.${c}`),
  };
}
