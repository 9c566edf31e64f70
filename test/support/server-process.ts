import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEmptyPostgresDatabase } from "./database";

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output matches, rejects if the process exits first or time runs out. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Runs `server/index.ts` (the same entry as `npm start`, without the build step) in a child process. */
export function startServerProcess(env: Record<string, string | undefined>): ServerProcess {
  // Like `npm start` on a fresh machine: no NODE_ENV, no SESSION_SECRET; `undefined` unsets a variable.
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries({ NODE_ENV: undefined, SESSION_SECRET: undefined, ...env })) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: rootDir,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out waiting for ${pattern}. Output so far:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`Server exited before ${pattern}. Output:\n${output}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off("exit", onExit);
        };
        listeners.add(check);
        child.once("exit", onExit);
        check();
      });
    },
  };
}

/**
 * `npm start` on a fresh database (a new PostgreSQL database when TEST_DATABASE_URL is set, else a
 * PGlite directory in /tmp), waiting until it listens. `stop()` ends it and removes the database.
 */
export async function startServerOnFreshDatabase() {
  const postgres = await createEmptyPostgresDatabase();
  const dir = postgres ? null : mkdtempSync(path.join(tmpdir(), "portal-server-"));
  const server = startServerProcess(postgres ? { DATABASE_URL: postgres.url, PORT: "0" } : { DATABASE_URL: undefined, PGLITE_DIR: dir!, PORT: "0" });
  const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (server.child.exitCode === null) {
        server.child.kill("SIGTERM");
        await server.exited;
      }
      await postgres?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
