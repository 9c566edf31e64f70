import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { z } from "zod";
import { pgPoolOf } from "../../db/connection";
import { recordAudit } from "../audit.server";
import type { Db } from "../data/types";
import { reportFileName } from "../domain/reports/cells";
import { parseSupplierFilters, type SupplierFilters } from "../domain/reports/filters";
import type { TaskHandler } from "../jobs/tasks.server";
import { getBlobStore } from "../storage.server";
import { writeDoraPackage, writeDoraWorkbook } from "./dora.server";
import { produceInOwnProcess } from "./export-process.server";
import { loadOrganisation, writeRiskRegister, type Progress } from "./risk-register.server";
import { portfolioSummaryPdf } from "./vendor-report.server";

/*
 * Organisation-wide exports: produced into a temporary file (constant memory), then streamed into
 * the blob store (background task) or to the client (API). One table of what each export is.
 */
export const REPORTS = {
  "risk-register": {
    label: "Risk register (Excel)",
    kind: "risk-register",
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  "dora-xlsx": {
    label: "DORA register of information (Excel, for review)",
    kind: "dora-register",
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  "dora-xbrl": {
    label: "DORA register of information (xBRL-CSV package, zip)",
    kind: "dora-register",
    extension: "zip",
    contentType: "application/zip",
  },
  "portfolio-summary": {
    label: "Portfolio summary for management (PDF)",
    kind: "portfolio-summary",
    extension: "pdf",
    contentType: "application/pdf",
  },
} as const;

export type ReportKey = keyof typeof REPORTS;
export const REPORT_KEYS = Object.keys(REPORTS) as ReportKey[];

export const ExportParamsSchema = z.object({
  report: z.enum(REPORT_KEYS as [ReportKey, ...ReportKey[]]),
  filters: z.record(z.unknown()).optional(),
  baseUrl: z.string().url().optional(),
});

export interface ProduceOptions {
  orgId: string;
  report: ReportKey;
  filters?: SupplierFilters;
  baseUrl?: string;
  asOf?: Date;
  progress?: Progress;
}

/** Writes one export to `filePath`; returns its download name and type. */
export async function produceReportFile(db: Db, filePath: string, options: ProduceOptions) {
  const asOf = options.asOf ?? new Date();
  const progress = options.progress ?? (async () => {});
  const org = await loadOrganisation(db, options.orgId);
  const spec = REPORTS[options.report];
  const out = createWriteStream(filePath);
  const closed = finished(out);
  let details: Record<string, unknown> = {};
  if (options.report === "risk-register") {
    details = await writeRiskRegister(db, out, {
      orgId: options.orgId,
      filters: options.filters ?? {},
      baseUrl: (options.baseUrl ?? process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
      asOf,
      progress,
    });
  } else if (options.report === "dora-xlsx") {
    details = await writeDoraWorkbook(db, out, { orgId: options.orgId, asOf, progress });
  } else if (options.report === "dora-xbrl") {
    details = await writeDoraPackage(db, out, { orgId: options.orgId, asOf, progress });
  } else {
    await progress(20, "Building the PDF");
    const pdf = await portfolioSummaryPdf(db, options.orgId, asOf);
    out.end(pdf.bytes);
  }
  await closed;
  const { size } = await stat(filePath);
  return { fileName: reportFileName(spec.kind, org.slug, asOf, spec.extension), contentType: spec.contentType, sizeBytes: size, details };
}

/** Runs `body` with a private temporary directory that is always removed afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-export-"));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The `export` background task: produce, store in the blob store, audit. */
export const exportTask: TaskHandler = async ({ db, task, progress }) => {
  const params = ExportParamsSchema.parse(task.params);
  const filters = parseSupplierFilters(params.filters ?? {});
  return withTempDir(async (dir) => {
    const file = path.join(dir, "export.bin");
    const started = Date.now();
    const options: ProduceOptions = { orgId: task.orgId, report: params.report, filters, baseUrl: params.baseUrl, progress };
    // On PostgreSQL the file is written by a process of its own (see export-process.server.ts).
    const databaseUrl = pgPoolOf(db)?.options.connectionString;
    const produced = databaseUrl ? await produceInOwnProcess(databaseUrl, file, options) : await produceReportFile(db, file, options);
    await progress(97, "Storing the file");
    const stored = await getBlobStore(db).put(createReadStream(file), { keyPrefix: "export" });
    await recordAudit(db, {
      orgId: task.orgId,
      actorUserId: task.createdBy,
      action: "export.created",
      entityType: "background_task",
      entityId: task.id,
      summary: { report: params.report, filters, fileName: produced.fileName, sizeBytes: stored.sizeBytes, sha256: stored.sha256, ms: Date.now() - started },
    });
    return {
      storageKey: stored.key,
      fileName: produced.fileName,
      contentType: produced.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      report: params.report,
    };
  });
};
