/**
 * Writes the portfolio workbook with exceljs' streaming writer: rows are committed (flushed to the
 * output) one by one, so exporting 50,000 suppliers takes constant memory. The blank template is the
 * same workbook with no rows.
 *
 * Formula injection: a name such as `=HYPERLINK("http://evil","click")` or `@SUM(A1)` must be shown as
 * text, never run. Every text cell is written as a plain string value, which exceljs stores as a string
 * cell (`t="str"` with the text in `<v>`); only a `{ formula }` value produces an `<f>` element, the one
 * thing Excel and LibreOffice evaluate, and this writer never creates one. For CSV output, where the
 * reading program decides by the first character, use csvSafe().
 */
import { once, type EventEmitter } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { minutesToHours, startsLikeFormula } from "./cells";
import {
  INSTRUCTIONS_SHEET_NAME,
  PORTFOLIO_SHEETS,
  SHEET_KEYS,
  cellValue,
  describeAcceptedValues,
  describeDefault,
  type ColumnSpec,
  type RowOf,
  type SheetKey,
} from "./format";

export type PortfolioRowSources = { [K in SheetKey]: AsyncIterable<RowOf<K>> | Iterable<RowOf<K>> };

/** For CSV output: a text starting with =, +, -, @, tab or CR gets a leading ' so it stays text. The CSV reader removes it again. */
export function csvSafe(value: string): string {
  return startsLikeFormula(value) ? `'${value}` : value;
}

/** Hours as real numbers, Y/N as text, everything else as the string it is. */
function toCell(column: ColumnSpec, value: string | number | boolean | null): string | number | null {
  if (value === null) return null;
  if (column.kind === "hours") return minutesToHours(value as number);
  if (typeof value === "boolean") return value ? "Y" : "N";
  return value;
}

/** Writes the workbook to output and resolves once it has been flushed. Sheets without a source get headers only. */
export async function writePortfolioWorkbook(output: Writable, sources: Partial<PortfolioRowSources> = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  for (const key of SHEET_KEYS) {
    const spec = PORTFOLIO_SHEETS[key];
    const columns = spec.columns as readonly ColumnSpec[];
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    let count = 0;
    for await (const row of sources[key] ?? []) {
      sheet.addRow(columns.map((c) => toCell(c, cellValue(row, c.key)))).commit();
      if (++count % 500 === 0) await zipCaughtUp(sheet);
    }
    sheet.commit();
  }
  writeInstructions(workbook);
  await workbook.commit();
}

/** The compressor's input (a readable-stream PassThrough): how much it holds, to wait for it to drain. */
type ZipInput = EventEmitter & { _writableState?: { length: number; highWaterMark: number } };

/**
 * exceljs hands committed rows to the zip compressor without waiting for it, so a fast row source
 * would pile the whole sheet up in memory (measured: 40 MB per 250,000 rows). Waiting for the
 * compressor's input to drain every few hundred rows keeps memory flat.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const inputs = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes ?? [];
  for (const input of inputs) {
    const state = input._writableState;
    if (state && state.length > state.highWaterMark) await once(input, "drain");
  }
}

/** The blank template users fill in: every sheet with its headers, and the Instructions sheet. */
export function writePortfolioTemplate(output: Writable): Promise<void> {
  return writePortfolioWorkbook(output);
}

function writeInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  sheet.columns = [{ width: 20 }, { width: 20 }, { width: 22 }, { width: 50 }, { width: 28 }, { width: 50 }];
  const lines = [
    "Portfolio workbook: suppliers, services and how they depend on each other.",
    "Fill in the sheets you need; all are optional. Headers must stay as they are (any upper/lower case); extra columns are ignored.",
    "IDs are your own keys: importing upserts by them, so importing the same file twice changes nothing. Rows missing from the file are left alone.",
    "Hours may be decimals (0.25 = 15 minutes) and are stored to the nearest minute.",
    "Formulas are read by their saved result and never run. This sheet is ignored when importing.",
  ];
  for (const line of lines) sheet.addRow([line]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow(["Sheet", "Column", "Required", "Accepted values", "Example", "Meaning"]);
  header.font = { bold: true };
  header.commit();
  for (const key of SHEET_KEYS) {
    const spec = PORTFOLIO_SHEETS[key];
    for (const c of spec.columns as readonly ColumnSpec[]) {
      sheet.addRow([spec.name, c.header, describeDefault(c), describeAcceptedValues(c), c.example, c.help]).commit();
    }
  }
  sheet.commit();
}
