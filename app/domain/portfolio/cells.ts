/**
 * From one spreadsheet or CSV cell to a typed value, or a plain-words problem. Single-cell rules live
 * here (bad country, negative hours, unknown criticality, …); rules across cells or rows are in
 * validate.ts.
 */
import { COUNTRY_CODES } from "./countries";
import type { ColumnSpec } from "./format";

export type TypedValue = string | number | boolean;
export type CellResult = { value: TypedValue | null } | { problem: string };

/** Text longer than this is refused: nobody's supplier name is 2,000 characters long. */
export const MAX_TEXT_LENGTH = 2_000;
/** 100 years, and far inside PostgreSQL's integer range once turned into minutes. */
export const MAX_HOURS = 876_000;

const MINUTES_PER_HOUR = 60;

/**
 * Hours (decimals allowed) → whole minutes, rounded to the nearest minute (half a minute rounds up).
 * The tiny float error of e.g. 0.1 h × 60 never matters: export writes minutes / 60, which converts
 * back to the same minute.
 */
export function hoursToMinutes(hours: number): number {
  return Math.round(hours * MINUTES_PER_HOUR);
}

export function minutesToHours(minutes: number): number {
  return minutes / MINUTES_PER_HOUR;
}

/** Cells that spreadsheet programs would run as a formula if typed in: `=`, `+`, `-`, `@`, tab, CR. */
export function startsLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

type Plain = string | number | boolean | Date | null;

/**
 * Whatever exceljs (or the CSV reader) gives for a cell → a plain value. A formula gives its cached
 * result, the value Excel saved with the file; we never evaluate formulas ourselves.
 */
export function plainCellValue(raw: unknown): { value: Plain } | { problem: string } {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === "string") return { value: raw.trim() === "" ? null : raw.trim() };
  if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { problem: "The cell does not hold a valid number." };
  if (typeof raw === "boolean") return { value: raw };
  if (raw instanceof Date) return { value: raw };
  if (typeof raw !== "object") return { problem: "The cell's content cannot be read." };

  const cell = raw as Record<string, unknown>;
  if ("formula" in cell || "sharedFormula" in cell) {
    if (cell.result === undefined || cell.result === null) {
      return {
        problem:
          "The cell holds a formula without a saved result. Open the file in Excel or LibreOffice, save it, and upload it again.",
      };
    }
    return plainCellValue(cell.result);
  }
  if ("error" in cell) return { problem: `The cell holds the error ${String(cell.error)}.` };
  if (Array.isArray(cell.richText)) {
    return plainCellValue(cell.richText.map((run: { text?: unknown }) => String(run.text ?? "")).join(""));
  }
  if ("text" in cell) return plainCellValue(cell.text); // a hyperlink: keep the text shown
  return { problem: "The cell's content cannot be read." };
}

/** Numbers stored as text are accepted; a decimal comma too (1,5), as semicolon CSVs from Excel write them. */
function toNumber(value: Plain): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const text = /^[+-]?\d+,\d+$/.test(value) ? value.replace(",", ".") : value;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  return Number(text);
}

function toText(value: Exclude<Plain, null>): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * A copy of the text that does not point into the parser's buffers. V8 represents a substring as a
 * slice of its parent string, so keeping a 30-character name would keep the whole chunk of sheet XML
 * it was cut from alive: for 100,000 rows, the whole sheet (measured: 191 MB retained instead of 93).
 */
function detached(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

const YES = new Set(["y", "yes", "true", "1"]);
const NO = new Set(["n", "no", "false", "0"]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Converts one cell for its column. Empty cells give the column's fallback, or null. */
export function convertCell(column: ColumnSpec, raw: unknown): CellResult {
  const plain = plainCellValue(raw);
  if ("problem" in plain) return plain;
  const value = plain.value;
  if (value === null) {
    if (column.required) return { problem: `${column.header} is required.` };
    return { value: column.fallback ?? null };
  }
  const text = toText(value);
  if (text.length > MAX_TEXT_LENGTH) return { problem: `Text longer than ${MAX_TEXT_LENGTH} characters.` };

  switch (column.kind) {
    case "id":
    case "text":
      return { value: detached(text) };
    case "duns":
      // Excel turns 012345678 into the number 12345678; give the leading zeros back.
      return { value: typeof value === "number" && Number.isInteger(value) && text.length < 9 ? text.padStart(9, "0") : detached(text) };
    case "email":
      return EMAIL.test(text) ? { value: detached(text) } : { problem: `“${text}” is not a valid e-mail address.` };
    case "country": {
      const code = text.toUpperCase();
      if (COUNTRY_CODES.has(code)) return { value: code };
      const hint = code === "UK" ? " Use GB for the United Kingdom." : " Use the two-letter code, e.g. DE or CN.";
      return { problem: `“${text}” is not an ISO 3166-1 alpha-2 country code.${hint}` };
    }
    case "hours": {
      if (typeof value === "string" && /^\d{1,3}(,\d{3})+$/.test(value)) {
        return { problem: `“${text}” is ambiguous: write hours without thousands separators (1500, or 1.5 for one and a half).` };
      }
      const hours = toNumber(value);
      if (hours === null) return { problem: `“${text}” is not a number of hours.` };
      if (hours < 0) return { problem: `Hours cannot be negative (${text}).` };
      if (hours > MAX_HOURS) return { problem: `${text} hours is more than the maximum of ${MAX_HOURS}.` };
      return { value: hoursToMinutes(hours) };
    }
    case "yesNo": {
      const answer = text.toLowerCase();
      if (YES.has(answer)) return { value: true };
      if (NO.has(answer)) return { value: false };
      return { problem: `“${text}” is not Y or N.` };
    }
    case "choice": {
      const choice = (column.choices ?? []).find((c) => c === text.toLowerCase());
      return choice !== undefined ? { value: choice } : { problem: `“${text}” is not one of: ${(column.choices ?? []).join(", ")}.` };
    }
    case "percent": {
      const percent = toNumber(typeof value === "string" ? value.replace(/\s*%$/, "") : value);
      if (percent === null || !Number.isInteger(percent) || percent < 0 || percent > 100) {
        return { problem: `“${text}” is not a whole percentage from 0 to 100 (write 80 for 80%).` };
      }
      return { value: percent };
    }
  }
}
