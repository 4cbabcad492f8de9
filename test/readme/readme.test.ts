// Every ```ts block of the README runs as written against the built package (`npm run build` →
// dist/, imported as "understudy-ml"), so no example can rot. A block whose first line is
// `// continues the block above` runs in the same program as the block before it. The one thing
// the test adds is a documented preamble: `rows`, `newRows`, `incomingRows` and `heldOutGold`
// (SpamAssassin e-mails, as the README says next to the block), and OPENAI_BASE_URL pointing to a
// stand-in LLM on 127.0.0.1 that labels each e-mail with the corpus's own label.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInReplies } from "../../examples/support/stand-in-llm.ts";
import { spamAssassinEmails } from "../../src/index.ts";
import { startOpenAITestServer, type OpenAITestServer } from "../support/openai-test-server.ts";

const ROOT = join(import.meta.dirname, "..", "..");
// Inside the package's folder, so `import "understudy-ml"` resolves to its own exports (dist/).
const PROGRAMS = join(ROOT, "test", "artifacts", "readme");
const CONTINUES = "// continues the block above";
const EMAILS = { rows: 260, seed: 3 };

const PREAMBLE = `import { spamAssassinEmails as readmeEmails } from "understudy-ml";
const readmeRows = await readmeEmails(${JSON.stringify(EMAILS)});
const rows = readmeRows.slice(0, 150), newRows = readmeRows.slice(150, 170);
const incomingRows = readmeRows.slice(170, 220), heldOutGold = readmeRows.slice(220);
`;

/** The README's ts blocks grouped into programs: a block that continues the one above joins its program. */
function readmePrograms(): { heading: string; line: number; source: string }[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const programs: { heading: string; line: number; source: string }[] = [];
  let heading = "";
  let line = 1;
  for (const part of readme.split(/^(```ts\n[\s\S]*?^```$)/m)) {
    if (!part.startsWith("```ts\n")) {
      heading = [...part.matchAll(/^#+ (.+)$/gm)].at(-1)?.[1] ?? heading;
    } else {
      const block = part.slice("```ts\n".length, -"```".length);
      if (block.startsWith(CONTINUES) && programs.length) programs.at(-1)!.source += `\n${block}`;
      else programs.push({ heading, line: line + 1, source: block });
    }
    line += part.split("\n").length - 1;
  }
  return programs;
}

const run = promisify(execFile);
let server: OpenAITestServer;
let work: string;

describe("README examples run as written against the built package", () => {
  beforeAll(async () => {
    // Once per run; tsc's own errors fail it (dist/ must be what `npm publish` would ship).
    const build = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    const gold = new Map((await spamAssassinEmails(EMAILS)).map((e) => [e.body.trim(), e.label]));
    // The teacher sees the e-mail's fields as an object (or the bare body, were it the only one).
    const body = (row: Record<string, unknown> | string) => String(typeof row === "string" ? row : row.body).trim();
    server = await startOpenAITestServer({ respond: standInReplies({ label: (row) => gold.get(body(row)) ?? "unsure" }) });
    mkdirSync(PROGRAMS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), "understudy-readme-"));
  }, 150_000);
  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const programs = readmePrograms();

  it("finds the examples: the main job, the cascade with it, the estimators", () => {
    expect(programs.map((p) => p.heading)).toEqual(["The main job", "The main job", "Estimators on their own"]);
    expect(programs[1].source).toContain("toSQL(");
    expect(programs[0].source).toContain("await u.cascade(");
  });

  programs.forEach((program, i) => {
    it(`the block at README line ${program.line} ("${program.heading}") runs without error`, async () => {
      const file = join(PROGRAMS, `readme-${i + 1}.mts`);
      const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(program.source);
      writeFileSync(file, (["rows", "newRows"].some(uses) ? PREAMBLE : "") + program.source);
      expect(existsSync(join(ROOT, "dist", "index.js"))).toBe(true);
      // The block's cache (.understudy-cache) goes to a temporary working folder.
      const r = await run(join(ROOT, "node_modules", ".bin", "tsx"), [file], {
        cwd: work, timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "sk-stand-in", UNDERSTUDY_MODEL: "" },
      }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`README example "${program.heading}" failed: ${e.stderr || e.message}\n(stdout: ${e.stdout?.slice(-2000)})`);
      });
      expect(r.stderr).not.toMatch(/Error/);
    }, 150_000);
  });
});
