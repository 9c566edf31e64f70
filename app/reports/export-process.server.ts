import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ProduceOptions, produceReportFile } from "./export.server";

/*
 * Big exports run in a process of their own (server/export-process.ts) when the database is
 * PostgreSQL. Written in the server, the 50,000-supplier risk register took the process from
 * ≈ 264 to ≈ 464 MiB, since V8 lets a heap grow to several times what is live while it churns
 * through rows; alone it peaks at ≈ 344 MiB and hands the memory back when it exits, and the
 * server's pages keep their latency meanwhile. Embedded PGlite lives inside the server process,
 * so there the export stays in it.
 */

export interface ExportProcessRequest {
  filePath: string;
  /** The options of `produceReportFile` that cross the process boundary; the date as ISO text. */
  options: Omit<ProduceOptions, "progress" | "asOf"> & { asOf: string };
}

export type Produced = Awaited<ReturnType<typeof produceReportFile>>;

export type ExportProcessMessage =
  | { kind: "progress"; percent: number; message?: string }
  | { kind: "done"; produced: Produced }
  | { kind: "failed"; message: string };

/** server/export-process.ts, found from this module whether it runs from source or from build/. */
function exportProcessEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "server", "export-process.ts");
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("server/export-process.ts not found");
    dir = parent;
  }
}

/** Runs `produceReportFile` for `options` in a new process on the PostgreSQL database at `databaseUrl`. */
export function produceInOwnProcess(databaseUrl: string, filePath: string, options: ProduceOptions): Promise<Produced> {
  const { progress, asOf, ...rest } = options;
  const request: ExportProcessRequest = { filePath, options: { ...rest, asOf: (asOf ?? new Date()).toISOString() } };
  const entry = exportProcessEntry();
  const child = fork(entry, [], {
    cwd: path.dirname(path.dirname(entry)), // where `--import tsx` is resolved from
    execArgv: ["--import", "tsx"],
    // A few connections are plenty: the export reads one page ahead at most. Its own temporary
    // files (the workbook's spooled parts) go next to the file, in the caller's temporary directory,
    // so they are removed with it even when the process is killed before it can clean up.
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "3", TMPDIR: path.dirname(filePath) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise<Produced>((resolve, reject) => {
    let produced: Produced | null = null;
    let failure: string | null = null;
    child.on("message", (message: ExportProcessMessage) => {
      if (message.kind === "progress") void progress?.(message.percent, message.message).catch(() => undefined);
      else if (message.kind === "done") produced = message.produced;
      else failure = message.message;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (produced) resolve(produced);
      else reject(new Error(failure ?? `the export process ended without a file (${signal ?? `exit code ${code}`})`));
    });
    child.send(request);
  });
}
