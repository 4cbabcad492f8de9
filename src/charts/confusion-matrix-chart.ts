import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkNumber, specHead, type VegaLiteSpec, plainTitles } from "./vega-lite-spec.ts";

/** A square count matrix: `matrix[i][j]` rows whose reference label is `labels[i]` and predicted `labels[j]`. */
export interface ConfusionMatrixInput {
  labels: string[];
  matrix: number[][];
}

/** Options for {@link confusionMatrixChart}. */
export interface ConfusionMatrixChartOptions {
  /** Who gave the reference label. Default "Teacher". */
  actualTitle?: string;
  /** Who predicted. Default "Small model". */
  predictedTitle?: string;
  /** Default "Confusion matrix". */
  title?: string;
  /** Line under the title. Default: which axis is actual and which predicted. */
  subtitle?: string;
}

interface Cell {
  actual: string;
  predicted: string;
  count: number;
  /** Share of the actual label's rows: the colour, so rare classes stay visible. */
  rowShare: number;
}

/**
 * Heatmap of a confusion matrix with the count written in each cell; colour is the share of
 * the row, so each row reads as "of the rows the teacher called X, how many did we call Y".
 *
 * @example
 * confusionMatrixChart({ labels: ["ham", "spam"], matrix: [[50, 3], [4, 43]] });
 */
export function confusionMatrixChart(
  input: ConfusionMatrixInput,
  options: ConfusionMatrixChartOptions = {},
): VegaLiteSpec<Cell> {
  const name = "confusionMatrixChart";
  const { labels, matrix } = input;
  if (!Array.isArray(labels) || labels.length === 0 || !Array.isArray(matrix) || matrix.length !== labels.length
    || matrix.some((row) => !Array.isArray(row) || row.length !== labels.length)) {
    throw new UnderstudyError("bad_input", messages.charts.matrixShape(name, labels?.length ?? 0));
  }
  const cells: Cell[] = [];
  matrix.forEach((row, i) => {
    const total = row.reduce((s, v) => s + v, 0);
    row.forEach((count, j) => {
      checkNumber(name, `matrix[${i}][${j}]`, count);
      cells.push({ actual: labels[i]!, predicted: labels[j]!, count, rowShare: total > 0 ? count / total : 0 });
    });
  });
  const actualTitle = options.actualTitle ?? "Teacher";
  const predictedTitle = options.predictedTitle ?? "Small model";
  const side = Math.min(480, Math.max(160, 48 * labels.length));
  return plainTitles({
    ...specHead(
      options.title ?? "Confusion matrix",
      options.subtitle ?? `Rows: ${actualTitle.toLowerCase()}; columns: ${predictedTitle.toLowerCase()}`,
      `Counts of ${actualTitle} label against ${predictedTitle} label over ${labels.length} classes.`,
    ),
    data: { values: cells },
    width: side,
    height: side,
    encoding: {
      x: { field: "predicted", type: "nominal", sort: labels, title: predictedTitle, axis: { labelAngle: 0 } },
      y: { field: "actual", type: "nominal", sort: labels, title: actualTitle },
    },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "rowShare",
            type: "quantitative",
            title: "Share of row",
            scale: { scheme: "blues", domain: [0, 1] },
            legend: { format: "~%" },
          },
          tooltip: [
            { field: "actual", type: "nominal", title: actualTitle },
            { field: "predicted", type: "nominal", title: predictedTitle },
            { field: "count", type: "quantitative", title: "Rows" },
            { field: "rowShare", type: "quantitative", title: "Share of row", format: ".1%" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: 13 },
        encoding: {
          text: { field: "count", type: "quantitative" },
          color: { condition: { test: "datum.rowShare > 0.5", value: "white" }, value: "black" },
        },
      },
    ],
  });
}
