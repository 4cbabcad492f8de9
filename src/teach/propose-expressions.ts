import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import { Matrix } from "../data/matrix.ts";
import { crossValidate } from "../evaluate/cross-validate.ts";
import { evaluateExpression } from "../features/expression/evaluate-expression.ts";
import { parseExpression } from "../features/expression/parse-expression.ts";
import type { ExpressionIssue } from "../features/expression/parse-expression.ts";
import { printExpression } from "../features/expression/print-expression.ts";
import type { ExpressionNode } from "../features/expression/ast.ts";
import type { Teacher, TeacherFailureCode } from "../llm/teacher.ts";
import type { Estimator } from "../models/estimator.ts";
import { LogisticRegression } from "../models/logistic-regression.ts";
import { prompts } from "./prompts.ts";
import { sampleByLabel } from "./sample-by-label.ts";
import { tableColumns } from "./table-columns.ts";

/** A derived feature the teacher proposed and cross-validation accepted. */
export interface ExpressionFeature {
  name: string;
  /** Canonical text of the expression (printExpression of `ast`). */
  expression: string;
  ast: ExpressionNode;
  why: string;
  promptVersion: string;
  /** Cross-validated score gain when it was added. */
  gain: number;
}

/** Options for {@link proposeExpressions}. */
export interface ProposeExpressionsOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The task in one sentence, e.g. "Is this email spam?". */
  task: string;
  /** Training rows (objects). */
  rows: readonly Record<string, unknown>[];
  /** The label of each training row (teacher or gold); null rows are left out of the CV. */
  rowLabels: readonly (string | null)[];
  /** Columns expressions may read. Default: every column of the rows. */
  columns?: readonly string[];
  /** Most expressions to ask for. Default 6. */
  k?: number;
  /** Sample rows shown to the teacher. Default 20. */
  sampleSize?: number;
  /** CV folds. Default 3. */
  folds?: number;
  /** Smallest CV accuracy gain that keeps a feature. Default 0.002. */
  minGain?: number;
  /** The model scored in CV. Default logistic regression (L2, C = 1). */
  makeModel?: () => Estimator;
  /** Seed for the sample and the CV folds. Default 0. */
  seed?: number;
}

/** What {@link proposeExpressions} returns. */
export interface ProposeExpressionsResult {
  kept: ExpressionFeature[];
  rejected: { name: string; expression: string; reason: string; issues?: ExpressionIssue[]; gain?: number }[];
  /** CV accuracy on the numeric columns alone, and with the kept features. */
  baseScore: number;
  finalScore: number;
  promptVersion: string;
  failure?: string;
  /** What went wrong, as data, when `failure` is set: decide by this, never by reading `failure`. */
  failureCode?: TeacherFailureCode;
}

/**
 * Asks the teacher for derived features (ratios, logs, thresholds, combinations) in the
 * safe expression language, then keeps each one only if it improves the cross-validated
 * accuracy of a small model over the features kept so far (CAAFE's rule, greedily in the
 * teacher's order). Expressions that do not parse, or read unknown columns, are rejected
 * with the parser's issues and never evaluated.
 *
 * Baseline features: the numeric and boolean columns as numbers; missing values (and
 * expression results that are NaN) are imputed with the column's median for scoring only.
 *
 * @example
 * const r = await proposeExpressions({ teacher, task: "Will the loan default?", rows, rowLabels: labels });
 * r.kept;   // [{ name: "debt_ratio", expression: "debt / income", gain: 0.04, ... }]
 */
export async function proposeExpressions(options: ProposeExpressionsOptions): Promise<ProposeExpressionsResult> {
  const { teacher, rows, rowLabels } = options;
  if (rows.length !== rowLabels.length) throw new UnderstudyError("length_mismatch", messages.teach.rowsLabelsLength("proposeExpressions", rows.length, rowLabels.length));
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r ?? {})))];
  const k = options.k ?? 6;
  const version = prompts.proposeExpressions.version;
  const described = tableColumns(rows, columns);
  const sample = sampleByLabel(rowLabels, options.sampleSize ?? 20, options.seed ?? 0);
  const pick = (r: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, r[c]]));
  const chat = prompts.proposeExpressions.build({
    task: options.task, labels: [...new Set(rowLabels.filter((l): l is string => l !== null))].sort(), k, columns: described,
    examples: sample.map((i) => ({ content: pick(rows[i]), label: rowLabels[i]! })),
  });
  const schema = z.object({ features: z.array(z.object({ name: z.string().min(1).max(80), expression: z.string().min(1).max(1000), why: z.string().max(500) })).max(k) });
  const answer = await teacher.ask({ messages: chat, schemaName: "expressions", schema, purpose: "expressions" });
  const used = rows.map((_, i) => i).filter((i) => rowLabels[i] !== null);
  const y = used.map((i) => rowLabels[i]!);
  const numeric = described.filter((c) => c.type === "number" || c.type === "boolean").map((c) => c.name);
  const base = numeric.map((c) => imputed(used.map((i) => rows[i][c])));
  const score = (cols: Float64Array[]): number => cvScore(cols, y, options);
  const baseScore = score(base);
  if (!answer.ok) {
    logger().warn(`the teacher proposed no expressions: ${answer.reason}.`);
    return { kept: [], rejected: [], baseScore, finalScore: baseScore, promptVersion: version, failure: answer.reason, failureCode: answer.code };
  }
  const kept: ExpressionFeature[] = [];
  const rejected: ProposeExpressionsResult["rejected"] = [];
  const current = [...base];
  let currentScore = baseScore;
  const names = new Set<string>();
  for (const f of answer.data.features) {
    const parsed = parseExpression(f.expression, { columns });
    if (!parsed.success) {
      rejected.push({ name: f.name, expression: f.expression, reason: `does not parse: ${parsed.issues[0].message}`, issues: parsed.issues });
      continue;
    }
    const text = printExpression(parsed.data);
    if (names.has(text)) { rejected.push({ name: f.name, expression: text, reason: "repeats a kept expression" }); continue; }
    const values = evaluateExpression(parsed.data, Object.fromEntries(columns.map((c) => [c, used.map((i) => rows[i][c])])));
    const column = imputed(Array.from(values));
    const s = score([...current, column]);
    const gain = s - currentScore;
    if (gain > (options.minGain ?? 0.002)) {
      kept.push({ name: f.name, expression: text, ast: parsed.data, why: f.why, promptVersion: version, gain });
      names.add(text);
      current.push(column);
      currentScore = s;
    } else {
      rejected.push({ name: f.name, expression: text, reason: `cross-validated accuracy did not improve (${gain >= 0 ? "+" : ""}${gain.toFixed(4)})`, gain });
    }
  }
  return { kept, rejected, baseScore, finalScore: currentScore, promptVersion: version };
}

function imputed(values: readonly unknown[]): Float64Array {
  const x = Float64Array.from(values, (v) => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN));
  const present = Array.from(x).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const median = present.length ? present[Math.floor(present.length / 2)] : 0;
  return x.map((v) => (Number.isFinite(v) ? v : median));
}

function cvScore(columns: Float64Array[], y: string[], options: ProposeExpressionsOptions): number {
  const n = y.length;
  const data = new Float64Array(n * Math.max(1, columns.length));
  // With no numeric columns at all, a constant column gives the majority-class baseline.
  if (columns.length === 0) data.fill(1);
  // Standardize each column: the L2 penalty then weighs every feature alike, so a proposal
  // is not rejected only because its values are large or small (affine, so no information changes).
  columns.forEach((c, j) => {
    let mean = 0;
    for (const v of c) mean += v / n;
    let variance = 0;
    for (const v of c) variance += (v - mean) ** 2 / n;
    const scale = variance > 0 ? Math.sqrt(variance) : 1;
    c.forEach((v, i) => (data[i * columns.length + j] = (v - mean) / scale));
  });
  const X = new Matrix(data, n, Math.max(1, columns.length));
  const makeModel = options.makeModel ?? (() => new LogisticRegression({ penalty: "l2", C: 1 }) as Estimator);
  return crossValidate(makeModel, X, y, { folds: options.folds ?? 3, seed: options.seed ?? 0 }).mean;
}
