import { UnderstudyError } from "../core/errors.ts";
import type { Estimator, LinearModel, TreeModel, TreeStructure } from "../models/estimator.ts";
import { sqlDialect, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";

/** One computed column: `sql AS name`, with an optional one-line comment. */
export interface SQLColumn {
  name: string;
  sql: string;
  comment?: string;
}

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
}

/** Options for `modelToSQL`. */
export interface ModelToSQLOptions {
  dialect: SQLDialectName;
  /** One SQL expression per model feature, in the model's feature order (e.g. quoted column names). */
  featureSQL: string[];
  /** Prefix of the helper columns the stages define (default "_us_"). */
  prefix?: string;
}

/** EXP arguments are floored here: postgres raises an error when EXP underflows. */
const EXP_FLOOR = 700;

/**
 * Writes a fitted tree, forest, linear or logistic model as SQL expressions over the given
 * feature expressions. Reads `model.capabilities` and the `TreeModel` / `LinearModel` fields,
 * never the concrete class.
 *
 * - Trees: a nested CASE per tree gives the leaf; `x <= t` goes left; a NULL input goes where
 *   the model sends a missing value (`missingGoesLeft`). Forests average the trees' leaf values
 *   with the model's tree weights, summed in tree order as the in-process predict does.
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
    throw new UnderstudyError(
      "width_mismatch",
      `modelToSQL: ${featureSQL.length} feature expressions for a model fitted on ${model.nFeatures} features; pass one per feature, in the model's order.`,
    );
  }
  const classification = caps.task === "classification";
  const classes = model.classes ?? [];
  if (classification && classes.length < 2) {
    throw new UnderstudyError("not_fitted", `modelToSQL: ${model.kind} has no classes; fit it before exporting.`);
  }
  const col = (name: string) => d.identifier(prefix + name);
  // For comments only: which class each probability column holds.
  const classNames = classification ? classes.map((c) => JSON.stringify(c)) : undefined;

  let stages: SQLColumn[][];
  let outputs: string[];
  if (caps.trees) {
    ({ stages, outputs } = treeStages(model as unknown as Estimator & TreeModel, d, featureSQL, col, classNames));
  } else if (caps.coefficients) {
    ({ stages, outputs } = linearStages(model as unknown as Estimator & LinearModel, d, featureSQL, col, classNames));
  } else {
    throw new UnderstudyError(
      "no_sql_form",
      `modelToSQL: ${model.kind} has no SQL form (it predicts from stored training rows); choose a tree, forest or linear/logistic model to export as SQL.`,
    );
  }
  if (!classification) return { stages, prediction: outputs[0] };

  const prediction = argmaxCase(outputs, classes.map((c) => d.label(c)));
  return { stages, prediction, probability: d.greatest(outputs), classProbabilities: outputs };
}

/** The first class whose probability is at least every later one's: the first maximum. */
function argmaxCase(probs: string[], labels: string[]): string {
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
    throw new UnderstudyError("not_fitted", `modelToSQL: ${model.kind} has no trees; fit it before exporting.`);
  }
  const leafStage: SQLColumn[] = trees.map((tree, t) => ({
    name: `leaf${t}`,
    sql: treeCase(tree, 0, d, featureSQL, 0),
    comment: trees.length > 1 ? `tree ${t + 1} of ${trees.length}: the leaf each row reaches` : "the leaf each row reaches",
  }));
  const outputStage: SQLColumn[] = [];
  for (let k = 0; k < nOutputs; k++) {
    // Σ_t w_t · value_t[k], left to right in tree order: the same float operations as predict.
    const terms = trees.map((tree, t) => {
      const leafValue = leafValueCase(tree, col(`leaf${t}`), k, d);
      return treeWeights[t] === 1 ? leafValue : `${d.number(treeWeights[t])} * ${leafValue}`;
    });
    outputStage.push({
      name: classNames ? `p${k}` : "value",
      sql: terms.join("\n  + "),
      comment: classNames ? `probability of ${classNames[k]}` : "predicted value",
    });
  }
  return { stages: [leafStage, outputStage], outputs: outputStage.map((c) => col(c.name)) };
}

/** Nested CASE returning the id of the leaf a row reaches. */
function treeCase(tree: TreeStructure, node: number, d: SQLDialect, featureSQL: string[], depth: number): string {
  if (tree.left[node] < 0) return String(node);
  const x = featureSQL[tree.feature[node]];
  if (x === undefined) {
    throw new UnderstudyError("bad_tree", `modelToSQL: tree node ${node} splits on feature ${tree.feature[node]}, which has no SQL expression.`);
  }
  // NULL <= t is NULL, which CASE treats as false: without the IS NULL test missing goes right.
  const test = tree.missingGoesLeft[node] ? `${x} <= ${d.number(tree.threshold[node])} OR ${x} IS NULL` : `${x} <= ${d.number(tree.threshold[node])}`;
  const pad = "  ".repeat(depth);
  const left = treeCase(tree, tree.left[node], d, featureSQL, depth + 1);
  const right = treeCase(tree, tree.right[node], d, featureSQL, depth + 1);
  return `CASE\n${pad}  WHEN ${test} THEN ${left}\n${pad}  ELSE ${right}\n${pad}END`;
}

/**
 * CASE over a leaf id returning output k of that leaf. Leaves are grouped by value and the
 * most common value becomes the ELSE (in pure leaves most class probabilities are 0), which
 * keeps forests' SQL small without changing a single value.
 */
function leafValueCase(tree: TreeStructure, leafColumn: string, k: number, d: SQLDialect): string {
  const byValue = new Map<number, number[]>();
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.left[node] >= 0) continue;
    const v = tree.value[node * tree.nOutputs + k];
    const group = byValue.get(v);
    if (group) group.push(node);
    else byValue.set(v, [node]);
  }
  const groups = [...byValue];
  let common = 0;
  groups.forEach(([, nodes], g) => {
    if (nodes.length > groups[common][1].length) common = g;
  });
  if (groups.length === 1) return d.number(groups[0][0]);
  const whens = groups
    .filter((_, g) => g !== common)
    .map(([v, nodes]) => `WHEN ${leafColumn} ${nodes.length === 1 ? `= ${nodes[0]}` : `IN (${nodes.join(", ")})`} THEN ${d.number(v)}`);
  return `CASE ${whens.join(" ")} ELSE ${d.number(groups[common][0])} END`;
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
  if (!classNames) {
    if (link !== "identity") throw new UnderstudyError("bad_model", `modelToSQL: a regressor with link "${link}" cannot be exported.`);
    return { stages: [scores], outputs: [col(scores[0].name)] };
  }
  // Every EXP argument here is <= 0; the floor keeps postgres from raising an underflow error.
  const exp = (x: string) => `EXP(${d.greatest([x, d.number(-EXP_FLOOR)])})`;
  if (link === "logistic") {
    // The same numerically stable sigmoid as LogisticRegression.predictProba.
    const z = col("score");
    const one = d.number(1);
    const p1: SQLColumn = {
      name: "p1",
      sql: `CASE WHEN ${z} >= 0 THEN ${one} / (${one} + ${exp(`-${z}`)}) ELSE ${exp(z)} / (${one} + ${exp(z)}) END`,
      comment: `probability of ${classNames[1]}`,
    };
    const p0: SQLColumn = { name: "p0", sql: `${one} - ${col("p1")}`, comment: `probability of ${classNames[0]}` };
    return { stages: [scores, [p1], [p0]], outputs: [col("p0"), col("p1")] };
  }
  if (link !== "softmax") throw new UnderstudyError("bad_model", `modelToSQL: a classifier with link "${link}" cannot be exported.`);
  const z = scores.map((s) => col(s.name));
  const max: SQLColumn = { name: "max_score", sql: d.greatest(z), comment: "largest score, subtracted for stability" };
  const e: SQLColumn[] = z.map((zk, k) => ({ name: `exp${k}`, sql: exp(`${zk} - ${col("max_score")}`) }));
  const sum = e.map((c) => col(c.name)).join(" + ");
  const p: SQLColumn[] = e.map((c, k) => ({ name: `p${k}`, sql: `${col(c.name)} / (${sum})`, comment: `probability of ${classNames[k]}` }));
  return { stages: [scores, [max], e, p], outputs: p.map((c) => col(c.name)) };
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
