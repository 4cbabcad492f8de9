/** Error messages of `src/llm/`: one function per message (see README.md beside this file). */
export const llmMessages = {
  // openaiTeacher options
  modelName: () => "openaiTeacher({ model }): model must be the model name, e.g. \"gpt-4o-mini\".",
  missingApiKey: () => "openaiTeacher: no API key: set OPENAI_API_KEY or pass apiKey (a local server without auth needs only baseURL).",
  positiveOption: (name: string, value: unknown, integer: boolean) =>
    `openaiTeacher: ${name} must be a positive ${integer ? "integer" : "number"}, got ${String(value)}.`,
  countOption: (name: string, value: unknown) => `openaiTeacher: ${name} must be an integer ≥ 0, got ${String(value)}.`,
  structuredOutput: (value: unknown) => `openaiTeacher: structuredOutput must be "json_schema" or "json_object", got ${String(value)}.`,
  teacherFailing: (calls: number, cause: string, host: string) =>
    `the teacher is not answering: ${calls} calls in a row to ${host} failed with ${cause} (after their retries) and none has succeeded yet; check that the server at baseURL (OPENAI_BASE_URL) is up and serves this model, then run again.`,
  serverRefused: (status: number, detail: string, model: string) =>
    `the server refused the request (HTTP ${status}: ${detail}); check the API key, baseURL and that model "${model}" exists.`,

  // budget
  budgetMaxCalls: (value: unknown) => `budget.maxCalls must be an integer ≥ 0, got ${String(value)}.`,
  budgetMaxUSD: (value: unknown) => `budget.maxUSD must be a number ≥ 0, got ${String(value)}.`,
  budgetNeedsPrice: (model: string) =>
    `budget.maxUSD needs a price for model "${model}": pass prices: { "${model}": { input, output } } (USD per 1M tokens).`,
  budgetSpent: (cap: string, calls: number, costUSD: number, keptIn: string | undefined) =>
    `the teacher's budget is spent (${cap}; ${calls} paid calls, $${costUSD.toFixed(4)}). ` +
    `Everything answered so far is ${keptIn ? `cached in ${keptIn}` : "kept in memory"}; raise the budget and run again to continue without repeating a call.`,

  // teacher requests
  requestNotObject: () => "teacher request: expected an object { messages, schemaName, schema }.",
  requestMessages: () => "teacher request: messages must be a non-empty array of { role, content }.",
  requestMessage: (index: number) => `teacher request: messages[${index}] must be { role: "system" | "user" | "assistant", content: string }.`,
  requestSchemaName: () => "teacher request: schemaName must be a non-empty string, e.g. \"label\".",
  requestSchema: () => "teacher request: schema must be a zod schema, e.g. z.object({ label: z.enum([...]) }).",
  requestSamples: (value: unknown) => `teacher request: samples must be an integer from 1 to 128, got ${String(value)}.`,
  requestTemperature: (value: unknown) => `teacher request: temperature must be a number from 0 to 2, got ${String(value)}.`,
  requestMaxTokens: (value: unknown) => `teacher request: maxTokens must be a positive integer, got ${String(value)}.`,
  requestTopLogprobs: (value: unknown) => `teacher request: topLogprobs must be an integer from 0 to 20, got ${String(value)}.`,
  schemaNotJson: (detail: string) =>
    `the answer schema cannot be expressed as JSON Schema (${detail}): use plain zod objects, enums, strings, numbers, booleans and arrays.`,

  // the answer cache
  cacheDir: () => "cacheDir must be a non-empty directory path, e.g. \".understudy-cache\".",
  cacheKey: (key: string) => `not a cache key: ${JSON.stringify(key).slice(0, 80)} (expected 64 hex characters).`,
  cacheNotWritable: (dir: string, detail: string) =>
    `the answer cache at ${dir} is not writable (${detail}); nothing was paid for yet: pass a writable cacheDir, free disk space, or cacheDir: false to keep answers in memory only.`,
  cacheUnsaved: (dir: string, detail: string) =>
    `could not save an answer in the cache at ${dir} (${detail}); answers are kept in memory for the rest of this run, but a rerun will pay for them again (see stats.unsavedAnswers).`,
  cacheWrite: (path: string, detail: string) => `could not write the answer cache at ${path}: ${detail}; check that cacheDir is writable.`,

  // replay
  replayEmpty: (cacheDir: string) => `replayTeacher: the cache at ${cacheDir} is empty: run with a live teacher first or import a batch.`,
  replayAmbiguous: (cacheDir: string, models: string[]) =>
    `replayTeacher: the cache at ${cacheDir} holds answers from several models (${models.join(", ")}): pass model.`,
  notCached: (d: { schemaName: string; model: string; key: string; lastMessage: string; cacheDir: string; partial: boolean }) =>
    `not in the cache: a ${d.schemaName} request for model ${d.model} (key ${d.key.slice(0, 12)}…, last message ` +
    `"${d.lastMessage.slice(0, 60)}${d.lastMessage.length > 60 ? "…" : ""}") is not in ${d.cacheDir}` +
    `${d.partial ? " (only some of its samples are)" : ""}; run with a live teacher first or import a batch.`,

  // function teacher
  notAFunction: () => "functionTeacher(fn): fn must be a function that returns the answer object.",

  // Batch API
  batchTarget: () => "exportBatch(target, ...): target needs model and cacheDir (an openaiTeacher with a cacheDir, or { model, cacheDir }).",
  batchRequests: () => "exportBatch: requests must be an array of teacher requests.",
  batchUnreadable: (path: string, detail: string) =>
    `importBatch: cannot read ${path} (${detail}); pass the path of the downloaded batch output file.`,
};
