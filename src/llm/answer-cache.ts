import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import process from "node:process";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ChatMessage, TokenLogprob, Usage } from "./teacher.ts";
import { isDenoPermissionError, withDenoFlag } from "../core/deno-permission.ts";

/** One raw answer choice as the server returned it (content is re-validated on every read). */
export interface CachedChoice {
  content: string;
  logprobs?: TokenLogprob[];
}

/** What one cache file holds. Never credentials: only the request and the answers. */
export interface CacheEntry {
  version: 1;
  key: string;
  model: string;
  request: {
    messages: ChatMessage[];
    schemaName: string;
    temperature: number;
    logprobs: boolean;
    samples: number;
    maxTokens?: number;
    purpose?: string;
  };
  /** Valid answers gathered so far (one per sample). */
  choices: CachedChoice[];
  /** False while a multi-sample request still lacks samples; a resumed run asks only for the rest. */
  complete: boolean;
  /** Tokens paid for this entry, all calls together. */
  usage: Usage;
  source: "live" | "batch";
  createdAt: string;
}

/** A request exported for the Batch API: the entry to fill in, and the answer's JSON Schema to check it with. */
export interface PendingRequest {
  entry: CacheEntry;
  jsonSchema: Record<string, unknown>;
}

/**
 * A persistent answer cache: one JSON file per key under `<dir>/answers/<2 hex>/<key>.json`,
 * plus one marker per model under `<dir>/models/`. Each file is written to a temporary file in
 * the same directory and renamed into place, so readers see either nothing or a whole entry,
 * two processes can share a directory, and a duplicate write of a key only replaces an entry
 * with an equivalent one.
 *
 * @example
 * const cache = new AnswerCache(".understudy-cache");
 * await cache.put(entry);
 * (await cache.get(entry.key))?.choices[0].content;
 */
export class AnswerCache {
  readonly dir: string;

  constructor(dir: string) {
    if (typeof dir !== "string" || dir === "") {
      throw new UnderstudyError("bad_cache", messages.llm.cacheDir());
    }
    this.dir = dir;
  }

  /** The entry stored under `key`, or undefined (also for an unreadable file, which is then rewritten). */
  async get(key: string): Promise<CacheEntry | undefined> {
    const path = this.pathOf(key);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (isDenoPermissionError(error)) throw withDenoFlag(error, "--allow-read", `reading the answer cache at ${this.dir}`);
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      return entry.version === 1 && entry.key === key && Array.isArray(entry.choices) ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes `entry` atomically (temp file + rename) and records its model. */
  async put(entry: CacheEntry): Promise<void> {
    const path = this.pathOf(entry.key);
    await writeAtomic(path, JSON.stringify(entry));
    await this.recordModel(entry.model);
  }

  /**
   * Makes sure answers can be kept before any is paid for: creates the directory, writes and
   * removes a probe file: a read-only or full disk throws `bad_cache` here, not after paid calls.
   */
  async checkWritable(): Promise<void> {
    const answers = join(this.dir, "answers");
    const probe = join(answers, `.probe-${process.pid}-${randomBytes(6).toString("hex")}`);
    try {
      await mkdir(answers, { recursive: true });
      await writeFile(probe, "understudy cache probe");
      await rm(probe, { force: true });
    } catch (error) {
      await rm(probe, { force: true }).catch(() => undefined);
      if (isDenoPermissionError(error)) throw withDenoFlag(error, "--allow-write", `writing the answer cache at ${this.dir}`);
      throw new UnderstudyError("bad_cache", messages.llm.cacheNotWritable(this.dir, (error as Error).message));
    }
  }

  /**
   * Finishes what a killed run left: each `*.tmp` of a process that is gone is renamed into
   * place when it holds a whole entry its key lacks, else removed (a live process's temp file
   * is left alone). Never throws: a read-only cache is still read.
   */
  async finishLeftovers(): Promise<void> {
    const answers = join(this.dir, "answers");
    const names = (await readdir(answers, { recursive: true }).catch(() => [] as string[])).filter((n) => n.endsWith(".tmp"));
    for (const name of names) {
      const temp = join(answers, name);
      const [target, pid] = leftoverOf(temp);
      if (target === undefined || (pid !== process.pid && processAlive(pid))) continue; // another live process's write
      const key = basename(target, ".json");
      const whole = await readFile(temp, "utf8").then((text) => holdsEntry(text, key), () => false);
      const taken = await stat(target).then(() => true, () => false);
      if (whole && !taken) await rename(temp, target).catch(() => undefined);
      else await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  /** Records what a Batch API export asked under `key`, so `importBatch` can file the answer. */
  async putPending(pending: PendingRequest): Promise<void> {
    await writeAtomic(join(this.dir, "pending", `${this.checkKey(pending.entry.key)}.json`), JSON.stringify(pending));
  }

  /** The exported request recorded under `key`, or undefined. */
  async getPending(key: string): Promise<PendingRequest | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, "pending", `${this.checkKey(key)}.json`), "utf8")) as PendingRequest;
    } catch {
      return undefined;
    }
  }

  /** Every model that has entries in this cache. */
  async models(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, "models"));
    } catch {
      return [];
    }
    const models: string[] = [];
    for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
      try {
        models.push((JSON.parse(await readFile(join(this.dir, "models", name), "utf8")) as { model: string }).model);
      } catch {
        // a marker being renamed into place by another process: it is read next time
      }
    }
    return models.sort();
  }

  private knownModels = new Set<string>();

  private async recordModel(model: string): Promise<void> {
    if (this.knownModels.has(model)) return;
    const id = createHash("sha256").update(model).digest("hex").slice(0, 16);
    await writeAtomic(join(this.dir, "models", `${id}.json`), JSON.stringify({ model }));
    this.knownModels.add(model);
  }

  private pathOf(key: string): string {
    return join(this.dir, "answers", key.slice(0, 2), `${this.checkKey(key)}.json`);
  }

  private checkKey(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new UnderstudyError("bad_cache", messages.llm.cacheKey(key));
    return key;
  }
}

function holdsEntry(text: string, key: string): boolean {
  try {
    const entry = JSON.parse(text) as CacheEntry;
    return entry.version === 1 && entry.key === key && Array.isArray(entry.choices);
  } catch {
    return false; // torn by the kill
  }
}

/** A temp file's target path and writer pid, from `<target>.<pid>.<random>.tmp`; undefined when it is not ours. */
function leftoverOf(temp: string): [string | undefined, number] {
  const match = /^(.*\.json)\.(\d+)\.[0-9a-f]+\.tmp$/.exec(temp);
  return match ? [match[1], Number(match[2])] : [undefined, 0];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UnderstudyError("bad_cache", messages.llm.cacheWrite(path, (error as Error).message));
  }
}
