import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { plainTitles, specHead, type VegaLiteSpec } from "./vega-lite-spec.ts";

/**
 * One term of an additive model (an EBM), already turned toward the output to show: the
 * feature names (one, or two for a pair), each feature's cut points, and one score per cell
 * (cells as in `AdditiveTerm`: bin 0 is missing, a pair's cell is `binA · binsB + binB`).
 */
export interface ShapeFunctionInput {
  names: string[];
  cuts: number[][];
  scores: number[];
  /** What a score adds to, e.g. "log-odds of approve". */
  output: string;
}

/** One drawn point: a main term draws each bin's two edges; a pair term one cell per row. */
export interface ShapePoint {
  x: number | string;
  y?: string;
  score: number;
  order?: number;
}

/**
 * An EBM term's shape function: a step line of a main term's score over its bins (each bin a
 * flat segment between its cut points; the open-ended first and last bins drawn one typical
 * bin wide), or a heatmap of a pair term's score over both features' bins. The score of the
 * missing bin is in the subtitle.
 *
 * @example
 * shapeFunctionChart({ names: ["income"], cuts: [[20, 50]], scores: [0, -0.4, 0.1, 0.6], output: "log-odds of approve" });
 */
export function shapeFunctionChart(input: ShapeFunctionInput): VegaLiteSpec<ShapePoint> {
  const { names, cuts, scores } = input;
  const bins = cuts.map((c) => c.length + 2);
  const cells = bins.reduce((a, b) => a * b, 1);
  if (!(names.length === 1 || names.length === 2) || cuts.length !== names.length || scores.length !== cells || !scores.every(Number.isFinite)) {
    throw new UnderstudyError("bad_input", messages.charts.badShapeTerm(names, cells, scores.length));
  }
  return names.length === 1 ? mainShape(input) : pairShape(input);
}

function mainShape({ names, cuts, scores, output }: ShapeFunctionInput): VegaLiteSpec<ShapePoint> {
  const c = cuts[0];
  const width = c.length > 1 ? (c[c.length - 1] - c[0]) / (c.length - 1) : 1;
  const edges = [c.length ? c[0] - width : 0, ...c, c.length ? c[c.length - 1] + width : 1];
  const values: ShapePoint[] = [];
  for (let b = 1; b < scores.length; b++) {
    values.push({ x: round(edges[b - 1]), score: round(scores[b]), order: 2 * b - 1 });
    values.push({ x: round(edges[b]), score: round(scores[b]), order: 2 * b });
  }
  return plainTitles({
    ...specHead(`Shape function of ${names[0]}`, `${output}; missing values: ${round(scores[0])}`, `Step line of the term's score over ${scores.length - 1} bins of ${names[0]}.`),
    data: { values },
    mark: { type: "line", interpolate: "linear" },
    encoding: {
      x: { field: "x", type: "quantitative", title: names[0], scale: { zero: false } },
      y: { field: "score", type: "quantitative", title: `Score (${output})` },
      order: { field: "order", type: "quantitative" },
    },
  }) as VegaLiteSpec<ShapePoint>;
}

function pairShape({ names, cuts, scores, output }: ShapeFunctionInput): VegaLiteSpec<ShapePoint> {
  const nb = cuts[1].length + 2;
  const label = (c: number[], b: number) => (b === 1 ? `≤ ${round(c[0])}` : b === c.length + 1 ? `> ${round(c[c.length - 1])}` : `${round(c[b - 2])}–${round(c[b - 1])}`);
  const values: ShapePoint[] = [];
  for (let a = 1; a < cuts[0].length + 2; a++) {
    for (let b = 1; b < nb; b++) values.push({ x: label(cuts[0], a), y: label(cuts[1], b), score: round(scores[a * nb + b]), order: a * nb + b });
  }
  return plainTitles({
    ...specHead(`Interaction of ${names[0]} and ${names[1]}`, output, `Heatmap of the pair term's score over the bins of ${names[0]} and ${names[1]} (missing bins left out).`),
    data: { values },
    mark: { type: "rect" },
    encoding: {
      x: { field: "x", type: "ordinal", title: names[0], sort: { field: "order" } },
      y: { field: "y", type: "ordinal", title: names[1], sort: { field: "order", order: "descending" } },
      color: { field: "score", type: "quantitative", title: "Score", scale: { scheme: "redblue", domainMid: 0 } },
    },
  }) as VegaLiteSpec<ShapePoint>;
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
