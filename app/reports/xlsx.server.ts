import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { TEXT_NUMFMT, safeTextCell, stripXmlInvalid } from "../domain/reports/cells";
import {
  NUMBER_FORMATS,
  STATUS_COLOURS,
  STATUS_COLOUR_OF,
  columnLetter,
  type CellValue,
  type ColumnSpec,
} from "../domain/reports/risk-register";

/*
 * Streaming xlsx helpers on exceljs' WorkbookWriter: one sheet at a time, each row committed as
 * soon as it is written, so memory stays flat however many rows there are.
 */
export function createWorkbookWriter(stream: Writable) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Resilience portal";
  workbook.created = new Date();
  return workbook;
}

type WorkbookWriter = ReturnType<typeof createWorkbookWriter>;

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3A5F" } };

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: "FF0563C1" }, underline: true };

/** A cell's value, neutralised, and which of its column's styles it needs. */
function cellContent(value: CellValue): { value: ExcelJS.CellValue; style: "plain" | "text" | "link" } | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const safe = safeTextCell(value);
    return { value: safe.value, style: safe.numFmt ? "text" : "plain" };
  }
  if (typeof value === "object" && !(value instanceof Date)) return { value: { text: stripXmlInvalid(value.text), hyperlink: value.hyperlink }, style: "link" };
  return { value, style: "plain" };
}

/** Writes one cell value, neutralising text that a spreadsheet could read as a formula. */
export function setCell(cell: ExcelJS.Cell, value: CellValue) {
  const content = cellContent(value);
  if (!content) return;
  cell.value = content.value;
  if (content.style === "text") cell.numFmt = TEXT_NUMFMT;
  if (content.style === "link") cell.font = LINK_FONT;
}

export interface SheetOptions {
  name: string;
  columns: readonly ColumnSpec[];
  /** 1-based columns holding a status word, coloured by conditional formatting. */
  statusColumns?: readonly number[];
}

/** Adds a sheet with a styled, frozen, filterable header row; returns a row writer and `finish`. */
export function startSheet(workbook: WorkbookWriter, options: SheetOptions) {
  const sheet = workbook.addWorksheet(options.name, { views: [{ state: "frozen", ySplit: 1 }] });
  const columnStyles = options.columns.map((c): Partial<ExcelJS.Style> => (NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {}));
  sheet.columns = options.columns.map((c, i) => ({ key: `c${i}`, width: c.width, style: columnStyles[i] }));
  // One style object per column and variant, shared by every cell that uses it: exceljs finds a
  // shared object's style id by identity, where a per-cell copy costs an XML rendering per cell
  // (a third of the export's time at 50,000 suppliers).
  const cellStyles = columnStyles.map((style) => ({ plain: { ...style }, text: { ...style, numFmt: TEXT_NUMFMT }, link: { ...style, font: LINK_FONT } }));
  const header = sheet.getRow(1);
  options.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  header.commit();
  const lastColumn = columnLetter(options.columns.length);
  sheet.autoFilter = `A1:${lastColumn}1`;
  let rowNumber = 1;
  return {
    sheet,
    addRow(values: readonly CellValue[]) {
      rowNumber++;
      const row = sheet.getRow(rowNumber);
      values.forEach((value, i) => {
        const content = cellContent(value);
        if (!content) return;
        const cell = row.getCell(i + 1);
        cell.value = content.value;
        cell.style = cellStyles[i]![content.style];
      });
      row.commit();
    },
    get rowCount() {
      return rowNumber - 1;
    },
    finish() {
      const last = Math.max(rowNumber, 2);
      sheet.autoFilter = `A1:${lastColumn}${last}`;
      for (const column of options.statusColumns ?? []) {
        const letter = columnLetter(column);
        sheet.addConditionalFormatting({
          ref: `${letter}2:${letter}${last}`,
          rules: Object.entries(STATUS_COLOUR_OF).map(([word, colour], index) => ({
            type: "expression",
            priority: index + 1,
            formulae: [`$${letter}2="${word}"`],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: STATUS_COLOURS[colour] } } },
          })),
        });
      }
      sheet.commit();
    },
  };
}

/** A small two-column key/value sheet (Summary, Missing fields). */
export function writeKeyValueSheet(workbook: WorkbookWriter, name: string, rows: readonly (readonly [string, CellValue])[], widths: [number, number] = [34, 60]) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: widths[0] }, { width: widths[1] }];
  let n = 0;
  for (const [label, value] of rows) {
    const row = sheet.getRow(++n);
    setCell(row.getCell(1), label);
    row.getCell(1).font = { bold: true };
    setCell(row.getCell(2), value);
    if (value instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
    row.getCell(2).alignment = { horizontal: "left", wrapText: true };
    row.commit();
  }
  sheet.commit();
}
