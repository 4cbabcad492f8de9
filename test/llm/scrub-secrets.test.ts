import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveTeacher } from "../../src/cli/resolve-teacher.ts";
import { scrubSecrets } from "../../src/llm/scrub-secrets.ts";

describe("scrubSecrets", () => {
  it("removes keys, bearer tokens and api-key headers", () => {
    expect(scrubSecrets("401 for Bearer sk-test-SECRET-123", ["sk-test-SECRET-123"])).toBe("401 for Bearer [redacted]");
    expect(scrubSecrets('headers {"authorization":"Bearer abc.def","api-key":"azure123"}')).toBe('headers {"authorization":"Bearer [redacted]","api-key":"[redacted]"}');
    expect(scrubSecrets("Incorrect API key provided: sk-proj-abcdefgh1234")).toBe("Incorrect API key provided: [redacted]");
    expect(scrubSecrets("my-own-secret leaked", ["my-own-secret"])).toBe("[redacted] leaked");
    expect(scrubSecrets("server at https://me:hunter22@llm.example/v1 failed")).toBe("server at https://[redacted]@llm.example/v1 failed");
  });

  it("removes secret-looking query parameters from URLs, and leaves the rest of the URL readable", () => {
    expect(scrubSecrets("https://llm.example/v1?api-version=2024&token=abc123&sig=x%2Fy"))
      .toBe("https://llm.example/v1?api-version=2024&token=[redacted]&sig=[redacted]");
  });

  it("the command line names the teacher's server without the credentials in OPENAI_BASE_URL", () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    vi.stubEnv("OPENAI_BASE_URL", "https://me:hunter22@llm.example/v1?access_token=t0ken");
    vi.stubEnv("UNDERSTUDY_MODEL", "configured-llm");
    const { line } = resolveTeacher("auto", ".understudy-cache", "label");
    expect(line).toBe("Teacher: the LLM configured-llm at https://[redacted]@llm.example/v1?access_token=[redacted] (answers cached in .understudy-cache).");
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});
