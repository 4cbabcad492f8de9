import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Estimator, LinearModel, TreeModel, TreeStructure } from "../models/estimator.ts";
import { isLinearModel, isTreeModel } from "../models/model-kinds.ts";
import { isAdditiveModel } from "../models/ebm/additive-model.ts";
import { additiveStages } from "./additive-to-sql.ts";
import { sqlDialect, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";
import { treeWalkSQL, type TreeWalkInput } from "./tree-walk-sql.ts";
import { linkStages } from "./link-to-sql.ts";
import type { SQLColumn } from "./sql-column.ts";

export type { SQLColumn } from "./sql-column.ts";

/**
 * A model as SQL. `stages` are computed in order (one CTE each in `toSQL`); a stage refers to
 * the columns of earlier stages by their quoted names. `prediction`, `probability` and
 * `classProbabilities` are expressions over the columns of every stage.
 */
export interface ModelSQL {
  stages: SQLColumn[][];
  prediction: string;
  /** Classifiers: the probability of the predicted class. */
  probability?: string;
  /** Classifiers: one expression per class, in `model.classes` order. */
  classProbabilities?: string[];
  /**
   * Tree models written as node tables (`walk` option): CTEs to define after the features, and
   * the one whose rows (`id`, then the outputs) the expressions above read, joined on the row id.
   */
  tables?: { ctes: string[]; result: string };
}

/** Options for `modelToSQL`. */
export interface ModelToSQLOptions {
  /** The SQL engine to write for: "duckdb", "sqlite", "postgres", "bigquery" or "spark". */
  dialect: SQLDialectName;
  /** One SQL expression per model feature, in the model's feature order (e.g. quoted column names). */
  featureSQL: string[];
  /** Prefix of the helper columns the stages define (default "_us_"). */
  prefix?: string;
  /**
   * Write a tree model as node tables walked by a recursive CTE over this input (see
   * `treeWalkSQL`) instead of CASE expressions. Ignored for other models.
   */
  walk?: TreeWalkInput;
}

/** Past this many nodes in all, a tree model's SQL (≈ 40 bytes a node as tables) is refused: see `toSQL`. */
const MAX_SQL_NODES = 2_000_000;

/** EXP arguments are floored here: postgres raises an error when EXP underflows. */

/**
 * Writes a fitted tree, forest, linear or logistic model as SQL expressions over the given
 * feature expressions. Reads `model.capabilities` and the `TreeModel` / `LinearModel` fields,
 * never the concrete class.
 *
 * - Trees: for each output (class probability or value) one CASE per tree gives the leaf's
 *   value; `x <= t` goes left; a NULL input goes where the model sends a missing value
 *   (`missingGoesLeft`); subtrees with one value collapse. The top levels nest (a binary
 *   search); below 6 levels each subtree is one flat CASE with a WHEN per leaf, so
 *   the nesting never grows with the tree's depth (SQLite's parser overflows at ~20 levels). Forests weight the trees' values
 *   with the model's tree weights, summed in tree order as the in-process predict does. (A
 *   leaf-id column read by per-class CASEs measured 2–3× slower in DuckDB: its optimizer
 *   copies the inlined leaf expression into every reference.) With the `walk` option, trees are
 *   node tables walked by a recursive CTE instead (`treeWalkSQL`; `tables` in the result).
 *   Either way, more than 2,000,000 nodes in all is refused (`no_sql_form`).
 * - Linear: `intercept + Σ coef·x`; logistic `1 / (1 + EXP(-z))`; softmax subtracts the
 *   largest score before EXP, then normalizes. EXP arguments (all <= 0) are floored at -700
 *   (e^-700 ≈ 1e-304 instead of a smaller number changes no probability by more than that).
 * - Classifiers predict the class of highest probability; ties go to the first class in
 *   `model.classes` order, like `predict`.
 *
 * k-NN has no SQL form and gets a clear error.
 *
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, y, { featureNames: ["a", "b"] });
 * const sql = modelToSQL(tree, { dialect: "duckdb", featureSQL: ['"a"', '"b"'] });
 * sql.prediction; // CASE WHEN "_us_p0" >= "_us_p1" THEN 'ham' ELSE 'spam' END
 */
export function modelToSQL(model: Estimator, options: ModelToSQLOptions): ModelSQL {
  const d = sqlDialect(options.dialect);
  const prefix = options.prefix ?? "_us_";
  const { featureSQL } = options;
  const caps = model.capabilities;
  if (featureSQL.length !== model.nFeatures) {
    throw new UnderstudyError("width_mismatch", messages.export.featureSQLWidth("modelToSQL", featureSQL.length, model.nFeatures));
  }
  const classification = caps.task === "classification";
  const classes = model.classes ?? [];
  if (classification && classes.length < 2) {
    throw new UnderstudyError("not_fitted", messages.export.noClasses(model.kind));
  }
  const col = (name: string) => d.identifier(prefix + name);
  // For comments only: which class each probability column holds.
  const classNames = classification ? classes.map((c) => JSON.stringify(c)) : undefined;

  let stages: SQLColumn[][];
  let outputs: string[];
  let tables: ModelSQL["tables"];
  if (isTreeModel(model)) {
    const nodes = (model.trees ?? []).reduce((n, t) => n + t.nodeCount, 0);
    if (nodes > MAX_SQL_NODES) throw new UnderstudyError("no_sql_form", messages.export.forestTooLarge(nodes, MAX_SQL_NODES));
  }
  if (isTreeModel(model) && options.walk) {
    const walk = treeWalkSQL(model, d, options.walk, prefix);
    stages = [];
    outputs = walk.outputs;
    tables = { ctes: walk.ctes, result: walk.result };
  } else if (isTreeModel(model)) {
    ({ stages, outputs } = treeStages(model, d, featureSQL, col, classNames));
  } else if (isLinearModel(model)) {
    ({ stages, outputs } = linearStages(model, d, featureSQL, col, classNames));
  } else if (isAdditiveModel(model)) {
    ({ stages, outputs } = additiveStages(model, d, featureSQL, col, classNames));
  } else {
    throw new UnderstudyError("no_sql_form", messages.export.noModelSQL(model.kind));
  }
  if (!classification) return { stages, prediction: outputs[0], tables };

  const prediction = argmaxCase(outputs, classes.map((c) => d.label(c)));
  return { stages, prediction, probability: d.greatest(outputs), classProbabilities: outputs, tables };
}

/**
 * The first class whose probability is at least every later one's: the first maximum.
 *
 * @example
 * argmaxCase(['"_us_p0"', '"_us_p1"'], ["'ham'", "'spam'"]); // CASE WHEN "_us_p0" >= "_us_p1" THEN 'ham' ELSE 'spam' END
 */
export function argmaxCase(probs: string[], labels: string[]): string {
  const whens: string[] = [];
  for (let k = 0; k < probs.length - 1; k++) {
    const tests = probs.slice(k + 1).map((p) => `${probs[k]} >= ${p}`);
    whens.push(`WHEN ${tests.join(" AND ")} THEN ${labels[k]}`);
  }
  return `CASE ${whens.join(" ")} ELSE ${labels[labels.length - 1]} END`;
}

function treeStages(
  model: Estimator & TreeModel,
  d: SQLDialect,
  featureSQL: string[],
  col: (name: string) => string,
  classNames: string[] | undefined,
): { stages: SQLColumn[][]; outputs: string[] } {
  const { trees, treeWeights } = model;
  const nOutputs = classNames?.length ?? 1;
  if (!trees || trees.length === 0) {
    throw new UnderstudyError("not_fitted", messages.export.noTrees(model.kind));
  }
  const outputStage: SQLColumn[] = [];
  for (let k = 0; k < nOutputs; k++) {
    // Σ_t w_t · value_t[k], left to right in tree order: the same float operations as predict.
    const terms = trees.map((tree, t) => {
      const leafValue = treeCase(tree, 0, d, featureSQL, 0, (node) => d.number(tree.value[node * tree.nOutputs + k]));
      return treeWeights[t] === 1 ? leafValue : `${d.number(treeWeights[t])} * ${leafValue}`;
    });
    outputStage.push({
      name: classNames ? `p${k}` : "value",
      sql: terms.join("\n  + "),
      comment: classNames ? `probability of ${classNames[k]}` : "predicted value",
    });
  }
  return { stages: [outputStage], outputs: outputStage.map((c) => col(c.name)) };
}

/** Trees nest CASEs this many levels deep at most; deeper subtrees become one flat CASE. */
const NESTED_LEVELS = 6;

type Leaf = (node: number) => string;

/**
 * CASE returning `leaf(node)` at the leaf a row reaches: nested for the top NESTED_LEVELS
 * levels, then one flat CASE per subtree. Subtrees whose leaves all give the same value
 * collapse into that value.
 */
function treeCase(tree: TreeStructure, node: number, d: SQLDialect, featureSQL: string[], depth: number, leaf: Leaf): string {
  const same = uniformValue(tree, node, leaf);
  if (same !== undefined) return same;
  if (depth >= NESTED_LEVELS) return flatCase(tree, node, d, featureSQL, leaf);
  const left = treeCase(tree, tree.left[node], d, featureSQL, depth + 1, leaf);
  const right = treeCase(tree, tree.right[node], d, featureSQL, depth + 1, leaf);
  const pad = "  ".repeat(depth);
  return `CASE\n${pad}  WHEN ${goesLeft(tree, node, d, featureSQL)} THEN ${left}\n${pad}  ELSE ${right}\n${pad}END`;
}

/**
 * One flat CASE over the leaves of a subtree, in depth-first order (left first). A leaf's WHEN
 * tests only the splits where its path goes left: had the row gone right at a split where the
 * path goes left, the row would be in a later leaf; had it gone left where the path goes right,
 * it would be in an earlier leaf, whose WHEN already matched. The last leaf is the ELSE.
 */
function flatCase(tree: TreeStructure, root: number, d: SQLDialect, featureSQL: string[], leaf: Leaf): string {
  const whens: { tests: string[]; value: string }[] = [];
  const walk = (node: number, tests: string[]) => {
    const same = uniformValue(tree, node, leaf);
    if (same !== undefined) {
      whens.push({ tests, value: same });
      return;
    }
    walk(tree.left[node], [...tests, `(${goesLeft(tree, node, d, featureSQL)})`]);
    walk(tree.right[node], tests);
  };
  walk(root, []);
  const last = whens.pop()!;
  return `CASE ${whens.map((w) => `WHEN ${w.tests.join(" AND ")} THEN ${w.value}`).join(" ")} ELSE ${last.value} END`;
}

/** The split's test: true sends the row left. */
function goesLeft(tree: TreeStructure, node: number, d: SQLDialect, featureSQL: string[]): string {
  const x = featureSQL[tree.feature[node]];
  if (x === undefined) throw new UnderstudyError("bad_model_json", messages.export.splitWithoutFeature(node, tree.feature[node]));
  // NULL <= t is NULL, which CASE treats as false: without the IS NULL test missing goes right.
  const test = `${x} <= ${d.number(tree.threshold[node])}`;
  return tree.missingGoesLeft[node] ? `${test} OR ${x} IS NULL` : test;
}

/** The value every leaf under `node` gives, or undefined when they differ. */
function uniformValue(tree: TreeStructure, node: number, leaf: Leaf): string | undefined {
  if (tree.left[node] < 0) return leaf(node);
  const left = uniformValue(tree, tree.left[node], leaf);
  return left !== undefined && left === uniformValue(tree, tree.right[node], leaf) ? left : undefined;
}

function linearStages(
  model: Estimator & LinearModel,
  d: SQLDialect,
  featureSQL: string[],
  col: (name: string) => string,
  classNames: string[] | undefined,
): { stages: SQLColumn[][]; outputs: string[] } {
  const { coefficients, intercepts, link } = model;
  const scores: SQLColumn[] = coefficients.map((row, k) => ({
    name: coefficients.length === 1 ? "score" : `score${k}`,
    sql: linearSum(intercepts[k], row, featureSQL, d),
    comment: !classNames ? "predicted value" : link === "logistic" ? `log-odds of ${classNames[1]}` : `score of ${classNames[k]}`,
  }));
  return linkStages(scores, link, classNames, d, col);
}

/** `b + c0 * x0 - c1 * x1 ...`, left to right; zero coefficients are skipped (adding 0·x changes nothing). */
function linearSum(intercept: number, coefs: number[], featureSQL: string[], d: SQLDialect): string {
  let sql = d.number(intercept);
  coefs.forEach((c, j) => {
    if (c === 0) return;
    sql += `\n  ${c < 0 ? "-" : "+"} ${d.number(Math.abs(c))} * ${featureSQL[j]}`;
  });
  return sql;
}
