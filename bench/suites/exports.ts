import { once, type EventEmitter } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { SHEETS } from "../../app/domain/reports/risk-register";
import { produceReportFile } from "../../app/reports/export.server";
import { registerBenchmark } from "../lib/harness";
import { ensureResultsComputed } from "../lib/results";
import { RssSampler } from "../lib/rss";
import { formatBytes, formatCount } from "../lib/stats";

/*
 * The risk register export (Excel, whole organisation, no filters) into a temporary file, against
 * exceljs' streaming WorkbookWriter writing as many cells (rows × columns of the Suppliers,
 * Dependencies and Findings sheets) of generated values with no database at all. Compared on wall
 * time; the peak RSS growth of both (the export must stream: constant memory however large the
 * organisation) is in the note: of the first call (the warm-up, which is where a process grows) and
 * the median of the measured calls, plus the absolute peak.
 */

/** The sheets the baseline reproduces, by the key under which writeRiskRegister counts their rows. */
const BASELINE_SHEETS = ["suppliers", "dependencies", "findings"] as const;

type ZipInput = EventEmitter & { _writableState?: { length: number; highWaterMark: number } };

/** Like the app's writers: wait for the zip compressor's input to drain every few hundred rows. */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const inputs = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes ?? [];
  for (const input of inputs) {
    const state = input._writableState;
    if (state && state.length > state.highWaterMark) await once(input, "drain");
  }
}

/** exceljs streaming, no database: `rows` rows of `columns` cells per sheet, alternating text and numbers. */
export async function writePlainWorkbook(filePath: string, sheets: { name: string; rows: number; columns: number }[]): Promise<void> {
  const out = createWriteStream(filePath);
  const closed = finished(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    const header: string[] = [];
    for (let c = 0; c < spec.columns; c++) header.push(`Column ${c + 1}`);
    sheet.addRow(header).commit();
    for (let r = 0; r < spec.rows; r++) {
      const values: (string | number)[] = [];
      for (let c = 0; c < spec.columns; c++) values.push(c % 2 === 0 ? `G-${String(r).padStart(6, "0")} value ${c}` : r * c);
      sheet.addRow(values).commit();
      if (r % 500 === 499) await zipCaughtUp(sheet);
    }
    sheet.commit();
  }
  await workbook.commit();
  await closed;
}

registerBenchmark((ctx) => {
  const exportFile = path.join(ctx.tmpDir, "risk-register.xlsx");
  const baselineFile = path.join(ctx.tmpDir, "plain.xlsx");
  // Filled in by the first (warm-up) export: the rows it wrote per sheet.
  let sheets: { name: string; rows: number; columns: number }[] | null = null;
  const times = { run: [] as number[], baseline: [] as number[] };
  const rss = { run: [] as number[], baseline: [] as number[] };
  let absolutePeak = 0;
  async function measured(phase: "run" | "baseline", body: () => Promise<void>) {
    const sampler = new RssSampler().start(10);
    const t0 = performance.now();
    await body();
    times[phase].push(performance.now() - t0);
    const { startRss, peakRss } = sampler.stop();
    rss[phase].push(Math.max(0, peakRss - startRss));
    absolutePeak = Math.max(absolutePeak, peakRss);
  }
  const bench = {
    name: "risk register export, whole organisation (xlsx)",
    baselineName: "exceljs streaming writer, same cells, no database",
    runs: Math.min(ctx.runs, 3),
    note: "",
    async beforeEach() {
      // The register lists findings: export the organisation as users see it, results computed.
      await ensureResultsComputed(ctx);
      await rm(exportFile, { force: true });
      await rm(baselineFile, { force: true });
    },
    async run() {
      let result!: Awaited<ReturnType<typeof produceReportFile>>;
      await measured("run", async () => {
        result = await produceReportFile(ctx.db, exportFile, { orgId: ctx.org.orgId, report: "risk-register" });
      });
      if (!sheets) {
        const counts = result.details as Record<string, unknown>;
        sheets = BASELINE_SHEETS.map((key) => ({ name: SHEETS[key].name, rows: Number(counts[key] ?? 0), columns: SHEETS[key].columns.length }));
      }
    },
    async baseline() {
      await measured("baseline", () => writePlainWorkbook(baselineFile, sheets ?? []));
    },
    async teardown() {
      // The first sample of each is the warm-up.
      const med = (xs: number[]) => {
        const s = xs.slice(1).sort((a, b) => a - b);
        return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
      };
      const cells = (sheets ?? []).reduce((a, s) => a + s.rows * s.columns, 0);
      bench.note =
        `rows: ${(sheets ?? []).map((s) => `${s.name} ${formatCount(s.rows)} × ${s.columns}`).join(", ")} = ${formatCount(cells)} cells in the baseline; ` +
        `wall time (median): export ${(med(times.run) / 1000).toFixed(2)} s, baseline ${(med(times.baseline) / 1000).toFixed(2)} s ` +
        `(the export also writes the Summary, Services, Concentration, Alternates and Evidence sheets); ` +
        `peak RSS growth: export first call ${formatBytes(rss.run[0] ?? 0)}, median ${formatBytes(med(rss.run))}; ` +
        `baseline first call ${formatBytes(rss.baseline[0] ?? 0)}, median ${formatBytes(med(rss.baseline))}; absolute peak RSS ${formatBytes(absolutePeak)}`;
      console.log(`  ${bench.name}: ${bench.note}`);
      await rm(exportFile, { force: true });
      await rm(baselineFile, { force: true });
    },
  };
  return bench;
});
