// Internal: how one cell is read, shared by schema inference and the encoder so both agree
// (and so the SQL export can reproduce it from the encoder's JSON). Not part of the public API.
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * The default cell values read as missing, compared after trimming and lower-casing: the empty
 * cell and what common tools write for "no value" — R's `NA`, spreadsheets' `N/A`, pandas'
 * `NaN`, JSON's and SQL's `null`. Not "none": it is an ordinary English word that names real
 * levels ("other payment plans: none", a class "none"), and pandas writes Python's None as an
 * empty cell anyway. `distill({ missing })` replaces the list.
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ["", "na", "n/a", "nan", "null"];

/** A list of missing markers, normalized and ready for fast tests (see {@link missingMarkers}). */
export interface MissingMarkers {
  /** Trimmed, lower-cased, without repeats, in the order given: what JSON and SQL carry. */
  readonly list: readonly string[];
  readonly set: ReadonlySet<string>;
  /** The longest marker: a longer cell with no surrounding spaces cannot be one. */
  readonly maxLength: number;
}

/**
 * Markers from a caller's list (default {@link DEFAULT_MISSING_MARKERS}); throws a
 * `bad_option` error naming the value when it is not an array of strings.
 *
 * @example
 * isMissingCell("NA", missingMarkers([""]));  // false: "NA" is then a value
 */
export function missingMarkers(list: readonly string[] = DEFAULT_MISSING_MARKERS): MissingMarkers {
  if (!Array.isArray(list) || list.some((m) => typeof m !== "string")) {
    throw new UnderstudyError("bad_option", messages.data.missingMarkers(list));
  }
  const normalized = [...new Set(list.map((m) => trimBlanks(m).toLowerCase()))];
  return { list: normalized, set: new Set(normalized), maxLength: Math.max(0, ...normalized.map((m) => m.length)) };
}

/** Spaces and tabs off both ends: the one trim of the missing-marker rule (SQL's TRIM of ' ' and '\t'). */
function trimBlanks(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, "");
}

const DEFAULTS = missingMarkers();
const TRUE_WORDS = new Set(["true", "yes"]);
const FALSE_WORDS = new Set(["false", "no"]);

/**
 * True for null, undefined, NaN and the missing-marker strings (default markers unless given).
 * The one rule, which the SQL export repeats in every dialect: trim spaces and tabs (only
 * those: "NA\t" is missing, "null\u00a0" is not), lower-case, compare with the markers.
 */
export function isMissingCell(v: unknown, markers: MissingMarkers = DEFAULTS): boolean {
  if (v == null) return true;
  if (typeof v === "number") return v !== v;
  if (typeof v === "string") {
    let start = 0;
    let end = v.length;
    while (start < end && (v.charCodeAt(start) === 32 || v.charCodeAt(start) === 9)) start++;
    while (end > start && (v.charCodeAt(end - 1) === 32 || v.charCodeAt(end - 1) === 9)) end--;
    // A cell longer than the longest marker is never missing.
    return end - start <= markers.maxLength && markers.set.has(v.slice(start, end).toLowerCase());
  }
  if (v instanceof Date) return Number.isNaN(v.getTime());
  return false;
}

/**
 * A cell as a number: numbers, bigints, numeric strings ("3.5", " 1e3 "), booleans (1/0) and
 * dates (epoch milliseconds). NaN when missing or not numeric.
 */
export function numberOfCell(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return NaN;
    const x = Number(s);
    return Number.isFinite(x) ? x : NaN;
  }
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return NaN;
}

/** True when a non-missing cell reads as a finite number. */
export function isNumericCell(v: unknown): boolean {
  if (typeof v === "boolean") return false;
  return Number.isFinite(numberOfCell(v));
}

/**
 * A cell as a boolean 1/0: true/false, the words true/false/yes/no (any case), and 1/0 as
 * numbers or strings. NaN for anything else (treated as missing).
 */
export function booleanOfCell(v: unknown): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v === 1 ? 1 : v === 0 ? 0 : NaN;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (TRUE_WORDS.has(s) || s === "1") return 1;
    if (FALSE_WORDS.has(s) || s === "0") return 0;
  }
  return NaN;
}

/** True when a non-missing cell is a boolean or one of the words true/false/yes/no. */
export function isBooleanWordCell(v: unknown): boolean {
  if (typeof v === "boolean") return true;
  if (typeof v !== "string") return false;
  // Fast path: the words are at most 5 characters once trimmed.
  if (v.length > 5 && v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32) return false;
  const s = v.trim().toLowerCase();
  return TRUE_WORDS.has(s) || FALSE_WORDS.has(s);
}

/**
 * A cell as a category key: strings as they are, dates as ISO text, everything else through
 * `String(v)` (so 2001 and "2001" are the same category). Categories compare as text.
 */
export function categoryOfCell(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
