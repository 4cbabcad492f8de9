import { missingMarkers } from "../data/cell-values.ts";
import { fileSha256 } from "../data/file-sha256.ts";
import { readBigFile } from "../data/read-big-file.ts";
import type { DataInput } from "./read-data.ts";

/**
 * `--data <file> --sample n`: at most n rows drawn through DuckDB (seeded by `--seed`; the
 * same rows as `distill({ data: file, sample: n, seed })`), with the SHA-256 of the whole
 * file streamed beside the read, so a file bigger than memory is never held at once. Labels
 * are never read as missing markers (a class "NA" is a class).
 *
 * @example
 * const data = await readSampledData("big.csv", { sample: 200000, seed: 0, labels: ["yes", "no"] });
 * data.table.numRows(); // 200000
 */
export async function readSampledData(path: string, o: { sample?: number; seed: number; labels?: readonly string[]; missing?: readonly string[] }): Promise<DataInput> {
  const labels = new Set((o.labels ?? []).map((l) => l.trim().toLowerCase()));
  const missing = missingMarkers(o.missing).list.filter((m) => !labels.has(m));
  // Hashed beside the read (DuckDB works on its own threads); a read error is the one reported.
  const sha256 = fileSha256(path);
  sha256.catch(() => undefined);
  const table = await readBigFile(path, { missing, seed: o.seed, ...(o.sample !== undefined ? { sample: o.sample } : {}) });
  return { table, name: path, sha256: await sha256 };
}
