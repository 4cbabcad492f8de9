import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveTeacher } from "../../src/cli/resolve-teacher.ts";
import { messages } from "../../src/core/messages/index.ts";
import { startOpenAITestServer } from "../support/openai-test-server.ts";
import { runCli } from "./run-cli.ts";

describe("resolveTeacher (--teacher auto | llm | gold)", () => {
  afterEach(() => { vi.unstubAllEnvs(); });
  const configure = () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    vi.stubEnv("UNDERSTUDY_MODEL", "configured-llm");
  };

  it("gold: answers teacher: false (distill then never asks an LLM) and leaves the environment alone", () => {
    configure();
    const r = resolveTeacher("gold", ".understudy-cache", "label");
    expect(r.teacher).toBe(false);
    expect(r.line).toBe('Teacher: the gold labels in column "label" (--teacher gold).');
    expect(process.env.OPENAI_API_KEY).toBe("sk-test");
    expect(process.env.OPENAI_BASE_URL).toBe("http://127.0.0.1:9/v1");
  });

  it("auto with an LLM configured: the LLM, named with where it is", () => {
    configure();
    const r = resolveTeacher("auto", ".understudy-cache", "label");
    expect(r.teacher && r.teacher.model).toBe("configured-llm");
    expect(r.line).toBe("Teacher: the LLM configured-llm at http://127.0.0.1:9/v1 (answers cached in .understudy-cache).");
  });

  it("auto with no LLM configured: the gold labels, teacher: false", () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    const r = resolveTeacher("auto", ".understudy-cache", "label");
    expect(r.teacher).toBe(false);
    expect(r.line).toMatch(/^Teacher: the gold labels in column "label" \(no LLM configured; /);
    expect(() => resolveTeacher("auto", ".understudy-cache", undefined)).toThrow(messages.cli.noTeacher());
    expect(() => resolveTeacher("llm", ".understudy-cache", "label")).toThrow(messages.cli.noLLM());
  });
});

describe("understudy distill --teacher gold with an LLM configured", () => {
  it("distills from the target column and never calls the LLM", async () => {
    const server = await startOpenAITestServer({ respond: () => ({ content: {} }) });
    const dir = mkdtempSync(join(tmpdir(), "understudy-cli-gold-"));
    try {
      // y is "high" exactly when x > 50: a rule the gold labels teach.
      const csv = ["x,noise,y", ...Array.from({ length: 120 }, (_, i) => `${(i * 37) % 101},${(i * 13) % 7},${(i * 37) % 101 > 50 ? "high" : "low"}`)].join("\n");
      writeFileSync(join(dir, "d.csv"), csv);
      const r = await runCli(
        ["distill", "--data", join(dir, "d.csv"), "--task", "High or low?", "--labels", "high,low", "--target", "y", "--teacher", "gold", "--model", "tree", "--out", join(dir, "m")],
        { env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseURL, UNDERSTUDY_MODEL: "configured-llm" } },
      );
      expect(r.code).toBe(0);
      expect(r.stdout.split("\n")[0]).toBe('Teacher: the gold labels in column "y" (--teacher gold).');
      expect(r.stdout).toMatch(/^Accuracy against the gold labels \(which taught\): \d+\.\d% on 24 held-out rows$/m);
      expect(server.requests).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  }, 120_000);
});
