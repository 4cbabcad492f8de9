import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * The Vega-Lite schema every builder targets (JupyterLab renders v5; vega-lite 6 compiles it).
 *
 * @example
 * featureImportanceChart([{ feature: "age", importance: 0.4 }]).$schema === VEGA_LITE_V5_SCHEMA; // true
 */
export const VEGA_LITE_V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * What every chart builder returns: a plain, JSON-serializable Vega-Lite v5 spec with inline
 * data. Deliberately narrower than vega-lite's `TopLevelSpec` union: callers can rely on
 * `$schema`, `title` and `data.values`, and pass the object to `renderSVG` or a notebook.
 * Every builder throws `invalid_chart_input`, naming the row and field, for empty input or a
 * value that is not a finite number.
 *
 * @example
 * const spec: VegaLiteSpec = featureImportanceChart([{ feature: "age", importance: 0.4 }]);
 * spec.data.values.length; // 1
 */
export interface VegaLiteSpec<Row = unknown> {
  $schema: typeof VEGA_LITE_V5_SCHEMA;
  title: { text: string; subtitle?: string };
  description: string;
  data: { values: Row[] };
  width?: number | { step: number };
  height?: number | { step: number };
  mark?: Record<string, unknown>;
  encoding?: Record<string, unknown>;
  layer?: Record<string, unknown>[];
  hconcat?: Record<string, unknown>[];
  transform?: Record<string, unknown>[];
  resolve?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Shared look: readable font sizes, no chart border, labels that do not get cut short. */
const CHART_CONFIG = {
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: "start" },
} as const;

/** The top of every spec, so each builder only writes its marks. */
export function specHead(
  title: string,
  subtitle: string | undefined,
  description: string,
): Pick<VegaLiteSpec, "$schema" | "title" | "description" | "config"> {
  return {
    $schema: VEGA_LITE_V5_SCHEMA,
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    description,
    config: { ...CHART_CONFIG },
  };
}

/** Rejects empty input or non-finite numbers with one error that names the builder and field. */
export function checkRows<T>(
  builder: string,
  rows: readonly T[],
  numericFields: readonly (keyof T & string)[],
  optionalFields: readonly (keyof T & string)[] = [],
): void {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new UnderstudyError("empty_input", messages.charts.noRows(builder));
  }
  rows.forEach((row, i) => {
    for (const field of numericFields) checkNumber(builder, `[${i}].${field}`, row[field]);
    for (const field of optionalFields) {
      if (row[field] !== undefined) checkNumber(builder, `[${i}].${field}`, row[field]);
    }
  });
}

/** One finite number or a clear error quoting the bad value. */
export function checkNumber(builder: string, where: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new UnderstudyError("bad_input", messages.charts.notFinite(builder, where, value));
  }
}

/**
 * A name from user data (a column, a class label) as safe chart text: CR, LF and other line or
 * control characters become spaces. Vega-Lite pastes titles into tooltip expressions, where a raw
 * line break is a parse error; fields are always our own ids, so names never reach a field path.
 *
 * @example
 * titleText("line\nbreak\r"); // "line break"
 */
export function titleText(name: string): string {
  // deno-lint-ignore no-control-regex
  return name.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

/**
 * The spec with every title, subtitle and axis or tooltip title passed through {@link titleText}:
 * builders put user names only into titles, and this keeps them text wherever they land.
 *
 * @example
 * plainTitles(spec).title.text; // no line breaks
 */
export function plainTitles<S extends VegaLiteSpec<unknown>>(spec: S): S {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === "string") return key === "title" || key === "text" || key === "subtitle" || key === "description" ? titleText(v) : v;
    if (Array.isArray(v)) return key === "values" ? v : v.map((x) => walk(x, undefined));
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "data" ? x : walk(x, k)]));
    }
    return v;
  };
  return walk(spec, undefined) as S;
}
