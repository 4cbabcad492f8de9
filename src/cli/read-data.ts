import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { missingMarkers } from "../data/cell-values.ts";
import { tableFileFormat, tableFromFileBytes, type TableFileFormat } from "../data/table-file.ts";
import { checkNotEmpty } from "../data/to-table.ts";

/** A data file as a command read it: the table, and what identifies the bytes it came from. */
export interface DataInput {
  table: ColumnTable;
  /** The file's path as given, or "standard input" for `--data -`. */
  name: string;
  /** SHA-256 of the bytes read, in hex: the same bytes give the same run. */
  sha256: string;
}

/**
 * Reads the `--data` of a command: a CSV, TSV, JSON, NDJSON or Arrow file (format from the
 * extension), or with "-" standard input (format from its first bytes: Arrow's magic, JSON,
 * NDJSON, else CSV, or TSV when the header has tabs and no commas). Cells equal to one of
 * `missing` (trimmed, any case; default `DEFAULT_MISSING_MARKERS`) are read as missing. Errors name `--data`.
 *
 * @example
 * const { table, sha256 } = await readData("emails.csv", process.stdin);
 * // cat emails.csv | understudy predict --data - ...   reads the same rows from stdin
 */
export async function readData(path: string, stdin: AsyncIterable<Uint8Array | string>, options: { missing?: readonly string[] } = {}): Promise<DataInput> {
  const fromStdin = path === "-";
  let bytes: Uint8Array;
  try {
    bytes = fromStdin ? await readAll(stdin) : await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UnderstudyError("file_not_found", messages.cli.dataNotFound(path), { cause: e });
    throw new UnderstudyError("bad_file", messages.cli.dataUnreadable(path, code ?? (e as Error).message), { cause: e });
  }
  if (fromStdin && bytes.length === 0) throw new UnderstudyError("empty_input", messages.cli.emptyStdin());
  const name = fromStdin ? "standard input" : path;
  const format = fromStdin ? sniffFormat(bytes) : tableFileFormat(path);
  const table = checkNotEmpty(tableFromFileBytes(name, bytes, format, missingMarkers(options.missing)), {});
  return { table, name, sha256: createHash("sha256").update(bytes).digest("hex") };
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The format of piped bytes, which have no file extension to go by. */
function sniffFormat(bytes: Uint8Array): TableFileFormat {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("utf8");
  // An Arrow IPC file starts with "ARROW1"; an Arrow stream with the continuation marker 0xFFFFFFFF.
  if (head.startsWith("ARROW1") || (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff)) return "arrow";
  const text = head.trimStart();
  if (text.startsWith("[")) return "json";
  if (text.startsWith("{")) {
    // One object per line is NDJSON; a single object of columns is JSON.
    const all = Buffer.from(bytes).toString("utf8").trim();
    return all.split(/\r?\n/).filter((l) => l.trim() !== "").every((l) => l.trim().startsWith("{") && l.trim().endsWith("}")) && all.includes("\n") ? "ndjson" : "json";
  }
  const header = text.split(/\r?\n/, 1)[0];
  return header.includes("\t") && !header.includes(",") ? "tsv" : "csv";
}
