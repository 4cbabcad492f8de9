/** Error messages of `src/cli/`: one function per message (see README.md beside this file). */

const quoteList = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(", ");
const seeHelp = (command: string) => `see \`understudy ${command} --help\``;

export const cliMessages = {
  // Usage: the command line itself.
  unknownCommand: (name: string, nearest: string | undefined, commands: readonly string[]) =>
    nearest
      ? `unknown command ${JSON.stringify(name)}; did you mean ${nearest}? (the commands are ${commands.join(", ")})`
      : `unknown command ${JSON.stringify(name)}; the commands are ${commands.join(", ")} (see \`understudy --help\`).`,
  unknownFlag: (command: string, flag: string, nearest: string | undefined) =>
    nearest ? `${command}: unknown flag ${flag}; did you mean ${nearest}?` : `${command}: unknown flag ${flag}; ${seeHelp(command)} for its flags.`,
  unexpectedArgument: (command: string, arg: string) =>
    `${command}: unexpected argument ${JSON.stringify(arg)}; every value follows its flag (e.g. --data ${arg}), ${seeHelp(command)}.`,
  missingValue: (command: string, flag: string, placeholder: string | undefined) =>
    `${command}: ${flag} needs a value; give ${flag} <${placeholder ?? "value"}>.`,
  flagTakesNoValue: (command: string, flag: string) => `${command}: ${flag} is a switch and takes no value; write ${flag} alone.`,
  requiredFlag: (command: string, flag: string, help: string) => `${command}: ${flag} is required (${help}); ${seeHelp(command)}.`,
  emptyValue: (command: string, flag: string, placeholder: string | undefined) => `${command}: ${flag} is empty; give ${placeholder ? `a ${placeholder}` : "a value"}.`,
  badValue: (command: string, flag: string, what: string, got: unknown) => `${command}: ${flag} must be ${what}, got ${JSON.stringify(got)}.`,

  // Files.
  dataNotFound: (path: string) => `--data ${path}: no such file; pass the path of a CSV, TSV, JSON, NDJSON or Arrow file, or --data - to read standard input.`,
  dataUnreadable: (path: string, reason: string) => `--data ${path}: cannot read it (${reason}); pass a file you can read.`,
  emptyStdin: () => "--data -: standard input is empty; pipe the rows in, e.g. `cat rows.csv | understudy predict --data - ...`.",
  modelNotFound: (path: string) => `--model ${path}: no such file; pass the model.json that \`understudy distill\` wrote.`,
  modelUnreadable: (path: string, reason: string) => `--model ${path}: cannot read it (${reason}); pass the model.json that \`understudy distill\` wrote.`,
  modelNotJSON: (path: string, reason: string) => `--model ${path} is not JSON (${reason}); pass the model.json that \`understudy distill\` wrote.`,
  modelNotBundle: (path: string, reason: string) => `--model ${path} is not a model bundle understudy can read (${reason}); pass the model.json that \`understudy distill\` wrote.`,
  cannotWrite: (path: string, reason: string, flag: string) => `cannot write ${path} (${reason}); pass ${flag} with a path in a folder that exists and you can write to.`,
  nothingWritten: (dir: string, failed: string, reason: string) => `wrote nothing to ${dir}: ${failed} failed (${reason}); fix that and run again (every file is written, or none).`,

  // Library errors in command-line terms (chosen by error code and the flags given, never by message text).
  noSuchColumn: (flag: string, column: string, data: string, columns: readonly string[], nearest: string | undefined) =>
    `${flag} ${column}: ${data} has no column ${JSON.stringify(column)}${nearest ? ` (did you mean ${nearest}?)` : ""}; its columns are ${quoteList(columns)}.`,
  targetAlsoInput: (target: string, flag: string) =>
    `--target ${target} is also named in ${flag}; the known answers would become inputs. Leave ${target} out of ${flag}.`,
  identifierFeature: (column: string) =>
    `--features names ${column}, an identifier (unique per row); a model would learn the rows by heart. Leave ${column} out of --features.`,
  noFeatures: () => "no column can be an input; name input columns with --features a,b or text columns with --text col.",
  labelsNeeded: (target: string | undefined, values: readonly string[]) =>
    target
      ? `--target ${target} holds classes (${quoteList(values)}); pass --labels ${values.slice(0, 4).join(",")} for a classification task, or a numeric --target for regression.`
      : "pass --labels a,b with the classes the teacher chooses from (e.g. --labels spam,ham), or a numeric --target column for regression.",
  labelsMissValues: (target: string, labels: readonly string[], stray: readonly string[]) =>
    `--target ${target} holds ${quoteList(stray)}, not in --labels ${labels.join(",")}; make --labels match the column's values (e.g. --labels ${[...labels, ...stray].join(",")}).`,
  badLabels: (labels: readonly string[]) =>
    `--labels ${labels.join(",")}: give at least two distinct classes, comma-separated, none of them "unsure" (it marks the teacher's abstentions), e.g. --labels spam,ham.`,
  modelForTask: (model: string, classification: boolean) =>
    classification
      ? `--model ${model} is for regression; use --model logistic (or auto) with --labels.`
      : `--model ${model} is for classification; without --labels the task is regression: use --model linear (or auto), or pass --labels.`,
  positiveNotALabel: (positive: string, labels: readonly string[] | undefined) =>
    labels
      ? `--positive ${positive} is not one of --labels ${labels.join(",")}; name the class to explain and score, e.g. --positive ${labels[0]}.`
      : `--positive ${positive} names a class, so it needs --labels (e.g. --labels ${positive},other); drop --positive for regression.`,
  needsLabels: (flag: string, what: string) => `${flag} ${what}, so it needs a classification task: pass --labels a,b (or drop ${flag}).`,
  classWeightKnn: () => "--class-weight balanced cannot weight k-NN; use --model auto (it leaves k-NN out), logistic, tree or forest.",
  cutoffNeedsTwoLabels: (flag: string, labels: readonly string[] | undefined) =>
    `${flag} sets the cutoff between two classes; pass exactly two --labels (${labels ? `got ${labels.join(",")}` : "none given"}), or drop ${flag}.`,
  costsAndTargetRate: () => "--costs and --target-rate both set the decision cutoff; pass one of them.",
  splitByAndGroup: (by: string, group: string) => `--split-by ${by} and --split-group ${group} split rows two ways; pass one of them.`,
  exportableKnn: () => "--exportable keeps only models with a SQL form and k-NN has none; use --model auto, tree, logistic or forest with --exportable.",
  noSQLForm: (command: string, path: string, reason: string) =>
    `${command}: --model ${path} has no SQL form: ${reason} Distill it again with \`understudy distill --exportable\` (only candidates with a SQL form) over numeric, boolean and categorical --features (text has none), or score it with \`understudy predict\`.`,
  budgetSpent: (budget: string, cacheDir: string) =>
    `the teacher's budget is spent (${budget}) before enough labels were bought; raise it and run again: answers already paid for are cached in ${cacheDir} and not paid twice.`,

  // Commands.
  noLLM: () => "no LLM is configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) and UNDERSTUDY_MODEL.",
  noTeacher: () => "no teacher: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) and UNDERSTUDY_MODEL, or pass --target with a column of known labels.",
  benchNeedsLLM: () =>
    "bench compares the small model with an LLM, and none is configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server) and UNDERSTUDY_MODEL, then run it again.",
  predictMissingColumns: (columns: readonly string[]) =>
    `predict: the data lacks the model's input column(s) ${quoteList(columns)}; pass rows with the columns the model was distilled on.`,
  scoreOutFormat: (path: string) => `score: --out ${path} must end in .parquet or .csv (the format of the scored file).`,
  scoreFailed: (reason: string) => `score: DuckDB could not score the data (${reason}); check that --data holds the columns the model was distilled on.`,
  labelImportFailed: (lines: number, failed: number, first: string) =>
    `label: ${failed} of ${lines} answer line(s) could not be imported (first: ${first}); run \`understudy label --batch\` again to export the missing requests.`,
  labelNeedsMode: () => "label: pass --batch <dir> to write the Batch API requests, or --import <results.jsonl> to file the answers into --cache-dir.",
  labelNeedsModel: () => "label: name the model that will answer with --teacher-model or UNDERSTUDY_MODEL (the batch requests and the cache are keyed by it).",
};
