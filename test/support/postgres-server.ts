// A throwaway PostgreSQL server for tests: initdb into a temporary folder, start it on a free
// port of 127.0.0.1 (its socket in the same folder), run SQL through Debian's `psql`, then stop
// it and delete the folder. Not a test file itself.
//
// Postgres refuses to run as root: under root the server runs as the `postgres` user that
// Debian's postgresql package creates (the folder is handed to it); under any other user it
// runs as that user.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian's postgresql 15 installs its server binaries; POSTGRES_BIN overrides it. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";
const PSQL = "/usr/bin/psql";
const SUPERUSER = "understudy";

/** Why a Postgres server cannot be started here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  for (const bin of [join(POSTGRES_BIN, "initdb"), join(POSTGRES_BIN, "pg_ctl"), PSQL]) {
    if (!existsSync(bin)) return `${bin} not found (apt-get install postgresql)`;
  }
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) {
    return "running as root and there is no postgres user to run the server as (apt-get install postgresql creates it)";
  }
  return undefined;
}

/**
 * True when Postgres tests can run; otherwise prints why they skip, and throws under CI=true
 * (CI installs the postgresql package first, so a skip there would hide a broken setup).
 */
export function postgresAvailable(): boolean {
  const reason = postgresMissing();
  if (reason === undefined) return true;
  if (process.env.CI === "true") throw new Error(`Postgres tests: ${reason}; under CI=true .ci/run must install the postgresql package.`);
  console.warn(`Postgres tests skipped: ${reason}.`);
  return false;
}

export interface PostgresServer {
  port: number;
  /** Runs a script (statements separated by `;`), stopping at the first error, which is thrown with psql's message. */
  run(sql: string): void;
  /** Runs one SELECT and returns its rows as plain objects (numbers as JSON numbers, NULL as null). */
  query(select: string): Record<string, unknown>[];
  /** Stops the server and deletes its folder; safe to call twice. */
  stop(): void;
}

/** Starts a fresh server with default settings (JIT included), as a user's database would run. */
export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), "understudy-pg-"));
  const asOwner = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  if (asOwner.length) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const owner = (bin: string, args: string[]) => {
    const [cmd, ...rest] = [...asOwner, join(POSTGRES_BIN, bin), ...args];
    const r = spawnSync(cmd, rest, { encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const data = join(dir, "data");
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        owner("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]);
      } catch {
        // Already gone: deleting its folder below is all that is left to do.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    owner("initdb", ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const port = await freePort();
    owner("pg_ctl", ["start", "-D", data, "-w", "-t", "60", "-l", join(dir, "server.log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`]);
    started = true;
    const psql = (args: string[], input: string): string => {
      const r = spawnSync(PSQL, ["-h", "127.0.0.1", "-p", String(port), "-U", SUPERUSER, "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", ...args], {
        input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 300_000,
      });
      if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr.trim()}`);
      return r.stdout;
    };
    return {
      port,
      run: (sql) => void psql(["-f", "-"], sql),
      query: (select) => {
        // One JSON array back: row_to_json keeps column names and types, and Postgres prints
        // doubles with the shortest text that reads back to the same value.
        const file = join(dir, "query.sql");
        writeFileSync(file, `SELECT coalesce(json_agg(row_to_json(q)), '[]'::json) FROM (\n${select.replace(/;\s*$/, "")}\n) AS q;`);
        return JSON.parse(psql(["-A", "-t", "-f", file], "")) as Record<string, unknown>[];
      },
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
