// The LLM the examples talk to. With OPENAI_API_KEY / OPENAI_BASE_URL (and UNDERSTUDY_MODEL)
// set, that real LLM. Otherwise a STAND-IN: the OpenAI-compatible test server of this
// repository's tests (test/support/openai-test-server.ts), started in-process on 127.0.0.1,
// answering with the scripted rules each example gives. The real `openai` SDK talks to it over
// HTTP exactly as it would to OpenAI, so the examples run offline and show the real flow.
import { defaultTeacher, openaiTeacher, type OpenAITeacher } from "../../src/index.ts";
import type { ChatMessage } from "../../src/llm/teacher.ts";
import { startOpenAITestServer, type ChatRequestBody, type ScriptedReply } from "../../test/support/openai-test-server.ts";
import { promptRows } from "../../test/teach/prompt-rows.ts";

/** What the stand-in answers. A row is its fields as an object, or the text when the prompt shows one text field. */
export interface StandInScript {
  label: (row: Record<string, unknown> | string) => string;
  /** Yes/no questions it proposes for text tasks, each answered by a test on the text. */
  concepts?: { question: string; test: (text: string) => boolean }[];
  /** Feature expressions it proposes for tabular tasks. */
  expressions?: { name: string; expression: string; why: string }[];
  /** Rules it proposes for tabular tasks: a condition over the columns that points to a label. */
  rules?: { label: string; condition: string; why: string }[];
  /** Simulated time per call, so latency figures mean something. Default 0. */
  latencyMs?: number;
}

/**
 * A teacher: the configured LLM, else the stand-in. `close()` stops the stand-in's server.
 *
 * @example
 * const llm = await llmTeacher({ label: (row) => (/free|\$\$\$/i.test(String(row)) ? "spam" : "ham") });
 * console.log(llm.description);
 * // ... distill({ ..., teacher: llm.teacher })
 * await llm.close();
 */
export async function llmTeacher(script: StandInScript): Promise<{ teacher: OpenAITeacher; description: string; close: () => Promise<void> }> {
  const configured = defaultTeacher({ cacheDir: ".understudy-cache" });
  if (configured) return { teacher: configured, description: `the LLM ${configured.model} (from the environment)`, close: async () => {} };
  const server = await startOpenAITestServer({ respond: standInReplies(script) });
  const teacher = openaiTeacher({
    model: "stand-in-llm", baseURL: server.baseURL, apiKey: "sk-stand-in", cacheDir: false,
    // Priced like a small hosted model (USD per million tokens), so cost figures are realistic.
    prices: { "stand-in-llm": { input: 0.15, output: 0.6 } },
  });
  return { teacher, description: `a stand-in LLM (the test server at ${server.baseURL}; set OPENAI_API_KEY or OPENAI_BASE_URL to use a real one)`, close: () => server.close() };
}

/**
 * The stand-in's answers as the test server's `respond` function: labels, concepts, concept
 * answers, expressions and rules, each as the request's JSON schema asks.
 *
 * @example
 * const server = await startOpenAITestServer({ respond: standInReplies({ label: () => "ham" }) });
 */
export function standInReplies(script: StandInScript): (body: ChatRequestBody) => ScriptedReply {
  return (body) => {
    const reply = { content: answer(script, body.response_format?.json_schema?.name, body.messages as ChatMessage[]) };
    return script.latencyMs ? { fault: { delayMs: script.latencyMs, then: reply } } : reply;
  };
}

function answer(script: StandInScript, schema: string | undefined, messages: ChatMessage[]): object {
  const rows = promptRows(messages);
  const content = (text: string) => {
    try {
      const parsed = JSON.parse(text);
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : text;
    } catch {
      return text;
    }
  };
  switch (schema) {
    case "labels":
      return { answers: rows.filter((r) => r.label === undefined).map((r) => ({ id: r.id, label: script.label(content(r.content)), confidence: 0.9 })) };
    case "concepts":
      return { concepts: (script.concepts ?? []).map((c) => ({ question: c.question })) };
    case "concept_answers": {
      const text = rows[0]?.content ?? "";
      return Object.fromEntries((script.concepts ?? []).map((c, k) => [`c${k + 1}`, c.test(text)]));
    }
    case "expressions":
      return { features: script.expressions ?? [] };
    case "rules":
      return { rules: script.rules ?? [] };
    default:
      return {};
  }
}
