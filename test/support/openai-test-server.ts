import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Random } from "../../src/core/random.ts";

/** The parsed body of a chat/completions request, as the client sent it. */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  temperature?: number;
  n?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  [key: string]: unknown;
}

/** One scripted token with its log-probability (OpenAI's `logprobs.content[]` entry). */
export interface ScriptedToken {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

/** One scripted choice: the message content (objects are sent as JSON) and optional logprobs. */
export interface ScriptedChoice {
  content: string | object;
  /** Sent when the request asked for logprobs. Default: the content split into tokens, each with logprob 0. */
  logprobs?: ScriptedToken[];
  /** Default "stop". */
  finishReason?: string;
  /** A refusal: sent as `message.refusal`, with `message.content` null (as OpenAI sends one). */
  refusal?: string;
}

/**
 * A fault the server can answer with instead of a normal reply.
 * - `status`: an HTTP error (429, 500, 503, 400 ...) with optional Retry-After (seconds or an
 *   HTTP date) or retry-after-ms, and an error message.
 * - `hang`: never answer; the client must time out.
 * - `delayMs`: answer normally (or with `then`) after a delay; past the client's timeout this
 *   is a slow reply the client gave up on.
 * - `truncated`: a 200 whose JSON body is cut in half.
 * - `malformed`: a 200 whose message content is not JSON.
 * - `schemaBreak`: a 200 whose content is JSON that breaks any object schema with required fields.
 */
export type Fault =
  | { status: number; retryAfter?: number | string; retryAfterMs?: number; message?: string }
  | { hang: true }
  | { delayMs: number; then?: ScriptedReply }
  | { truncated: true }
  | { malformed: true }
  | { schemaBreak: true };

/** What `respond` returns for one choice (or for the whole request, when it is a fault). */
export type ScriptedReply = ScriptedChoice | { fault: Fault };

/** Context of one `respond` call. */
export interface RespondContext {
  /** 0-based index of this HTTP request among all the server received. */
  callIndex: number;
  /** 0-based index of the choice being produced (requests with `n` > 1 call respond n times). */
  choiceIndex: number;
}

/** Options of {@link startOpenAITestServer}. */
export interface OpenAITestServerOptions {
  /** Answers one choice of one request. Default: `{ content: {} }`. */
  respond?: (request: ChatRequestBody, context: RespondContext) => ScriptedReply | Promise<ScriptedReply>;
  /**
   * Random faults: with probability `rate` (drawn from a seeded Random) a request gets one of
   * `kinds` (picked uniformly) instead of `respond`'s answer.
   */
  faults?: { rate: number; seed?: number; kinds: Fault[] };
  /** Answer 400 "response_format json_schema is not supported" to json_schema requests (default false). */
  rejectJsonSchema?: boolean;
}

/** One request the server received. */
export interface RecordedRequest {
  index: number;
  body: ChatRequestBody;
  /** Request headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** "ok" for a normal 200 reply, else the fault's kind: "status:429", "hang", "truncated", ... */
  outcome: string;
  /** True once a reply was written before the client went away. */
  delivered: boolean;
}

/** A running test server. */
export interface OpenAITestServer {
  /** Pass as the client's baseURL, e.g. "http://127.0.0.1:43210/v1". */
  readonly baseURL: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The largest number of requests in flight at once so far. */
  readonly maxInFlight: number;
  /** Stops the server and drops hanging connections. */
  close(): Promise<void>;
}

/**
 * Starts an OpenAI-compatible chat/completions server on 127.0.0.1 (a random free port), for
 * tests that drive the real `openai` SDK. It answers `POST /v1/chat/completions` in OpenAI's
 * shape (choices, finish_reason, usage, logprobs when asked, `n` choices), scripted per test,
 * with optional injected faults, and records every request.
 *
 * @example
 * const server = await startOpenAITestServer({
 *   respond: (request) => ({ content: { label: request.messages.at(-1)!.content.includes("$$$") ? "spam" : "ham" } }),
 *   faults: { rate: 0.3, seed: 1, kinds: [{ status: 429, retryAfterMs: 5 }, { malformed: true }] },
 * });
 * const teacher = openaiTeacher({ model: "test", baseURL: server.baseURL, apiKey: "sk-test" });
 * // ... server.requests.length, server.requests[0].headers.authorization
 * await server.close();
 */
export async function startOpenAITestServer(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  const respond = options.respond ?? (() => ({ content: {} }));
  const faultRandom = new Random(options.faults?.seed ?? 0);
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJSON(res, 500, { error: { message: String(error), type: "server_error" } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      sendJSON(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "not_found" } });
      return;
    }
    const body = JSON.parse(text) as ChatRequestBody;
    const record: RecordedRequest = { index: requests.length, body, headers: { ...req.headers }, outcome: "ok", delivered: false };
    requests.push(record);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    open.add(res);
    res.on("close", () => {
      inFlight--;
      open.delete(res);
    });
    if (options.rejectJsonSchema && body.response_format?.type === "json_schema") {
      record.outcome = "status:400";
      send(record, res, 400, { error: { message: "response_format type json_schema is not supported by this server", type: "invalid_request_error", param: "response_format" } });
      return;
    }
    const faults = options.faults;
    if (faults && faults.kinds.length > 0 && faultRandom.next() < faults.rate) {
      await reply(record, res, { fault: faults.kinds[faultRandom.int(faults.kinds.length)] });
      return;
    }
    await reply(record, res, undefined);
  }

  async function reply(record: RecordedRequest, res: ServerResponse, first: ScriptedReply | undefined): Promise<void> {
    const body = record.body;
    const n = body.n ?? 1;
    const choices: ScriptedChoice[] = [];
    for (let choiceIndex = 0; choiceIndex < n; choiceIndex++) {
      const scripted = choiceIndex === 0 && first ? first : await respond(body, { callIndex: record.index, choiceIndex });
      if ("fault" in scripted) {
        await applyFault(record, res, scripted.fault);
        return;
      }
      choices.push(scripted);
    }
    send(record, res, 200, completion(body, choices));
  }

  async function applyFault(record: RecordedRequest, res: ServerResponse, fault: Fault): Promise<void> {
    if ("status" in fault) {
      record.outcome = `status:${fault.status}`;
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
      send(record, res, fault.status, { error: { message: fault.message ?? `injected ${fault.status}`, type: "server_error" } }, headers);
    } else if ("hang" in fault) {
      record.outcome = "hang"; // the client times out and closes; close() drops what is left
    } else if ("delayMs" in fault) {
      record.outcome = "delay";
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (res.destroyed) return;
      await reply(record, res, fault.then);
      if (record.outcome === "ok") record.outcome = "delay";
    } else if ("truncated" in fault) {
      record.outcome = "truncated";
      const full = JSON.stringify(completion(record.body, [{ content: {} }]));
      res.writeHead(200, { "content-type": "application/json" });
      record.delivered = true;
      res.end(full.slice(0, Math.floor(full.length / 2)));
    } else if ("malformed" in fault) {
      record.outcome = "malformed";
      send(record, res, 200, completion(record.body, [{ content: '{"label": "spam", oops' }]));
    } else {
      record.outcome = "schemaBreak";
      send(record, res, 200, completion(record.body, [{ content: { __broken: true } }]));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(body: ChatRequestBody, choices: ScriptedChoice[]): object {
  const promptChars = body.messages.reduce((sum, m) => sum + String(m.content).length, 0);
  let completionTokens = 0;
  const out = choices.map((choice, index) => {
    const content = typeof choice.content === "string" ? choice.content : JSON.stringify(choice.content);
    completionTokens += Math.ceil(content.length / 4);
    const tokens = choice.logprobs ?? splitTokens(content).map((token) => ({ token, logprob: 0, top_logprobs: [{ token, logprob: 0 }] }));
    return {
      index,
      message: choice.refusal === undefined ? { role: "assistant", content, refusal: null } : { role: "assistant", content: null, refusal: choice.refusal },
      finish_reason: choice.finishReason ?? "stop",
      logprobs: body.logprobs
        ? {
            content: tokens.map((t) => ({
              token: t.token,
              logprob: t.logprob,
              bytes: [...Buffer.from(t.token)],
              top_logprobs: (t.top_logprobs ?? []).map((a) => ({ ...a, bytes: [...Buffer.from(a.token)] })),
            })),
          }
        : null,
    };
  });
  const promptTokens = Math.ceil(promptChars / 4);
  return {
    id: `chatcmpl-test-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: out,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** Splits text into pseudo-tokens: punctuation, whitespace runs and word runs. */
function splitTokens(text: string): string[] {
  return text.match(/\s+|[{}[\]":,]|[^\s{}[\]":,]+/g) ?? [];
}

function send(record: RecordedRequest, res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  record.delivered = true;
  sendJSON(res, status, body, headers);
}

function sendJSON(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
