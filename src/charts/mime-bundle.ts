/**
 * The MIME type JupyterLab renders Vega-Lite v5 specs with (it has no v6 renderer).
 *
 * @example
 * const bundle: MimeBundle = { "text/plain": "chart", [VEGA_LITE_MIME]: featureImportanceChart([{ feature: "age", importance: 0.4 }]) };
 */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/**
 * A Jupyter MIME bundle: MIME type → payload. Front-ends show the richest type they know.
 *
 * @example
 * const bundle: MimeBundle = { "text/plain": "Agreement 0.94", "text/html": "<b>0.94</b>" };
 */
export type MimeBundle = Record<string, unknown> & { "text/plain": string };
