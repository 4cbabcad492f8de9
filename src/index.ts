/**
 * understudy-ml: let a small, transparent model stand in for an LLM.
 * This file is the public API: re-exports only, one folder at a time.
 */
export { UnderstudyError } from "./core/errors.ts";
export { Random } from "./core/random.ts";
export { setLogger, type Logger } from "./core/logger.ts";
export type { ProgressEvent, ProgressCallback } from "./core/progress.ts";
export { Matrix, type FeatureOrigin, type MatrixLike } from "./data/matrix.ts";
export * from "./data/index.ts";
export * from "./llm/index.ts";
export * from "./teach/index.ts";
export * from "./features/index.ts";
export * from "./models/index.ts";
export * from "./explain/index.ts";
export * from "./evaluate/index.ts";
export * from "./cascade/index.ts";
export * from "./bench/index.ts";
export * from "./charts/index.ts";
export * from "./report/index.ts";
export * from "./export/index.ts";
export { distill, type DistillOptions } from "./distill.ts";
export * from "./understudy/understudy.ts";
