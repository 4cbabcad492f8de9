// Public API of src/export (re-exports only).
export { sqlDialect, sqlDialectNames, type SQLDialect, type SQLDialectName } from "./sql-dialect.ts";
export { modelToSQL, type ModelSQL, type ModelToSQLOptions, type SQLColumn } from "./model-to-sql.ts";
export { encoderToSQL, type EncoderLike, type EncoderSQL, type EncoderToSQLOptions } from "./encoder-to-sql.ts";
export { toSQL, type ToSQLOptions } from "./to-sql.ts";
export { expressionToSQL, type ExpressionToSQLOptions } from "./expression-to-sql.ts";
export { featurizerToSQL, type FeaturizerLike } from "./featurizer-to-sql.ts";
