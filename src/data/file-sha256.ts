import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * The SHA-256 (hex) of a file's bytes, streamed in 1 MB chunks so a file bigger than memory is
 * never held at once. Reads are asynchronous: started beside a DuckDB query (which runs on its
 * own threads), the hash costs the run almost no wall time.
 *
 * @example
 * const [table, sha256] = await Promise.all([readBigFile("big.csv", { sample: 1000 }), fileSha256("big.csv")]);
 */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
