// Internal: turns the bytes of a data file into a table, for toTable (sync) and loadTable
// (async). Not part of the public API.
import { fromArrow, fromCSV, type ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { isMissingCell } from "./cell-values.ts";
import { tableFromColumns, tableFromRows } from "./table-from-values.ts";

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
  const code = (cause as { code?: string } | null)?.code;
  if (code === "ENOENT" || (cause as Error | null)?.name === "NotFound") {
    return new UnderstudyError("file_not_found", messages.data.fileNotFound(path, currentDir()), { cause });
  }
  return new UnderstudyError("bad_file", messages.data.fileUnreadable(path, (cause as Error)?.message ?? String(cause)), { cause });
}

/** Parses file bytes as `format`. */
export function tableFromFileBytes(path: string, bytes: Uint8Array, format: TableFileFormat): ColumnTable {
  try {
    switch (format) {
      case "csv":
      case "tsv": {
        const text = new TextDecoder().decode(bytes);
        // autoType off: arquero would turn zip codes like "02134" into 2134 and parse dates
        // in local time; typeColumns below converts only columns that are plainly numbers.
        const raw = fromCSV(text, { delimiter: format === "tsv" ? "\t" : ",", autoType: false });
        return typeColumns(raw);
      }
      case "json": {
        const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
        if (Array.isArray(json)) return tableFromRows(json);
        if (json !== null && typeof json === "object") return tableFromColumns(json as Record<string, unknown>);
        throw new UnderstudyError("bad_file", messages.data.jsonNotData(path, typeof json));
      }
      case "ndjson": {
        const lines = new TextDecoder().decode(bytes).split(/\r?\n/);
        const rows: unknown[] = [];
        lines.forEach((line) => {
          if (line.trim() !== "") rows.push(JSON.parse(line));
        });
        return tableFromRows(rows);
      }
      case "arrow":
        return fromArrow(bytes);
    }
  } catch (e) {
    if (e instanceof UnderstudyError) throw e;
    throw new UnderstudyError("bad_file", messages.data.unparsableFile(path, format, (e as Error).message), { cause: e });
  }
}

// A number as a CSV writer prints it: no leading zeros ("007" stays text), no spaces.
const NUMBER_TEXT = /^[-+]?((0|[1-9]\d*)(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * CSV cells are text. A column whose every present cell is a plain number becomes numbers,
 * one of only "true"/"false" becomes booleans; missing markers ("", "NA", …) in such
 * columns become null. Other columns keep their text, with empty cells as null.
 */
function typeColumns(raw: ColumnTable): ColumnTable {
  const names = raw.columnNames();
  const columns: Record<string, unknown[]> = {};
  for (const name of names) {
    const values = Array.from(raw.array(name) as ArrayLike<unknown>);
    let numbers = true;
    let booleans = true;
    let present = 0;
    for (const v of values) {
      if (isMissingCell(v)) continue;
      present++;
      const s = v as string;
      if (numbers && !NUMBER_TEXT.test(s)) numbers = false;
      if (booleans && s !== "true" && s !== "false") booleans = false;
      if (!numbers && !booleans) break;
    }
    if (present > 0 && numbers) {
      columns[name] = values.map((v) => (isMissingCell(v) ? null : Number(v)));
    } else if (present > 0 && booleans) {
      columns[name] = values.map((v) => (isMissingCell(v) ? null : v === "true"));
    } else {
      columns[name] = values.map((v) => (v === "" ? null : v));
    }
  }
  return tableFromColumns(columns);
}

function currentDir(): string {
  const proc = (globalThis as { process?: { cwd?: () => string } }).process;
  return proc?.cwd?.() ?? "the working directory";
}
