// Public API of src/data (re-exports only). Matrix, FeatureOrigin and MatrixLike are
// re-exported by src/index.ts directly from ./matrix.ts.
export { toTable, type TableInput, type ToTableOptions } from "./to-table.ts";
export { loadTable } from "./load-table.ts";
export type { TableFileFormat } from "./table-file.ts";
export { inferSchema, type ColumnRole, type ColumnSchema, type InferSchemaOptions, type Schema } from "./infer-schema.ts";
export { splitRows, type RowSplit, type SplitRowsOptions } from "./split-rows.ts";
export {
  TableEncoder,
  type EncodedRole,
  type EncoderStep,
  type TableEncoderJSON,
  type TableEncoderOptions,
} from "./table-encoder.ts";
export { columnValues } from "./column-values.ts";
export { rowsOf } from "./rows-of.ts";
export { takeRows } from "./take-rows.ts";
export { spamAssassinEmails, type SpamAssassinEmail, type SpamAssassinEmailsOptions } from "./spam-assassin-emails.ts";
