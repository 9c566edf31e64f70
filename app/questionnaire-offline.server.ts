import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import ExcelJS from "exceljs";
import { requireAssessment, answersByKey, saveFromForm } from "./assessments.server";
import { clientIp, recordAudit } from "./audit.server";
import type { OrgUser } from "./auth.server";
import { validateCsrf } from "./csrf.server";
import { EDITABLE_STATUSES, loadAnswers, loadQuestions } from "./data/assessments.server";
import { installTemplate } from "./data/questionnaires.server";
import { db } from "./db.server";
import { checkUpload } from "./domain/portfolio/safety";
import type { AnswerValue } from "./domain/questionnaire/answers";
import {
  ANSWERS_SHEET,
  ANSWER_COLUMNS,
  COL,
  TABLE_FIRST_ROW,
  buildOfflineWorkbook,
  parseOfflineWorkbook,
  type CellError,
  type OfflineWorkbook,
  type SheetGrid,
} from "./domain/questionnaire/offline";
import { parseTemplateSheet, slugify, type RowError } from "./domain/questionnaire/template-import";

/*
 * Offline questionnaires (download an .xlsx, fill it in, upload it back) and template import from
 * an .xlsx. Uploads are small: they are read into memory (at most MAX_OFFLINE_UPLOAD_BYTES), vetted
 * by checkUpload (size, magic bytes, zip-bomb checks) and only then opened with exceljs.
 */

export const MAX_OFFLINE_UPLOAD_BYTES = 10 * 1024 * 1024;
/** exceljs' non-streaming reader holds the whole expanded workbook: keep that bounded well below the portfolio limit. */
const MAX_OFFLINE_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Extra empty, editable rows below a table's answers. */
const TABLE_SPARE_ROWS = 50;
const BLANK_ROWS_EDITABLE = { locked: false } as const;

export class UploadProblem extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

function protectSheet(sheet: ExcelJS.Worksheet) {
  // No password: the protection keeps the Key column (and the question text) from being edited by accident.
  return sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, sort: false, autoFilter: true });
}

export async function writeOfflineXlsx(content: OfflineWorkbook, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Resilience portal";
  workbook.title = title;
  const sheet = workbook.addWorksheet(ANSWERS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = ANSWER_COLUMNS.map((header) => ({
    header,
    key: header,
    width: header === "Question" ? 70 : header === "Answer" ? 40 : header === "Allowed values / unit" ? 36 : header === "Key" ? 28 : header === "Section" ? 26 : 16,
  }));
  sheet.getColumn(COL.Revision).hidden = true;
  sheet.getRow(1).font = { bold: true };
  for (const row of content.answers) {
    const added = sheet.addRow([row.section, row.key, row.question, row.type, row.allowed, row.required, row.answer, row.revision]);
    added.alignment = { vertical: "top", wrapText: true };
    const answer = added.getCell(COL.Answer);
    // Always a value, never a formula: text beginning with = + - @ stays a plain string cell.
    answer.value = row.answer;
    if (row.editable) {
      answer.protection = BLANK_ROWS_EDITABLE;
      if (row.type.startsWith("Yes")) answer.dataValidation = { type: "list", allowBlank: true, formulae: ['"Yes,No"'] };
      if (typeof row.answer !== "number" && !row.type.startsWith("Duration") && !row.type.startsWith("Number")) answer.numFmt = "@";
    } else {
      answer.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEEEEE" } };
      answer.value = row.type.startsWith("Table") ? row.allowed : "Upload files on the web form";
      answer.font = { italic: true, color: { argb: "FF666666" } };
    }
  }
  await protectSheet(sheet);

  for (const table of content.tables) {
    const ws = workbook.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 2 }] });
    ws.columns = table.columns.map((c) => ({ width: Math.max(14, Math.min(40, c.label.length + 4)) }));
    const labels = ws.getRow(1);
    labels.values = table.columns.map((c) => (c.type === "duration" ? `${c.label} (hours)` : c.type === "yes_no" ? `${c.label} (Yes/No)` : c.type === "country" ? `${c.label} (2-letter code)` : c.label));
    labels.font = { bold: true };
    const keys = ws.getRow(2);
    keys.values = table.columns.map((c) => c.key);
    keys.hidden = true;
    for (let i = 0; i < table.rows.length + TABLE_SPARE_ROWS; i++) {
      const row = ws.getRow(TABLE_FIRST_ROW + i);
      table.columns.forEach((column, c) => {
        const cell = row.getCell(c + 1);
        const value = table.rows[i]?.[c];
        if (value !== undefined && value !== null) cell.value = value;
        cell.protection = BLANK_ROWS_EDITABLE;
        if (column.type === "yes_no") cell.dataValidation = { type: "list", allowBlank: true, formulae: ['"Yes,No"'] };
        if (column.type === "text" || column.type === "country") cell.numFmt = "@";
      });
    }
    await protectSheet(ws);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function offlineDownload(current: OrgUser, assessmentId: string | undefined) {
  const assessment = await requireAssessment(current, assessmentId);
  const [questions, stored] = await Promise.all([loadQuestions(db, current.membership.orgId, assessment.template_version_id), loadAnswers(db, assessment.id)]);
  const answers = answersByKey(questions, stored);
  const revisions = new Map(questions.map((q) => [q.key, stored.get(q.id)?.revision ?? 0]));
  const body = await writeOfflineXlsx(buildOfflineWorkbook(questions, answers, revisions), `${assessment.template_name} — ${assessment.supplier_name}`);
  const name = `${slugify(assessment.supplier_name)}-${slugify(assessment.template_name)}-v${assessment.version}.xlsx`.replace(/_/g, "-");
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A cell value as plain data: rich text and hyperlinks become their text, formulas their last result. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plain((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("error" in value) return null;
  return null;
}

/** Vets the bytes (checkUpload) and reads every worksheet into a plain grid. */
export async function readWorkbookGrids(bytes: Uint8Array): Promise<SheetGrid[]> {
  const check = await checkUpload(bytes, { maxUploadBytes: MAX_OFFLINE_UPLOAD_BYTES, maxUncompressedBytes: MAX_OFFLINE_UNCOMPRESSED_BYTES });
  if (!check.ok) throw new UploadProblem(check.message, /limited to/.test(check.message) ? 413 : 400);
  if (check.fileType !== "xlsx") throw new UploadProblem("This file is not an Excel workbook (.xlsx). Upload the workbook you downloaded, saved as .xlsx.", 400);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new UploadProblem(`The workbook could not be read${error instanceof Error ? ` (${error.message.slice(0, 200)})` : ""}.`, 400);
  }
  return workbook.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber > 10_000) return;
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column <= 200) cells[column - 1] = plain(cell.value);
      });
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: ws.name, rows };
  });
}

/** Reads a small multipart form into memory: text fields plus the `file` part (at most maxBytes), and checks the CSRF token. */
export async function readUploadForm(request: Request, maxBytes = MAX_OFFLINE_UPLOAD_BYTES): Promise<{ form: FormData; file: Uint8Array | null }> {
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(request.headers.get("Content-Type") ?? "")) throw new UploadProblem("Send the file as multipart/form-data.", 415);
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw new UploadProblem(`The file is larger than ${maxBytes / (1024 * 1024)} MB.`, 413);
  let file: Uint8Array | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    const limit = name === "file" && filename ? maxBytes : 10_000;
    for await (const chunk of data) {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        continue; // keep draining the request, keep nothing
      }
      parts.push(chunk);
    }
    if (tooLarge) return undefined;
    const bytes = Buffer.concat(parts);
    if (name === "file" && filename) {
      file = new Uint8Array(bytes);
      return filename.slice(0, 255);
    }
    return bytes.toString("utf8");
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  await validateCsrf(form, request);
  if (tooLarge) throw new UploadProblem(`The file is larger than ${maxBytes / (1024 * 1024)} MB.`, 413);
  return { form, file };
}

// ---------------------------------------------------------------------------------------------
// Uploading answers

export interface OfflineUploadOutcome {
  ok: boolean;
  message: string;
  errors: CellError[];
  conflicts: { key: string; text: string; theirs: AnswerValue; yours: AnswerValue }[];
  saved: number;
}

/**
 * A vendor's filled-in workbook: every answer is validated exactly like the web form (parseAnswer on
 * the same field names). If any cell is wrong nothing is saved and every problem is reported with its
 * sheet, row and column; otherwise the answers are saved with the web form's conflict detection.
 */
export async function handleOfflineUpload(current: OrgUser, request: Request, assessmentId: string | undefined): Promise<{ status: number; outcome: OfflineUploadOutcome }> {
  const assessment = await requireAssessment(current, assessmentId);
  const fail = (status: number, message: string): { status: number; outcome: OfflineUploadOutcome } => ({ status, outcome: { ok: false, message, errors: [], conflicts: [], saved: 0 } });
  if (current.membership.role !== "vendor") throw new Response("Only the vendor answers its questionnaire.", { status: 403 });
  if (!EDITABLE_STATUSES.includes(assessment.status)) throw new Response("This questionnaire has been submitted and can no longer be changed.", { status: 409 });
  let sheets: SheetGrid[];
  try {
    const { file } = await readUploadForm(request);
    if (!file || file.length === 0) return fail(400, "Choose the filled-in workbook (.xlsx) to upload.");
    sheets = await readWorkbookGrids(file);
  } catch (error) {
    if (error instanceof UploadProblem) return fail(error.status, error.message);
    throw error;
  }
  const questions = await loadQuestions(db, current.membership.orgId, assessment.template_version_id);
  const parsed = parseOfflineWorkbook(questions, sheets);
  if (parsed.errors.length) {
    return {
      status: 400,
      outcome: {
        ok: false,
        message: `${parsed.errors.length} cell${parsed.errors.length === 1 ? " needs" : "s need"} fixing. Nothing was saved: correct the workbook and upload it again.`,
        errors: parsed.errors.slice(0, 500),
        conflicts: [],
        saved: 0,
      },
    };
  }
  const form = new FormData();
  for (const [name, value] of parsed.fields) form.append(name, value);
  const before = await loadAnswers(db, assessment.id);
  const { fieldErrors, conflicts } = await saveFromForm(current, assessment.id, questions, form);
  const after = await loadAnswers(db, assessment.id);
  const saved = questions.filter((q) => (after.get(q.id)?.revision ?? 0) !== (before.get(q.id)?.revision ?? 0)).length;
  await recordAudit(db, {
    orgId: current.membership.orgId,
    actorUserId: current.user.id,
    action: "assessment.offline_uploaded",
    entityType: "assessment",
    entityId: assessment.id,
    summary: { answered: parsed.present.length, saved, conflicts: conflicts.length },
    ip: clientIp(request),
  });
  const invalid = Object.entries(fieldErrors).map(([key, message]) => ({ sheet: ANSWERS_SHEET, row: 0, column: "", header: key, message }));
  if (conflicts.length) {
    return {
      status: 409,
      outcome: { ok: false, message: "Some answers were changed by someone else after you downloaded the workbook — check them below.", errors: invalid, conflicts, saved },
    };
  }
  return { status: 200, outcome: { ok: true, message: `Uploaded: ${saved} answer${saved === 1 ? "" : "s"} saved. Review them on the questionnaire page, then submit.`, errors: invalid, conflicts: [], saved } };
}

// ---------------------------------------------------------------------------------------------
// Template import

export interface TemplateImportOutcome {
  ok: boolean;
  message: string;
  errors: (RowError & { sheet: string })[];
  versionId?: string;
}

export async function handleTemplateImport(current: OrgUser, request: Request): Promise<{ status: number; outcome: TemplateImportOutcome }> {
  const fail = (status: number, message: string, errors: TemplateImportOutcome["errors"] = []) => ({ status, outcome: { ok: false, message, errors } });
  let form: FormData;
  let sheets: SheetGrid[];
  try {
    const upload = await readUploadForm(request);
    form = upload.form;
    if (!upload.file || upload.file.length === 0) return fail(400, "Choose the template workbook (.xlsx) to upload.");
    sheets = await readWorkbookGrids(upload.file);
  } catch (error) {
    if (error instanceof UploadProblem) return fail(error.status, error.message);
    throw error;
  }
  const name = String(form.get("name") ?? "").trim();
  const description = String(form.get("description") ?? "").trim();
  if (!name || name.length > 200) return fail(400, "Give the questionnaire a name (up to 200 characters).");
  if (description.length > 2000) return fail(400, "Keep the description under 2,000 characters.");
  const sheet = sheets.find((s) => s.name.toLowerCase() === "questions") ?? sheets[0];
  if (!sheet) return fail(400, "The workbook has no sheet.");
  const { orgId } = current.membership;
  const existing = new Set((await db.selectFrom("questionnaire_templates").select("key").where("org_id", "=", orgId).execute()).map((t) => t.key));
  const base = slugify(name);
  let key = base;
  for (let i = 2; existing.has(key); i++) key = `${base}_${i}`;
  const result = parseTemplateSheet(sheet, { key, name, description });
  if (!result.ok) {
    return fail(400, `${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} in the sheet "${sheet.name}". Nothing was installed.`, result.errors.slice(0, 500).map((e) => ({ ...e, sheet: sheet.name })));
  }
  const installed = await db.transaction().execute((trx) => installTemplate(trx, orgId, result.definition));
  await recordAudit(db, {
    orgId,
    actorUserId: current.user.id,
    action: "questionnaire_template.imported",
    entityType: "template_version",
    entityId: installed.versionId,
    summary: { name, key, questions: result.questionCount },
    ip: clientIp(request),
  });
  return { status: 200, outcome: { ok: true, message: `Installed "${name}" with ${result.questionCount} questions as a published version 1.`, errors: [], versionId: installed.versionId } };
}
