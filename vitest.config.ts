import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The machine has 2 cores; more workers only thrash.
    pool: "forks",
    maxWorkers: 2,
    // Tests never reach a real LLM: blank the variables that configure the default teacher
    // (an empty value counts as unset), so a developer's own key cannot leak into a run.
    env: { OPENAI_API_KEY: "", OPENAI_BASE_URL: "", UNDERSTUDY_MODEL: "" },
  },
});
