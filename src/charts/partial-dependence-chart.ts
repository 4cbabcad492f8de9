import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkNumber, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** Partial dependence of the output on one numeric feature, with optional ICE curves. */
export interface PartialDependenceInput {
  feature: string;
  /** Feature values where the model was evaluated, ascending. */
  grid: number[];
  /** Mean output at each grid value (the partial dependence). */
  average: number[];
  /** One curve per sampled row (individual conditional expectation), each as long as grid. */
  ice?: number[][];
}

/** Options for {@link partialDependenceChart}. */
export interface PartialDependenceChartOptions {
  /** What the output is, e.g. "P(spam)". Default "Model output". */
  output?: string;
  /** Default "Partial dependence on <feature>". */
  title?: string;
  /** Line under the title. Default: how many ICE rows are drawn (none without ICE). */
  subtitle?: string;
}

interface Point {
  curve: string;
  x: number;
  y: number;
}

/**
 * Partial dependence (thick line) over thin ICE lines, one per sampled row: how the output
 * moves when only this feature changes.
 *
 * @example
 * partialDependenceChart({ feature: "income", grid: [10, 20, 30], average: [0.2, 0.4, 0.5],
 *   ice: [[0.1, 0.3, 0.4], [0.3, 0.5, 0.6]] }, { output: "P(approve)" });
 */
export function partialDependenceChart(
  input: PartialDependenceInput,
  options: PartialDependenceChartOptions = {},
): VegaLiteSpec<Point> {
  const name = "partialDependenceChart";
  const { grid, average, ice = [] } = input;
  if (!Array.isArray(grid) || grid.length < 2 || !Array.isArray(average) || average.length !== grid.length) {
    throw new UnderstudyError("bad_input", messages.charts.dependenceGrid(name, grid?.length ?? 0, average?.length ?? 0));
  }
  ice.forEach((curve, i) => {
    if (!Array.isArray(curve) || curve.length !== grid.length) {
      throw new UnderstudyError("length_mismatch", messages.charts.iceLength(name, i, curve?.length ?? 0, grid.length));
    }
  });
  const values: Point[] = [];
  ice.forEach((curve, i) =>
    curve.forEach((y, j) => {
      checkNumber(name, `ice[${i}][${j}]`, y);
      values.push({ curve: `row ${i + 1}`, x: grid[j]!, y });
    }),
  );
  grid.forEach((x, j) => {
    checkNumber(name, `grid[${j}]`, x);
    checkNumber(name, `average[${j}]`, average[j]);
    values.push({ curve: "average", x, y: average[j]! });
  });
  const output = options.output ?? "Model output";
  const x = { field: "x", type: "quantitative", title: input.feature, scale: { zero: false } };
  const y = { field: "y", type: "quantitative", title: output, scale: { zero: false } };
  return plainTitles({
    ...specHead(
      options.title ?? `Partial dependence on ${input.feature}`,
      options.subtitle ?? (ice.length > 0 ? `Average (dark) over ${ice.length} individual rows (light)` : undefined),
      `${output} as ${input.feature} varies over ${grid.length} values.`,
    ),
    data: { values },
    width: 420,
    height: 260,
    layer: [
      ...(ice.length > 0
        ? [{
          transform: [{ filter: "datum.curve !== 'average'" }],
          mark: { type: "line", color: "#9ecae9", strokeWidth: 1, opacity: 0.6 },
          encoding: { x, y, detail: { field: "curve", type: "nominal" } },
        }]
        : []),
      {
        transform: [{ filter: "datum.curve === 'average'" }],
        mark: { type: "line", color: "#1f4e79", strokeWidth: 3, point: true },
        encoding: {
          x,
          y,
          tooltip: [
            { field: "x", type: "quantitative", title: input.feature, format: ".4~f" },
            { field: "y", type: "quantitative", title: `Average ${output}`, format: ".4f" },
          ],
        },
      },
    ],
  });
}
