/**
 * The risk register export as the app runs it: a background task in the server process (which has
 * the Remix build, the job queue and everything else loaded), queued like the exports page does.
 * Starts `server/index.ts` on the given database, queues the export of an existing organisation
 * (e.g. left by `BENCH_KEEP=1 npm run bench`), and samples the server's RSS until the task is done
 * (it includes storing the file in the blob store). On PostgreSQL the file is written by a process
 * the server starts for it; that process's peak is reported too.
 *
 *   npm run build && DATABASE_URL=postgres://… BENCH_SLUG=bench npx tsx bench/export-server.ts
 *   SERVER_NODE_FLAGS="--max-old-space-size=512" …     # node flags for the server process
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { closeDatabase, getDatabaseHandle } from "../db/connection";
import { enqueueTask } from "../app/jobs/tasks.server";
import { childrenOf } from "./lib/proc";

const MiB = 1024 * 1024;
const slug = process.env.BENCH_SLUG ?? "bench";
const port = process.env.BENCH_PORT ?? "3917";

/** Current and highest RSS of a process, in bytes, from /proc (Linux). */
function rss(pid: number): { now: number; max: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { now: kb("VmRSS"), max: kb("VmHWM") };
}

const flags = (process.env.SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const server = spawn(process.execPath, [...flags, "--import", "tsx", "server/index.ts"], {
  env: { ...process.env, PORT: port, SEED_DEMO: "false" },
  stdio: ["ignore", "pipe", "inherit"],
});
try {
  await new Promise<void>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    server.stdout!.on("data", (data: Buffer) => String(data).includes("listening") && resolve());
  });
  // Let start-up work (queue polling, maintenance) settle before the starting figure.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const pid = server.pid!;
  const start = rss(pid).now;
  const { db } = getDatabaseHandle();
  const org = await db.selectFrom("organisations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const t0 = performance.now();
  const task = await enqueueTask(db, { orgId: org.id, kind: "export", params: { report: "risk-register" }, createdBy: null });
  let peak = start;
  // On PostgreSQL the server writes the file in a process of its own (app/reports/export-process.server.ts).
  let childPeak = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    peak = Math.max(peak, rss(pid).now);
    for (const child of childrenOf(pid)) {
      try {
        childPeak = Math.max(childPeak, rss(child).max);
      } catch {
        // exited meanwhile
      }
    }
    const row = await db.selectFrom("background_tasks").select(["status", "error"]).where("id", "=", task.id).executeTakeFirstOrThrow();
    if (row.status === "failed") throw new Error(`export failed: ${row.error}`);
    if (row.status === "succeeded") break;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `server export ${seconds.toFixed(2)} s (queued to stored), server rss at start ${(start / MiB).toFixed(0)} MiB, ` +
      `peak ${(peak / MiB).toFixed(0)} MiB (+${((peak - start) / MiB).toFixed(0)}), process max ${(rss(pid).max / MiB).toFixed(0)} MiB; ` +
      (childPeak ? `export process peak ${(childPeak / MiB).toFixed(0)} MiB (sampled every 50 ms)` : "no export process seen"),
  );
} finally {
  server.kill("SIGTERM");
  await closeDatabase();
}
