import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkRows, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** The rate of the favourable outcome in one group (e.g. approval rate among applicants over 60). */
export interface FairnessGroupRow {
  group: string;
  /** Share of the group given the outcome, in [0, 1]. */
  rate: number;
  /** Rows in the group. */
  count?: number;
}

/** Options for {@link fairnessChart}. */
export interface FairnessChartOptions {
  /**
   * Group the others are compared with. Default: the group with the highest rate (the first
   * such on a tie), the four-fifths rule's reference and `fairnessByGroup`'s default.
   */
  referenceGroup?: string;
  /** Disparate-impact ratio under which a group is flagged. Default 0.8 (the four-fifths rule). */
  threshold?: number;
  /** Name of the outcome, e.g. "Approval rate". Default "Positive rate". */
  outcome?: string;
  /** Name of the attribute, e.g. "Age band". Default "Group". */
  attribute?: string;
  /** Default "<outcome> by <attribute>". */
  title?: string;
  /** Line under the title. Default: what the dashed line is and how many groups fall below it. */
  subtitle?: string;
}

interface Row extends FairnessGroupRow {
  /**
   * rate / the reference group's rate, as `fairnessByGroup`'s `ratioToReference`. Left out where
   * the reference rate is 0 (no ratio is defined; fairnessByGroup gives NaN), so the group is "ok".
   */
  ratio?: number;
  status: "below threshold" | "ok";
}

/**
 * Rate of the outcome per group with the disparate-impact line at `threshold` × the reference
 * group's rate; groups under the line are coloured as flagged. Given `fairnessByGroup`'s groups
 * (`{ group, rate: positiveRate, count: n }`) it shows the same ratios and reference.
 *
 * @example
 * fairnessChart([{ group: "under 30", rate: 0.42, count: 120 }, { group: "30-60", rate: 0.55, count: 300 }],
 *   { outcome: "Approval rate", attribute: "Age band" });
 */
export function fairnessChart(
  groups: readonly FairnessGroupRow[],
  options: FairnessChartOptions = {},
): VegaLiteSpec<Row> {
  checkRows("fairnessChart", groups, ["rate"], ["count"]);
  const threshold = options.threshold ?? 0.8;
  const reference = options.referenceGroup === undefined
    ? [...groups].sort((a, b) => b.rate - a.rate)[0]!
    : groups.find((g) => g.group === options.referenceGroup);
  if (reference === undefined) {
    throw new UnderstudyError("bad_option", messages.charts.unknownReferenceGroup(options.referenceGroup, groups.map((g) => g.group)));
  }
  const values: Row[] = groups.map((g) => {
    if (!(reference.rate > 0)) return { ...g, status: "ok" };
    const ratio = g.rate / reference.rate;
    return { ...g, ratio, status: ratio < threshold ? "below threshold" : "ok" };
  });
  const outcome = options.outcome ?? "Positive rate";
  const attribute = options.attribute ?? "Group";
  const line = threshold * reference.rate;
  const flagged = values.filter((v) => v.status !== "ok").length;
  return plainTitles({
    ...specHead(
      options.title ?? `${outcome} by ${attribute.toLowerCase()}`,
      options.subtitle ?? `Dashed line: ${Math.round(threshold * 100)}% of "${reference.group}" (${flagged} group${flagged === 1 ? "" : "s"} below)`,
      `${outcome} for ${values.length} groups against the ${threshold} disparate-impact line.`,
    ),
    data: { values },
    width: 420,
    height: { step: 24 },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y: { field: "group", type: "nominal", title: attribute, sort: null },
          x: { field: "rate", type: "quantitative", title: outcome, axis: { format: "~%" }, scale: { domain: [0, 1] } },
          color: {
            field: "status",
            type: "nominal",
            title: "Disparate impact",
            scale: { domain: ["ok", "below threshold"], range: ["#4c78a8", "#e45756"] },
          },
          tooltip: [
            { field: "group", type: "nominal", title: attribute },
            { field: "rate", type: "quantitative", title: outcome, format: ".1%" },
            { field: "ratio", type: "quantitative", title: "Ratio to reference", format: ".2f" },
            ...(values.some((v) => v.count !== undefined) ? [{ field: "count", type: "quantitative", title: "Rows" }] : []),
          ],
        },
      },
      {
        data: { values: [{ line }] },
        mark: { type: "rule", color: "#333333", strokeDash: [4, 3] },
        encoding: { x: { field: "line", type: "quantitative" } },
      },
    ],
  });
}
