/**
 * The risk register export of an existing organisation in a process of its own: wall time and
 * memory (RSS at start, peak, process high-water mark), with the exceljs baseline of the bench
 * suite (bench/suites/exports.ts) alternated in the same process when asked.
 *
 *   DATABASE_URL=postgres://… BENCH_SLUG=bench npx tsx bench/export-standalone.ts [export|baseline|both] [runs]
 *   EXPORT_FILE=/tmp/x.xlsx …                                         # keep the last file written
 *   node --cpu-prof --import tsx bench/export-standalone.ts export 1     # a CPU profile
 *
 * The organisation must exist with its results computed (e.g. left by `BENCH_KEEP=1 npm run bench`).
 */
import "../server/node-env";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closeDatabase, getDatabaseHandle } from "../db/connection";
import { SHEETS } from "../app/domain/reports/risk-register";
import { produceReportFile } from "../app/reports/export.server";
import { maxRssBytes, RssSampler } from "./lib/rss";
import { writePlainWorkbook } from "./suites/exports";

const MiB = 1024 * 1024;
// EXPORT_TRACE=1: one line per progress report with the time and the process's memory.
const trace = process.env.EXPORT_TRACE === "1";
let lastSheet = "";
const traceProgress = (t0: number) => async (_percent: number, message?: string) => {
  const sheet = (message ?? "").split(":")[0]!;
  if (sheet === lastSheet) return;
  lastSheet = sheet;
  traceLine(t0, message ?? "");
};
function traceLine(t0: number, message: string) {
  // With --expose-gc and EXPORT_TRACE_GC=1: live memory rather than what the collector has yet to reclaim.
  if (process.env.EXPORT_TRACE_GC === "1") (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(
    `  ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s ${(message ?? "").padEnd(28)} rss ${(m.rss / MiB).toFixed(0)} heap ${(m.heapUsed / MiB).toFixed(0)} ` +
      `total ${(m.heapTotal / MiB).toFixed(0)} external ${(m.external / MiB).toFixed(0)} buffers ${(m.arrayBuffers / MiB).toFixed(0)} MiB`,
  );
};
const mode = process.argv[2] ?? "export";
const runs = Number(process.argv[3] ?? 1);
const slug = process.env.BENCH_SLUG ?? "bench";

const { db } = getDatabaseHandle();
try {
  const org = await db.selectFrom("organisations").select(["id", "results_computed_at"]).where("slug", "=", slug).executeTakeFirstOrThrow();
  if (!org.results_computed_at) console.warn(`organisation ${slug} has no computed results`);
  const keep = process.env.EXPORT_FILE;
  const file = keep ?? path.join(os.tmpdir(), `export-standalone-${process.pid}.xlsx`);
  // EXPORT_ROWS=suppliers,dependencies,findings: the baseline's row counts, without a first export.
  const given = process.env.EXPORT_ROWS?.split(",").map(Number);
  let sheets: { name: string; rows: number; columns: number }[] | null = given
    ? (["suppliers", "dependencies", "findings"] as const).map((k, i) => ({ name: SHEETS[k].name, rows: given[i] ?? 0, columns: SHEETS[k].columns.length }))
    : null;
  const report = (what: string, ms: number, s: ReturnType<RssSampler["stop"]>) =>
    console.log(
      `${what.padEnd(8)} ${(ms / 1000).toFixed(2).padStart(6)} s  rss start ${(s.startRss / MiB).toFixed(0)} MiB, peak ${(s.peakRss / MiB).toFixed(0)} MiB ` +
        `(+${((s.peakRss - s.startRss) / MiB).toFixed(0)}), process max ${(maxRssBytes() / MiB).toFixed(0)} MiB`,
    );
  for (let i = 0; i < runs; i++) {
    if (mode === "export" || mode === "both" || !sheets) {
      const sampler = new RssSampler().start(10);
      const t0 = performance.now();
      const timer = trace ? setInterval(() => traceLine(t0, `  (${lastSheet})`), 2000) : undefined;
      const result = await produceReportFile(db, file, { orgId: org.id, report: "risk-register", progress: trace ? traceProgress(t0) : undefined });
      const ms = performance.now() - t0;
      clearInterval(timer);
      if (mode !== "baseline" || i > 0 || sheets === null) report("export", ms, sampler.stop());
      const counts = result.details as Record<string, number>;
      if (!sheets) {
        console.log(`rows: ${JSON.stringify(counts)}, ${(result.sizeBytes / MiB).toFixed(1)} MiB`);
        sheets = (["suppliers", "dependencies", "findings"] as const).map((k) => ({ name: SHEETS[k].name, rows: counts[k] ?? 0, columns: SHEETS[k].columns.length }));
      }
    }
    if (mode === "baseline" || mode === "both") {
      const sampler = new RssSampler().start(10);
      const t0 = performance.now();
      await writePlainWorkbook(file, sheets);
      report("baseline", performance.now() - t0, sampler.stop());
    }
  }
  if (!keep) await rm(file, { force: true });
} finally {
  await closeDatabase();
}
