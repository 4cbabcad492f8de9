#!/usr/bin/env node
// The `understudy` command: runs the built CLI (`npm run build` writes dist/). In a source
// checkout, UNDERSTUDY_CLI_SOURCE=1 with a TypeScript loader (`node --import tsx`) runs src/
// instead, so the tests drive this very file without a build that could be stale.
const entry = process.env.UNDERSTUDY_CLI_SOURCE === "1" ? "../src/cli/main.ts" : "../dist/cli/main.js";
let main;
try {
  ({ main } = await import(entry));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("cli/main.")) throw error;
  process.stderr.write("understudy: the command is not built yet: run `npm run build` in the package folder first.\n");
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
