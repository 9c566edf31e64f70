import { once, type EventEmitter } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { TEXT_NUMFMT, isFormulaLike, stripXmlInvalid } from "../domain/reports/cells";
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

export type WorkbookWriter = ReturnType<typeof createWorkbookWriter>;

/** A workbook's spool (see `withSpooledWorkbook`): its directory, the files being written, the first failure. */
interface Spool {
  dir: string;
  open: Set<WriteStream>;
  failure?: unknown;
}

const spools = new WeakMap<WorkbookWriter, Spool>();

/**
 * Runs `body` with a workbook writer on `stream` whose sheets (from `startSheet`) spool their
 * hyperlinks to a temporary directory (see `spoolHyperlinks`); the directory is removed afterwards,
 * whether the workbook was completed or not.
 */
export async function withSpooledWorkbook<T>(stream: Writable, body: (workbook: WorkbookWriter) => Promise<T>): Promise<T> {
  const workbook = createWorkbookWriter(stream);
  const spool: Spool = { dir: await mkdtemp(path.join(tmpdir(), "portal-xlsx-")), open: new Set<WriteStream>() };
  spools.set(workbook, spool);
  try {
    const result = await body(workbook);
    if (spool.failure) throw spool.failure;
    return result;
  } finally {
    for (const file of spool.open) file.destroy();
    await rm(spool.dir, { recursive: true, force: true });
  }
}

/** The exceljs internals `spoolHyperlinks` and `writeHyperlinks` work with. */
interface SheetInternals {
  id: number;
  stream: { write(data: string): unknown };
  _sheetRelsWriter: {
    _workbook: { _openStream(name: string): unknown };
    _hyperlinks: { rId: string; address: string }[];
  };
  _writeHyperlinks(): void;
}

/**
 * A sheet's hyperlinks cost memory twice in exceljs until the sheet ends (≈ 80 MB at 190,000
 * findings). Their relationships part is a zip entry after the sheet's own, so everything written
 * to it waits in memory until the sheet is complete (≈ 190 bytes a link); here it goes to a file
 * in the spool directory, which the zip reads when it reaches that entry (the file is complete by
 * then). And the sheet's `<hyperlinks>` list, which exceljs renders as one string at the end, is
 * written 1,000 links at a time. The file's bytes are the same as exceljs' own.
 */
function spoolHyperlinks(workbook: WorkbookWriter, sheet: ExcelJS.Worksheet, spool: Spool) {
  const internals = sheet as unknown as SheetInternals;
  const zip = (workbook as unknown as { zip: { append(source: Readable, data: { name: string }): void } }).zip;
  // exceljs opens the part (appends its zip entry) at the sheet's first hyperlink: same place, same name.
  internals._sheetRelsWriter._workbook = {
    _openStream(name: string) {
      const file = path.join(spool.dir, `sheet${internals.id}.xml.rels`);
      const out = createWriteStream(file);
      spool.open.add(out);
      const complete = finished(out).finally(() => spool.open.delete(out));
      complete.catch(() => undefined); // handled where the zip reads the file
      // A failure ends the entry early and fails the workbook (withSpooledWorkbook): an error
      // emitted by the zip before exceljs listens for one would end the process.
      async function* contents() {
        try {
          await complete;
          yield* createReadStream(file);
        } catch (error) {
          spool.failure ??= error;
        }
      }
      zip.append(Readable.from(contents()), { name });
      return out;
    },
  };
  internals._writeHyperlinks = function () {
    const links = this._sheetRelsWriter._hyperlinks;
    if (links.length === 0) return;
    this.stream.write("<hyperlinks>");
    for (let i = 0; i < links.length; i += 1000) {
      this.stream.write(
        links
          .slice(i, i + 1000)
          .map((link) => `<hyperlink ref="${link.address}" r:id="${link.rId}"/>`)
          .join(""),
      );
    }
    this.stream.write("</hyperlinks>");
  };
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3A5F" } };

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: "FF0563C1" }, underline: true };

type CellKind = "plain" | "text" | "link";

/**
 * Puts a value into a cell, neutralising text that a spreadsheet could read as a formula, and says
 * which of its column's styles the cell needs. Allocates nothing of its own (it runs for every cell).
 */
function putValue(cell: ExcelJS.Cell, value: NonNullable<CellValue>): CellKind {
  if (typeof value === "string") {
    const clean = stripXmlInvalid(value);
    cell.value = clean;
    return isFormulaLike(clean) ? "text" : "plain";
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    cell.value = { text: stripXmlInvalid(value.text), hyperlink: value.hyperlink };
    return "link";
  }
  cell.value = value;
  return "plain";
}

/** Writes one cell value, neutralising text that a spreadsheet could read as a formula. */
export function setCell(cell: ExcelJS.Cell, value: CellValue) {
  if (value === null || value === undefined) return;
  const kind = putValue(cell, value);
  if (kind === "text") cell.numFmt = TEXT_NUMFMT;
  if (kind === "link") cell.font = LINK_FONT;
}

export interface SheetOptions {
  name: string;
  columns: readonly ColumnSpec[];
  /** 1-based columns holding a status word, coloured by conditional formatting. */
  statusColumns?: readonly number[];
}

/** Rows written between two turns of the event loop (see `pace`): ≈ 50–100 KB of sheet XML. */
const ROWS_PER_TURN = 256;
/** Sheet XML waiting for the zip compressor above which the writer waits for it to catch up. */
const ZIP_BACKLOG_BYTES = 1024 * 1024;
/** exceljs' sheet stream keeps its data in 64 KiB buffers until the zip reaches the sheet. */
const SHEET_BUFFER_BYTES = 64 * 1024;

type ZipInput = EventEmitter & { _writableState?: { length: number } };
type SheetStream = { pipes?: ZipInput[]; buffers?: unknown[] };

/**
 * Lets the zip compressor run alongside the writer and bounds what waits for it. exceljs pipes
 * each sheet's XML to zlib, which deflates on libuv's thread pool but is handed its next chunk
 * only when the event loop turns: a writer that never yields leaves it idle (and its input grows
 * without bound), one that waits for it to drain after every page leaves the writer idle. So the
 * writer yields every ROWS_PER_TURN rows (one `setImmediate`, microseconds) and only waits when
 * the compressor is ZIP_BACKLOG_BYTES behind, or, before the zip has reached this sheet (it is
 * still compressing an earlier one), when that much has piled up in the sheet's own buffers.
 */
async function pace(stream: SheetStream): Promise<void> {
  for (;;) {
    const inputs = stream.pipes ?? [];
    const behind = inputs.find((input) => (input._writableState?.length ?? 0) > ZIP_BACKLOG_BYTES);
    if (behind) {
      // A failing zip fails the workbook's commit; here it only ends the wait.
      await once(behind, "drain").catch(() => undefined);
      return;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (inputs.length || (stream.buffers?.length ?? 0) * SHEET_BUFFER_BYTES <= ZIP_BACKLOG_BYTES) return;
  }
}

// Every row's own style: exceljs gives each row a fresh `{}` and renders it to XML to find its
// style id (once per row); one shared, never-modified object is found by identity instead.
const ROW_STYLE: Partial<ExcelJS.Style> = Object.freeze({}) as Partial<ExcelJS.Style>;

/** Adds a sheet with a styled, frozen, filterable header row; returns a row writer and `finish`. */
export function startSheet(workbook: WorkbookWriter, options: SheetOptions) {
  const sheet = workbook.addWorksheet(options.name, { views: [{ state: "frozen", ySplit: 1 }] });
  const spool = spools.get(workbook);
  if (spool) spoolHyperlinks(workbook, sheet, spool);
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
  let sinceTurn = 0;
  const stream = (sheet as unknown as { stream: SheetStream }).stream;
  return {
    sheet,
    /**
     * Writes and commits one row. Returns a promise every ROWS_PER_TURN rows, to be awaited before
     * the next row: it lets the zip compressor work (see `pace`). Otherwise undefined.
     */
    addRow(values: readonly CellValue[]): Promise<void> | undefined {
      rowNumber++;
      const row = sheet.getRow(rowNumber);
      (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value === null || value === undefined) continue;
        const cell = row.getCell(i + 1);
        cell.style = cellStyles[i]![putValue(cell, value)];
      }
      row.commit();
      if (++sinceTurn < ROWS_PER_TURN) return undefined;
      sinceTurn = 0;
      return pace(stream);
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
