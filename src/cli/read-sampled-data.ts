import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { missingMarkers } from "../data/cell-values.ts";
import { readBigFile } from "../data/read-big-file.ts";
import type { DataInput } from "./read-data.ts";

/**
 * `--data <file> --sample n`: at most n rows drawn through DuckDB (seeded by `--seed`; the
 * same rows as `distill({ data: file, sample: n, seed })`), with the SHA-256 of the whole
 * file streamed, so a file bigger than memory is never held at once. Labels are never read
 * as missing markers (a class "NA" is a class).
 *
 * @example
 * const data = await readSampledData("big.csv", { sample: 200000, seed: 0, labels: ["yes", "no"] });
 * data.table.numRows(); // 200000
 */
export async function readSampledData(path: string, o: { sample?: number; seed: number; labels?: readonly string[]; missing?: readonly string[] }): Promise<DataInput> {
  const labels = new Set((o.labels ?? []).map((l) => l.trim().toLowerCase()));
  const missing = missingMarkers(o.missing).list.filter((m) => !labels.has(m));
  const table = await readBigFile(path, { missing, seed: o.seed, ...(o.sample !== undefined ? { sample: o.sample } : {}) });
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { table, name: path, sha256: hash.digest("hex") };
}
