import { z } from "zod";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import { isBooleanExpression } from "../features/expression/ast.ts";
import type { ExpressionNode } from "../features/expression/ast.ts";
import { evaluateExpression } from "../features/expression/evaluate-expression.ts";
import { parseExpression } from "../features/expression/parse-expression.ts";
import type { ExpressionIssue } from "../features/expression/parse-expression.ts";
import { printExpression } from "../features/expression/print-expression.ts";
import type { Teacher, TeacherFailureCode } from "../llm/teacher.ts";
import { prompts } from "./prompts.ts";
import { sampleByLabel } from "./sample-by-label.ts";
import { tableColumns } from "./table-columns.ts";

/** A rule the teacher proposed: when `condition` holds, it suggests `label`. Becomes a 0/1 feature. */
export interface RuleFeature {
  name: string;
  label: string;
  /** Canonical text of the condition. */
  condition: string;
  ast: ExpressionNode;
  why: string;
  promptVersion: string;
  /** Share of training rows where the rule fires. */
  support: number;
  /** Among training rows where it fires, the share that carry `label` (null when it never fires). */
  precision: number | null;
}

/** Options for {@link proposeRules}. */
export interface ProposeRulesOptions {
  /** Who answers: an LLM (`openaiTeacher`) or any {@link Teacher}. */
  teacher: Teacher;
  /** The task in one sentence, e.g. "Is this email spam?". */
  task: string;
  /** The label set. */
  labels: readonly string[];
  /** Training rows (objects). */
  rows: readonly Record<string, unknown>[];
  /** Label of each training row (null = unknown), used for the sample and the rule statistics. */
  rowLabels: readonly (string | null)[];
  /** Columns rules may read. Default: every column of the rows. */
  columns?: readonly string[];
  /** Rules asked per label. Default 3. */
  perClass?: number;
  /** Labeled rows shown, balanced across labels. Default 20. */
  sampleSize?: number;
  /** Seed for the sample. Default 0. */
  seed?: number;
}

/** What {@link proposeRules} returns. */
export interface ProposeRulesResult {
  rules: RuleFeature[];
  rejected: { label: string; condition: string; reason: string; issues?: ExpressionIssue[] }[];
  promptVersion: string;
  failure?: string;
  /** What went wrong, as data, when `failure` is set: decide by this, never by reading `failure`. */
  failureCode?: TeacherFailureCode;
}

/**
 * FeatLLM-style rules: the teacher writes, for each label, conditions over the columns in
 * the safe expression language ("income > 50000 and debt < 0.3"). Each valid rule becomes a
 * binary feature (1 when it fires). Rules that do not parse, are not true/false conditions,
 * or never (or always) fire on the training rows are rejected with the reason.
 *
 * @example
 * const { rules } = await proposeRules({ teacher, task, labels: ["yes", "no"], rows, rowLabels });
 * rules[0]; // { label: "yes", condition: "age < 30 and balance > 1000", support: 0.12, precision: 0.81, ... }
 */
export async function proposeRules(options: ProposeRulesOptions): Promise<ProposeRulesResult> {
  const { teacher, rows, rowLabels, labels } = options;
  if (rows.length !== rowLabels.length) throw new UnderstudyError("length_mismatch", messages.teach.rowsLabelsLength("proposeRules", rows.length, rowLabels.length));
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r ?? {})))];
  const perClass = options.perClass ?? 3;
  const version = prompts.proposeRules.version;
  const sample = sampleByLabel(rowLabels, options.sampleSize ?? 20, options.seed ?? 0);
  const pick = (r: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, r[c]]));
  const chat = prompts.proposeRules.build({
    task: options.task, labels, perClass, columns: tableColumns(rows, columns),
    examples: sample.map((i) => ({ content: pick(rows[i]), label: rowLabels[i]! })),
  });
  const schema = z.object({
    rules: z.array(z.object({ label: z.enum(labels as [string, ...string[]]), condition: z.string().min(1).max(1000), why: z.string().max(500) })).max(perClass * labels.length),
  });
  const answer = await teacher.ask({ messages: chat, schemaName: "rules", schema, purpose: "rules" });
  if (!answer.ok) {
    logger().warn(`the teacher proposed no rules: ${answer.reason}.`);
    return { rules: [], rejected: [], promptVersion: version, failure: answer.reason, failureCode: answer.code };
  }
  const data = Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c])]));
  const rules: RuleFeature[] = [];
  const rejected: ProposeRulesResult["rejected"] = [];
  const seen = new Set<string>();
  for (const r of answer.data.rules) {
    const parsed = parseExpression(r.condition, { columns });
    if (!parsed.success) { rejected.push({ label: r.label, condition: r.condition, reason: `does not parse: ${parsed.issues[0].message}`, issues: parsed.issues }); continue; }
    const condition = printExpression(parsed.data);
    if (!isBooleanExpression(parsed.data)) { rejected.push({ label: r.label, condition, reason: "not a true/false condition (use a comparison, and, or, not)" }); continue; }
    if (seen.has(`${r.label}\u0000${condition}`)) { rejected.push({ label: r.label, condition, reason: "repeats another rule" }); continue; }
    const fires = evaluateExpression(parsed.data, data);
    let fired = 0;
    let right = 0;
    let known = 0;
    fires.forEach((v, i) => {
      if (v !== 1) return;
      fired++;
      if (rowLabels[i] !== null) { known++; if (rowLabels[i] === r.label) right++; }
    });
    if (fired === 0 || fired === rows.length) { rejected.push({ label: r.label, condition, reason: fired === 0 ? "never fires on the training rows" : "fires on every training row" }); continue; }
    seen.add(`${r.label}\u0000${condition}`);
    rules.push({
      name: `rule: ${condition} ⇒ ${r.label}`, label: r.label, condition, ast: parsed.data, why: r.why, promptVersion: version,
      support: fired / rows.length, precision: known ? right / known : null,
    });
  }
  return { rules, rejected, promptVersion: version };
}
