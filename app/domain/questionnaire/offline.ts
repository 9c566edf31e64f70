import { MAX_TABLE_ROWS, parseAnswer, visibleQuestions, type AnswerValue, type Answers, type Question } from "./answers";
import type { TableColumn } from "./default-template";

/*
 * The offline questionnaire: what goes into the downloadable workbook, and how an uploaded one is
 * read back into the same form fields the web form posts (`present`, `q.<key>`, `q.<key>.unit`,
 * `q.<key>.<row>.<column>`, `rev.<key>`), so answers are validated by exactly the same parseAnswer.
 * Pure: works on plain cell grids; the exceljs reading/writing lives in questionnaire-offline.server.ts.
 *
 * Layout:
 * - sheet "Answers": header row, then one row per question (columns below). Answers are matched back
 *   by the Key column (protected), never by row position; a hidden Revision column carries the answer
 *   revision the file was made from, for the same conflict detection as the web form.
 * - one sheet per table question, named after its key: row 1 the column labels, row 2 (hidden) the
 *   column keys used to match columns back, then one row per table row.
 */

export const ANSWERS_SHEET = "Answers";
export const ANSWER_COLUMNS = ["Section", "Key", "Question", "Type", "Allowed values / unit", "Required", "Answer", "Revision"] as const;
export type AnswerColumn = (typeof ANSWER_COLUMNS)[number];
/** 1-based column numbers of the Answers sheet. */
export const COL = Object.fromEntries(ANSWER_COLUMNS.map((name, i) => [name, i + 1])) as Record<AnswerColumn, number>;
/** First data row of a table sheet (row 1: labels, row 2: hidden column keys). */
export const TABLE_FIRST_ROW = 3;

export type CellValue = string | number | boolean | null;

export interface AnswerRow {
  section: string;
  key: string;
  question: string;
  type: string;
  allowed: string;
  required: string;
  /** null for file and table questions (not answered in this sheet). */
  answer: CellValue;
  /** Whether the Answer cell may be filled in (false for files and tables). */
  editable: boolean;
  revision: number;
}

export interface TableSheet {
  name: string;
  key: string;
  title: string;
  columns: TableColumn[];
  rows: CellValue[][];
}

export interface OfflineWorkbook {
  answers: AnswerRow[];
  tables: TableSheet[];
}

const TYPE_TEXT: Record<Question["type"], string> = {
  yes_no: "Yes / No",
  single_choice: "One choice",
  multi_choice: "Several choices (comma-separated)",
  text: "Text",
  number: "Number",
  date: "Date (YYYY-MM-DD)",
  duration: "Duration in hours",
  file: "File (upload on the web form)",
  table: "Table (own sheet)",
};

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. Keys are snake_case, so this is rarely needed. */
export function tableSheetName(key: string): string {
  return key.replace(/[:\\/?*[\]]/g, "_").slice(0, 31);
}

/** Text that a spreadsheet could take for a formula is still written as a string cell; this marks it. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

const hours = (minutes: number) => Math.round((minutes / 60) * 1000) / 1000;

function cellFor(question: Question, value: AnswerValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  switch (question.type) {
    case "yes_no":
      return value === true ? "Yes" : value === false ? "No" : null;
    case "multi_choice":
      return Array.isArray(value) ? value.map(String).join(", ") : null;
    case "duration":
      return typeof value === "number" ? hours(value) : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "single_choice":
    case "text":
    case "date":
      return String(value);
    default:
      return null;
  }
}

function tableCell(column: TableColumn, value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (column.type === "yes_no") return value === true ? "Yes" : "No";
  if (column.type === "duration") return typeof value === "number" ? hours(value) : null;
  if (column.type === "number") return typeof value === "number" ? value : null;
  return String(value);
}

function allowedText(question: Question): string {
  switch (question.type) {
    case "yes_no":
      return "Yes, No";
    case "single_choice":
    case "multi_choice":
      return (question.config.options ?? []).map((o) => `${o.value} = ${o.label}`).join("\n");
    case "duration":
      return "hours (e.g. 4 or 0.5; 2 days = 48)";
    case "date":
      return "YYYY-MM-DD";
    case "table":
      return `See sheet "${tableSheetName(question.key)}"`;
    default:
      return "";
  }
}

function requiredText(question: Question, all: readonly Question[]): string {
  const base = question.required && question.type !== "file" ? "Yes" : "No";
  const condition = question.config.condition;
  if (!condition) return base;
  const parent = all.find((q) => q.key === condition.questionKey);
  const equals = typeof condition.equals === "boolean" ? (condition.equals ? "Yes" : "No") : condition.equals;
  return `${base} — only if ${parent ? condition.questionKey : "?"} = ${equals}`;
}

/** What the downloadable workbook holds for these questions and current answers. */
export function buildOfflineWorkbook(questions: readonly Question[], answers: Answers, revisions: ReadonlyMap<string, number>): OfflineWorkbook {
  const rows: AnswerRow[] = questions.map((q) => ({
    section: q.sectionTitle,
    key: q.key,
    question: q.help ? `${q.text}\n\n${q.help}` : q.text,
    type: TYPE_TEXT[q.type],
    allowed: allowedText(q),
    required: requiredText(q, questions),
    answer: cellFor(q, answers.get(q.key)),
    editable: q.type !== "file" && q.type !== "table",
    revision: revisions.get(q.key) ?? 0,
  }));
  const tables: TableSheet[] = questions
    .filter((q) => q.type === "table")
    .map((q) => {
      const columns = q.config.columns ?? [];
      const value = answers.get(q.key);
      const stored = Array.isArray(value) ? (value as Record<string, unknown>[]).filter((r) => r && typeof r === "object") : [];
      return { name: tableSheetName(q.key), key: q.key, title: q.text, columns, rows: stored.map((r) => columns.map((c) => tableCell(c, r[c.key]))) };
    });
  return { answers: rows, tables };
}

// ---------------------------------------------------------------------------------------------
// Reading an uploaded workbook back

/** A worksheet as plain values: rows[r - 1][c - 1] is the cell at row r, column c (1-based). */
export interface SheetGrid {
  name: string;
  rows: unknown[][];
}

export interface CellError {
  sheet: string;
  row: number;
  /** Column letter, e.g. "G". */
  column: string;
  /** The column's header, e.g. "Answer". */
  header: string;
  message: string;
}

export interface ParsedOffline {
  /** Form fields as the web form would post them. */
  fields: [string, string][];
  /** Keys of the questions the file answers (the `present` fields). */
  present: string[];
  errors: CellError[];
}

export function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell value as the text a form field would carry. Dates become YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return value.trim();
  return String(value as string | number).trim();
}

function yesNo(text: string): string {
  const lower = text.toLowerCase();
  if (["yes", "y", "true", "ja", "oui"].includes(lower)) return "yes";
  if (["no", "n", "false", "nein", "non"].includes(lower)) return "no";
  return text;
}

/** Accepts an option's value or (case-insensitively) its label. */
function optionValue(question: Question, text: string): string {
  const options = question.config.options ?? [];
  if (options.some((o) => o.value === text)) return text;
  const lower = text.toLowerCase();
  return options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value ?? text;
}

/** The form fields for one Answers-sheet cell (several for a multi-choice). */
function answerFields(question: Question, raw: unknown): [string, string][] {
  const name = `q.${question.key}`;
  const text = cellText(raw);
  switch (question.type) {
    case "yes_no":
      return [[name, yesNo(text)]];
    case "single_choice":
      return [[name, text === "" ? "" : optionValue(question, text)]];
    case "multi_choice":
      return text === ""
        ? []
        : text
            .split(/[,;\n]/)
            .map((part) => part.trim())
            .filter(Boolean)
            .map((part) => [name, optionValue(question, part)] as [string, string]);
    case "duration":
      return [
        [name, text],
        [`${name}.unit`, "h"],
      ];
    default:
      return [[name, text]];
  }
}

function formOf(fields: readonly [string, string][]): FormData {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return form;
}

function headerIndex(header: unknown[] | undefined, name: string): number {
  const wanted = name.toLowerCase();
  return (header ?? []).findIndex((h) => cellText(h).toLowerCase() === wanted);
}

function tableFields(question: Question, sheet: SheetGrid, errors: CellError[]): { fields: [string, string][]; filled: boolean } {
  const columns = question.config.columns ?? [];
  const labels = sheet.rows[0] ?? [];
  const keys = sheet.rows[1] ?? [];
  const positions = new Map<string, number>();
  for (const column of columns) {
    let index = keys.findIndex((k) => cellText(k) === column.key);
    if (index < 0) index = labels.findIndex((l) => cellText(l).toLowerCase() === column.label.toLowerCase());
    if (index < 0) errors.push({ sheet: sheet.name, row: 1, column: columnLetter(columns.indexOf(column) + 1), header: column.label, message: `Column "${column.label}" is missing` });
    else positions.set(column.key, index);
  }
  const fields: [string, string][] = [];
  let index = 0;
  for (let r = TABLE_FIRST_ROW - 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    if (!columns.some((c) => positions.has(c.key) && cellText(row[positions.get(c.key)!]) !== "")) continue;
    const rowNumber = r + 1;
    if (index >= MAX_TABLE_ROWS) {
      errors.push({ sheet: sheet.name, row: rowNumber, column: "A", header: "", message: `At most ${MAX_TABLE_ROWS} rows` });
      break;
    }
    for (const column of columns) {
      const at = positions.get(column.key);
      if (at === undefined) continue;
      let text = cellText(row[at]);
      const where = { sheet: sheet.name, row: rowNumber, column: columnLetter(at + 1), header: column.label };
      if (text !== "") {
        if (column.type === "number" || column.type === "duration") {
          const n = Number(text.replace(",", "."));
          if (!Number.isFinite(n)) errors.push({ ...where, message: `${column.label} must be a number` });
          else if (column.type === "duration" && n < 0) errors.push({ ...where, message: `${column.label}: Enter a duration of 0 or more` });
        } else if (column.type === "yes_no") {
          text = yesNo(text);
          if (text !== "yes" && text !== "no") errors.push({ ...where, message: `${column.label}: answer Yes or No` });
        } else if (column.type === "country" && !/^[A-Za-z]{2}$/.test(text)) {
          errors.push({ ...where, message: `${column.label} must be a two-letter country code` });
        }
      }
      const name = `q.${question.key}.${index}.${column.key}`;
      fields.push([name, text]);
      if (column.type === "duration") fields.push([`${name}.unit`, "h"]);
    }
    index++;
  }
  return { fields, filled: index > 0 };
}

/**
 * Reads the Answers sheet (and table sheets) back into form fields, checking every answer with
 * parseAnswer. Any error is reported with its sheet, row and column.
 */
export function parseOfflineWorkbook(questions: readonly Question[], sheets: readonly SheetGrid[]): ParsedOffline {
  const errors: CellError[] = [];
  const answersSheet = sheets.find((s) => s.name.toLowerCase() === ANSWERS_SHEET.toLowerCase());
  if (!answersSheet) {
    return { fields: [], present: [], errors: [{ sheet: ANSWERS_SHEET, row: 1, column: "A", header: "", message: `The workbook has no sheet named "${ANSWERS_SHEET}": download the offline questionnaire and fill that in` }] };
  }
  const header = answersSheet.rows[0];
  const keyAt = headerIndex(header, "Key");
  const answerAt = headerIndex(header, "Answer");
  const revisionAt = headerIndex(header, "Revision");
  if (keyAt < 0 || answerAt < 0) {
    return {
      fields: [],
      present: [],
      errors: [{ sheet: answersSheet.name, row: 1, column: "A", header: "", message: 'The header row must keep the "Key" and "Answer" columns' }],
    };
  }
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const seen = new Map<string, number>();
  const perQuestion = new Map<string, { fields: [string, string][]; row: number; sheet: string; column: number; header: string; filled: boolean }>();
  const revisions = new Map<string, string>();
  for (let r = 1; r < answersSheet.rows.length; r++) {
    const row = answersSheet.rows[r] ?? [];
    const key = cellText(row[keyAt]);
    const rowNumber = r + 1;
    if (key === "") {
      if (cellText(row[answerAt]) !== "") errors.push({ sheet: answersSheet.name, row: rowNumber, column: columnLetter(keyAt + 1), header: "Key", message: "Answer without a question key" });
      continue;
    }
    const question = byKey.get(key);
    if (!question) {
      errors.push({ sheet: answersSheet.name, row: rowNumber, column: columnLetter(keyAt + 1), header: "Key", message: `Unknown question key "${key.slice(0, 80)}"` });
      continue;
    }
    if (seen.has(key)) {
      errors.push({ sheet: answersSheet.name, row: rowNumber, column: columnLetter(keyAt + 1), header: "Key", message: `Question "${key}" appears twice (also row ${seen.get(key)})` });
      continue;
    }
    seen.set(key, rowNumber);
    const revision = revisionAt >= 0 ? cellText(row[revisionAt]) : "";
    if (/^\d+$/.test(revision)) revisions.set(key, revision);
    if (question.type === "file") continue;
    if (question.type === "table") {
      const sheet = sheets.find((s) => s.name === tableSheetName(key));
      if (!sheet) continue; // table sheet removed: that answer is left as it is
      const { fields, filled } = tableFields(question, sheet, errors);
      perQuestion.set(key, { fields, row: 1, sheet: sheet.name, column: 1, header: "", filled });
      continue;
    }
    const fields = answerFields(question, row[answerAt]);
    perQuestion.set(key, { fields, row: rowNumber, sheet: answersSheet.name, column: answerAt + 1, header: "Answer", filled: cellText(row[answerAt]) !== "" });
  }

  // Same visibility rule as the web form: hidden, unanswered questions are not posted (their stored answers are kept).
  const parsedValues = new Map<string, AnswerValue>();
  const valid = new Map<string, boolean>();
  for (const question of questions) {
    const entry = perQuestion.get(question.key);
    if (!entry) continue;
    const parsed = parseAnswer(question, formOf(entry.fields));
    if ("error" in parsed) {
      valid.set(question.key, false);
      // Table cells were checked one by one above; report a table-level error only if none was.
      const alreadyReported = question.type === "table" && errors.some((e) => e.sheet === entry.sheet);
      if (!alreadyReported) errors.push({ sheet: entry.sheet, row: entry.row, column: columnLetter(entry.column), header: entry.header, message: parsed.error });
    } else {
      valid.set(question.key, true);
      parsedValues.set(question.key, parsed.value);
    }
  }
  const visible = new Set(visibleQuestions(questions, parsedValues).map((q) => q.key));
  const fields: [string, string][] = [];
  const present: string[] = [];
  for (const question of questions) {
    const entry = perQuestion.get(question.key);
    if (!entry || !valid.get(question.key)) continue;
    if (!visible.has(question.key) && !entry.filled) continue;
    present.push(question.key);
    fields.push(["present", question.key], ...entry.fields);
    const revision = revisions.get(question.key);
    if (revision !== undefined) fields.push([`rev.${question.key}`, revision]);
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row || a.column.localeCompare(b.column) : a.sheet === answersSheet.name ? -1 : b.sheet === answersSheet.name ? 1 : a.sheet.localeCompare(b.sheet)));
  return { fields, present, errors };
}
