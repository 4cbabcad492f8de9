import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distill, parseBundle, Understudy, type UnderstudyJSON } from "../../src/index.ts";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { canonicalJSON } from "../../src/llm/canonical-json.ts";
import { sha256Of } from "../../src/understudy/sha256-of.ts";
import { penguins, PENGUIN_LABELS } from "../distill/datasets.ts";

// A saved bundle is untrusted input: every way of damaging one fails to load with the code
// "bad_model_json" and every issue named by its path; a key makes deliberate edits fail too.
const ENV = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"];
const saved: Record<string, string | undefined> = {};
let previousLogger: ReturnType<typeof setLogger>;
const rows = penguins();
let u: Understudy;
let json: UnderstudyJSON;

beforeAll(async () => {
  for (const k of ENV) { saved[k] = process.env[k]; delete process.env[k]; }
  previousLogger = setLogger({ warn: () => {}, info: () => {} });
  u = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", model: "tree" });
  json = JSON.parse(JSON.stringify(u.toJSON()));
});
afterAll(() => {
  for (const k of ENV) if (saved[k] !== undefined) process.env[k] = saved[k];
  setLogger(previousLogger);
});

/** The bundle after `edit`, as parsed JSON. */
function edited(edit: (b: Record<string, any>) => void): Record<string, any> {
  const b = structuredClone(json) as Record<string, any>;
  edit(b);
  return b;
}

/** The paths of the issues parseBundle finds, as "a.b" strings. */
function issuePaths(bundle: unknown, options?: Parameters<typeof parseBundle>[1]): string[] {
  const r = parseBundle(bundle, options);
  return r.success ? [] : r.issues.map((i) => i.path.join("."));
}

const rejected = expect.objectContaining({ name: "UnderstudyError", code: "bad_model_json" });

describe("Understudy.fromJSON round trip", () => {
  it("restores identical predictions, from parsed JSON or from the text", () => {
    const sample = rows.slice(0, 40);
    expect(Understudy.fromJSON(json).predict(sample)).toEqual(u.predict(sample));
    expect(Understudy.fromJSON(JSON.stringify(json)).predictProba(sample)).toEqual(u.predictProba(sample));
  });

  it("writes format version 2 with the task type under metadata.taskType and all four hashes", () => {
    expect(json.version).toBe(2);
    expect(json.metadata.taskType).toBe("classification");
    expect("kind" in json.metadata).toBe(false);
    expect(json.hashes.metadata).toBe(sha256Of(json.metadata));
    expect(json.hashes.featurizer).toBe(sha256Of(json.featurizer));
    expect(json.hashes.model).toBe(sha256Of(json.model));
    expect(json.signature).toBeUndefined();
  });

  it("still reads a version 1 bundle, where the task type was metadata.kind", () => {
    const v1 = edited((b) => {
      const { taskType, ...rest } = b.metadata;
      b.version = 1;
      b.metadata = { ...rest, kind: taskType };
      b.hashes.metadata = sha256Of(b.metadata);
    });
    const restored = Understudy.fromJSON(v1);
    expect(restored.metadata.taskType).toBe("classification");
    expect(restored.predict(rows.slice(0, 40))).toEqual(u.predict(rows.slice(0, 40)));
  });
});

describe("a damaged bundle fails to load, naming each issue by its path", () => {
  it.each([
    ["hashes.metadata deleted", (b: Record<string, any>) => { delete b.hashes.metadata; }, ["hashes.metadata"]],
    ["hashes.featurizer deleted", (b: Record<string, any>) => { delete b.hashes.featurizer; }, ["hashes.featurizer"]],
    ["hashes.model deleted", (b: Record<string, any>) => { delete b.hashes.model; }, ["hashes.model"]],
    ["a hash that is not a sha256", (b: Record<string, any>) => { b.hashes.data = "sha256:beef"; }, ["hashes.data"]],
    ["the agreement raised in the metadata", (b: Record<string, any>) => { b.metadata.metrics.vsTeacher.agreement = 0.999; }, ["hashes.metadata"]],
    ["an encoder statistic shifted in the featurizer", (b: Record<string, any>) => {
      b.featurizer.table.steps.find((s: { kind: string }) => s.kind === "numeric").fill += 100;
    }, ["hashes.featurizer"]],
    ["a tree threshold moved", (b: Record<string, any>) => { b.model.state.trees[0].threshold[0] += 1; }, ["hashes.model"]],
    ["the model kind set to \"constructor\"", (b: Record<string, any>) => { b.model.kind = "constructor"; }, ["model.kind", "hashes.model"]],
    ["metadata.metrics removed", (b: Record<string, any>) => { delete b.metadata.metrics; }, ["metadata.metrics", "hashes.metadata"]],
    ["metadata.taskType not a task type", (b: Record<string, any>) => { b.metadata.taskType = "ranking"; }, ["metadata.taskType", "hashes.metadata"]],
    ["the featurizer removed", (b: Record<string, any>) => { delete b.featurizer; }, ["featurizer"]],
    ["an unknown version", (b: Record<string, any>) => { b.version = 3; }, ["version"]],
  ])("%s", (_, edit, paths) => {
    const bad = edited(edit);
    expect(issuePaths(bad).sort()).toEqual([...paths].sort());
    expect(() => Understudy.fromJSON(bad)).toThrow(rejected);
  });

  it("lists every issue at once, not only the first", () => {
    const bad = edited((b) => {
      delete b.hashes.metadata;
      delete b.hashes.featurizer;
      b.metadata.metrics.vsTeacher.agreement = "high";
    });
    expect(issuePaths(bad).sort()).toEqual(["hashes.featurizer", "hashes.metadata", "metadata.metrics.vsTeacher.agreement"]);
    const r = parseBundle(bad);
    expect(r.success).toBe(false);
    expect(() => Understudy.fromJSON(bad)).toThrow(messages.understudy.badBundle(r.success ? "" : r.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")));
  });

  it("names what is not a bundle at all", () => {
    expect(parseBundle(null)).toEqual({ success: false, issues: [{ code: "not_object", path: [], message: messages.understudy.bundleIssue.notObject("null") }] });
    expect(parseBundle({ ...json, format: "understudy-model" })).toEqual({
      success: false, issues: [{ code: "not_bundle", path: ["format"], message: messages.understudy.bundleIssue.notBundle("understudy-model") }],
    });
    expect(() => Understudy.fromJSON([json])).toThrow(rejected);
    expect(() => Understudy.fromJSON("{not json")).toThrow(rejected);
  });
});

describe("a keyed signature", () => {
  const key = "correct horse battery staple";

  it("is an HMAC-SHA-256 of the canonical JSON of the rest of the bundle", () => {
    const signed = u.toJSON({ key });
    const { signature, ...rest } = signed;
    const expected = createHmac("sha256", key).update(canonicalJSON(JSON.parse(JSON.stringify(rest)))).digest("hex");
    expect(signature).toBe(`hmac-sha256:${expected}`);
    // The same secret as bytes signs the same way.
    expect(u.toJSON({ key: new TextEncoder().encode(key) }).signature).toBe(signature);
  });

  it("loads with the key it was signed with, and without a key", () => {
    const signed = JSON.parse(JSON.stringify(u.toJSON({ key })));
    expect(Understudy.fromJSON(signed, { key }).predict(rows.slice(0, 20))).toEqual(u.predict(rows.slice(0, 20)));
    expect(Understudy.fromJSON(signed).predict(rows.slice(0, 20))).toEqual(u.predict(rows.slice(0, 20)));
  });

  it("refuses a wrong key, a missing signature, and an edit whose hash was recomputed", () => {
    const signed = JSON.parse(JSON.stringify(u.toJSON({ key })));
    expect(issuePaths(signed, { key: "another key" })).toEqual(["signature"]);
    expect(() => Understudy.fromJSON(signed, { key: "another key" })).toThrow(rejected);
    const unsigned = structuredClone(signed);
    delete unsigned.signature;
    expect(parseBundle(unsigned, { key })).toEqual({ success: false, issues: [{ code: "no_signature", path: ["signature"], message: messages.understudy.bundleIssue.noSignature() }] });
    // Someone who edits a figure and rewrites its hash passes the hash check, not the signature.
    const forged = structuredClone(signed);
    forged.metadata.metrics.vsTeacher.agreement = 0.999;
    forged.hashes.metadata = sha256Of(forged.metadata);
    expect(Understudy.fromJSON(forged).metrics.vsTeacher.agreement).toBe(0.999);
    expect(parseBundle(forged, { key })).toEqual({ success: false, issues: [{ code: "bad_signature", path: ["signature"], message: messages.understudy.bundleIssue.badSignature() }] });
  });

  it("rejects an empty key", () => {
    expect(() => u.toJSON({ key: "" })).toThrow(expect.objectContaining({ code: "bad_option", message: messages.understudy.signatureKey() }));
  });
});
