// Public API of src/bench (re-exports only).
export {
  benchmarkAgainstTeacher, type BenchmarkOptions, type BenchmarkResult, type BenchmarkRow, type BenchmarkRowDetail, type BenchmarkStudent,
} from "./benchmark-against-teacher.ts";
export { formatBenchmark, type FormatBenchmarkOptions } from "./format-benchmark.ts";
export type { LatencySummary } from "./latency-summary.ts";
