// Internal: turns the bytes of a data file into a table, for toTable (sync) and loadTable
// (async). Not part of the public API.
import { fromArrow, fromCSV, type ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { isMissingCell, type MissingMarkers } from "./cell-values.ts";
import { duplicateJsonKey } from "./duplicate-json-key.ts";
import { checkColumnNames, tableFromColumns, tableFromRows } from "./table-from-values.ts";
import { isDenoPermissionError, withDenoFlag } from "../core/deno-permission.ts";

/** File formats toTable and loadTable read. */
export type TableFileFormat = "csv" | "tsv" | "json" | "ndjson" | "arrow";

const EXTENSIONS: Record<string, TableFileFormat> = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".arrow": "arrow",
  ".feather": "arrow",
  ".ipc": "arrow",
};

const SUPPORTED = Object.keys(EXTENSIONS).join(", ");

/** The format of `path`, from `format` when given, else from the file extension. */
export function tableFileFormat(path: string, format?: TableFileFormat): TableFileFormat {
  if (format !== undefined) {
    if (!Object.values(EXTENSIONS).includes(format)) {
      throw new UnderstudyError("bad_option", messages.data.unknownFileFormat(format));
    }
    return format;
  }
  const dot = path.lastIndexOf(".");
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const ext = dot > slash ? path.slice(dot).toLowerCase() : "";
  const found = EXTENSIONS[ext];
  if (found === undefined) {
    throw new UnderstudyError("bad_file", messages.data.unsupportedFileType(path, ext, SUPPORTED));
  }
  return found;
}

/** The error for a file that cannot be opened. */
export function fileReadError(path: string, cause: unknown): UnderstudyError {
  if (isDenoPermissionError(cause)) return withDenoFlag(cause, "--allow-read", `reading ${path}`) as UnderstudyError;
  const code = (cause as { code?: string } | null)?.code;
  if (code === "ENOENT" || (cause as Error | null)?.name === "NotFound") {
    return new UnderstudyError("file_not_found", messages.data.fileNotFound(path, currentDir()), { cause });
  }
  return new UnderstudyError("bad_file", messages.data.fileUnreadable(path, (cause as Error)?.message ?? String(cause)), { cause });
}

/**
 * Parses file bytes as `format`. `markers` are the cell values read as missing (CSV/TSV typing).
 * Refuses an empty file and a column named twice (the second would replace the first).
 */
export function tableFromFileBytes(path: string, bytes: Uint8Array, format: TableFileFormat, markers: MissingMarkers): ColumnTable {
  try {
    if (format === "arrow") {
      const table = fromArrow(bytes);
      checkColumnNames(table.columnNames(), `"${path}"`);
      return table;
    }
    const text = new TextDecoder().decode(bytes);
    if (text.trim() === "") throw new UnderstudyError("empty_input", messages.data.emptyFile(path));
    switch (format) {
      case "csv":
      case "tsv": {
        const delimiter = format === "tsv" ? "\t" : ",";
        checkColumnNames(headerNames(text, delimiter), `The header of "${path}"`);
        // autoType off: arquero would turn zip codes like "02134" into 2134 and parse dates
        // in local time; typeColumns below converts only columns that are plainly numbers.
        // parse: an object without a prototype, or arquero would take Object's "toString"
        // and "constructor" for parsers of columns with those names.
        const raw = fromCSV(text, { delimiter, autoType: false, parse: Object.create(null) });
        return typeColumns(raw, markers);
      }
      case "json": {
        const json: unknown = JSON.parse(text);
        checkJsonKeys(text, path);
        if (Array.isArray(json)) return tableFromRows(json);
        if (json !== null && typeof json === "object") return tableFromColumns(json as Record<string, unknown>);
        throw new UnderstudyError("bad_file", messages.data.jsonNotData(path, typeof json));
      }
      case "ndjson": {
        const rows: unknown[] = [];
        for (const line of text.split(/\r?\n/)) {
          if (line.trim() === "") continue;
          rows.push(JSON.parse(line));
          checkJsonKeys(line, path);
        }
        return tableFromRows(rows);
      }
    }
  } catch (e) {
    if (e instanceof UnderstudyError) throw e;
    throw new UnderstudyError("bad_file", messages.data.unparsableFile(path, format, (e as Error).message), { cause: e });
  }
}

function checkJsonKeys(text: string, path: string): void {
  const repeated = duplicateJsonKey(text);
  if (repeated !== undefined) throw new UnderstudyError("duplicate_column", messages.data.duplicateColumn(repeated, `"${path}"`));
}

/** The fields of the first record of CSV/TSV text (quotes honoured), before arquero reads it. */
function headerNames(text: string, delimiter: string): string[] {
  const names: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      names.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") break;
    else field += c;
  }
  names.push(field);
  return names;
}

// A number as a CSV writer prints it: no leading zeros ("007" stays text), no spaces.
const NUMBER_TEXT = /^[-+]?((0|[1-9]\d*)(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * CSV cells are text. A column whose every present cell is a plain number becomes numbers,
 * one of only "true"/"false" becomes booleans; missing markers ("", "NA", …) in such
 * columns become null. Other columns keep their text, with empty cells as null (schema
 * inference and the encoder read the other markers as missing with the same list).
 */
export function typeColumns(raw: ColumnTable, markers: MissingMarkers): ColumnTable {
  const names = raw.columnNames();
  // A null prototype keeps a column named like an Object method an ordinary key.
  const columns: Record<string, unknown[]> = Object.create(null);
  for (const name of names) {
    const values = Array.from(raw.array(name) as ArrayLike<unknown>);
    let numbers = true;
    let booleans = true;
    let present = 0;
    for (const v of values) {
      if (isMissingCell(v, markers)) continue;
      present++;
      const s = v as string;
      if (numbers && !NUMBER_TEXT.test(s)) numbers = false;
      if (booleans && s !== "true" && s !== "false") booleans = false;
      if (!numbers && !booleans) break;
    }
    if (present > 0 && numbers) {
      columns[name] = values.map((v) => (isMissingCell(v, markers) ? null : Number(v)));
    } else if (present > 0 && booleans) {
      columns[name] = values.map((v) => (isMissingCell(v, markers) ? null : v === "true"));
    } else {
      columns[name] = values.map((v) => (v === "" && markers.set.has("") ? null : v));
    }
  }
  return tableFromColumns(columns);
}

function currentDir(): string {
  const proc = (globalThis as { process?: { cwd?: () => string } }).process;
  return proc?.cwd?.() ?? "the working directory";
}
