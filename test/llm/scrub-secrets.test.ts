import { describe, expect, it } from "vitest";
import { scrubSecrets } from "../../src/llm/scrub-secrets.ts";

describe("scrubSecrets", () => {
  it("removes keys, bearer tokens and api-key headers", () => {
    expect(scrubSecrets("401 for Bearer sk-test-SECRET-123", ["sk-test-SECRET-123"])).toBe("401 for Bearer [redacted]");
    expect(scrubSecrets('headers {"authorization":"Bearer abc.def","api-key":"azure123"}')).toBe('headers {"authorization":"Bearer [redacted]","api-key":"[redacted]"}');
    expect(scrubSecrets("Incorrect API key provided: sk-proj-abcdefgh1234")).toBe("Incorrect API key provided: [redacted]");
    expect(scrubSecrets("my-own-secret leaked", ["my-own-secret"])).toBe("[redacted] leaked");
    expect(scrubSecrets("server at https://me:hunter22@llm.example/v1 failed")).toBe("server at https://[redacted]@llm.example/v1 failed");
  });
});
