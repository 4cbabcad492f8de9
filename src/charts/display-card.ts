import { escapeHtml } from "../core/escape-html.ts";
import type { MimeBundle } from "./mime-bundle.ts";

/** One headline number or fact on a summary card. */
export interface CardItem {
  label: string;
  /** Numbers in [0, 1] are not turned into percentages: pass `format: "percent"` for that. */
  value: string | number | null | undefined;
  format?: "percent" | "number" | "usd" | "integer";
  /** Small grey text under the value, e.g. "on 240 held-out rows". */
  hint?: string;
}

/** What a compact summary card shows. */
export interface CardSummary {
  title: string;
  subtitle?: string;
  /** Headline numbers, shown large. */
  metrics: CardItem[];
  /** Smaller key–value facts (model type, features, seed…). */
  facts?: CardItem[];
  /** Shown in amber at the bottom. */
  warnings?: string[];
}

/**
 * The MIME bundle (text/html + text/plain) of a compact summary card; the Understudy object
 * returns it from its own `Symbol.for("Jupyter.display")`. Missing values show as "—".
 *
 * @example
 * displayCard({
 *   title: "Understudy: Is this email spam?",
 *   metrics: [{ label: "Agreement with teacher", value: 0.94, format: "percent", hint: "240 held-out rows" }],
 *   facts: [{ label: "Model", value: "decision tree, depth 4, 11 leaves" }],
 * });
 */
export function displayCard(summary: CardSummary): MimeBundle {
  const metrics = summary.metrics.map((m) => ({ ...m, text: formatCardValue(m) }));
  const facts = (summary.facts ?? []).map((f) => ({ ...f, text: formatCardValue(f) }));
  const warnings = summary.warnings ?? [];
  const html = [
    `<div class="understudy-card" style="font-family:system-ui,sans-serif;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;max-width:720px;color:#1f2328;background:#fff">`,
    `<div style="font-weight:600;font-size:15px">${escapeHtml(summary.title)}</div>`,
    summary.subtitle === undefined ? "" : `<div style="color:#57606a;font-size:12px">${escapeHtml(summary.subtitle)}</div>`,
    `<div style="display:flex;flex-wrap:wrap;gap:20px;margin:10px 0">`,
    ...metrics.map((m) =>
      `<div><div style="font-size:22px;font-weight:600">${escapeHtml(m.text)}</div>` +
      `<div style="font-size:12px">${escapeHtml(m.label)}</div>` +
      (m.hint === undefined ? "" : `<div style="font-size:11px;color:#57606a">${escapeHtml(m.hint)}</div>`) +
      `</div>`
    ),
    `</div>`,
    facts.length === 0 ? "" : `<table style="font-size:12px;border-collapse:collapse">${
      facts.map((f) => `<tr><th style="text-align:left;padding:1px 12px 1px 0;font-weight:500;color:#57606a">${escapeHtml(f.label)}</th><td>${escapeHtml(f.text)}</td></tr>`).join("")
    }</table>`,
    ...warnings.map((w) => `<div style="margin-top:6px;font-size:12px;color:#9a6700">⚠ ${escapeHtml(w)}</div>`),
    `</div>`,
  ].join("");
  const plain = [
    summary.subtitle === undefined ? summary.title : `${summary.title} (${summary.subtitle})`,
    ...metrics.map((m) => `  ${m.label}: ${m.text}${m.hint === undefined ? "" : ` (${m.hint})`}`),
    ...facts.map((f) => `  ${f.label}: ${f.text}`),
    ...warnings.map((w) => `  warning: ${w}`),
  ].join("\n");
  return { "text/html": html, "text/plain": plain };
}

function formatCardValue(item: CardItem): string {
  const v = item.value;
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return "—";
  switch (item.format) {
    case "percent":
      return `${(v * 100).toFixed(1)}%`;
    case "usd":
      return `$${v < 1 ? v.toFixed(4) : v.toFixed(2)}`;
    case "integer":
      return Math.round(v).toLocaleString("en-US");
    default:
      return Number.isInteger(v) ? v.toLocaleString("en-US") : String(Number(v.toPrecision(4)));
  }
}
