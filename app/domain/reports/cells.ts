/**
 * Spreadsheet and CSV cell safety, and unit conversions shared by every report (pure, no I/O).
 *
 * A text that begins with `=`, `+`, `-`, `@`, tab or carriage return would be read as a formula by
 * Excel or LibreOffice when typed, pasted or opened from CSV ("formula injection"). In xlsx we
 * always write such values as string cells AND give them the Text number format (`@`), so the
 * spreadsheet shows them literally and keeps them text even when the cell is edited. In CSV there
 * is no cell type, so the value is prefixed with an apostrophe (the OWASP recommendation).
 */

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
// Characters XML 1.0 forbids (an xlsx containing them is reported as corrupt).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Would a spreadsheet treat this text as a formula? */
export function isFormulaLike(value: string): boolean {
  return FORMULA_TRIGGER.test(value);
}

// eslint-disable-next-line no-control-regex
const HAS_XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Removes characters that cannot appear in an xlsx (XML) file. */
export function stripXmlInvalid(value: string): string {
  // Almost no text has any: testing first spares a replace (and its copy) per cell.
  return HAS_XML_INVALID.test(value) ? value.replace(XML_INVALID, "") : value;
}

export const TEXT_NUMFMT = "@";

/** A text cell for exceljs: the literal string, plus the Text format when it looks like a formula. */
export function safeTextCell(value: string | null | undefined): { value: string | null; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  const clean = stripXmlInvalid(value);
  return isFormulaLike(clean) ? { value: clean, numFmt: TEXT_NUMFMT } : { value: clean };
}

/** One CSV field: neutralised (leading apostrophe) and quoted when needed (RFC 4180). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Whole minutes → hours as a number (2 decimals), null stays null (unknown is never zero). */
export function minutesToHours(minutes: number | null | undefined): number | null {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return null;
  return Math.round((minutes / 60) * 100) / 100;
}

/** A `date` column value (Date or ISO string) → a Date at UTC midnight, or null. */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` or "" */
export function isoDay(value: Date | string | null | undefined): string {
  const date = toDate(value);
  return date ? date.toISOString().slice(0, 10) : "";
}

/** A file-name-safe slug: `risk-register-demo-2026-11-23.xlsx`. */
export function reportFileName(kind: string, orgSlug: string, asOf: Date, extension: string): string {
  const slug = orgSlug.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "org";
  return `${kind}-${slug}-${asOf.toISOString().slice(0, 10)}.${extension}`;
}
