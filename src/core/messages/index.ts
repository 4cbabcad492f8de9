/** Every error message, by area: `messages.<area>.<name>(details)`. See README.md beside this file. */
import { benchMessages } from "./bench.ts";
import { cascadeMessages } from "./cascade.ts";
import { chartsMessages } from "./charts.ts";
import { cliMessages } from "./cli.ts";
import { coreMessages } from "./core.ts";
import { dataMessages } from "./data.ts";
import { distillMessages } from "./distill.ts";
import { evaluateMessages } from "./evaluate.ts";
import { explainMessages } from "./explain.ts";
import { exportMessages } from "./export.ts";
import { featuresMessages } from "./features.ts";
import { llmMessages } from "./llm.ts";
import { modelsMessages } from "./models.ts";
import { reportMessages } from "./report.ts";
import { teachMessages } from "./teach.ts";
import { understudyMessages } from "./understudy.ts";

export const messages = {
  bench: benchMessages,
  cascade: cascadeMessages,
  charts: chartsMessages,
  cli: cliMessages,
  core: coreMessages,
  data: dataMessages,
  distill: distillMessages,
  evaluate: evaluateMessages,
  explain: explainMessages,
  export: exportMessages,
  features: featuresMessages,
  llm: llmMessages,
  models: modelsMessages,
  report: reportMessages,
  teach: teachMessages,
  understudy: understudyMessages,
} as const;
