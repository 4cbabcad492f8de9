#!/usr/bin/env node
// The `understudy` command: runs the built CLI (`npm run build` writes dist/).
let main;
try {
  ({ main } = await import("../dist/cli/main.js"));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("cli/main.js")) throw error;
  process.stderr.write("understudy: the command is not built yet: run `npm run build` in the package folder first.\n");
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
