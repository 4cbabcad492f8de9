// Public API of src/llm (re-exports only).
export type * from "./teacher.ts";
export { functionTeacher } from "./function-teacher.ts";
