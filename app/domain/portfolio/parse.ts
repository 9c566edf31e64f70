/**
 * Upload → typed rows + problems + warnings. The file is checked first (safety.ts); an .xlsx is then
 * read one row at a time with exceljs' streaming parsers (xlsx.ts; never the whole workbook in
 * memory), a CSV with the streaming reader of csv.ts. Only the typed rows are kept.
 */
import { plainCellValue, convertCell, type TypedValue } from "./cells";
import { CsvFormatError, readCsvRecords } from "./csv";
import {
  INSTRUCTIONS_SHEET_NAME,
  PORTFOLIO_SHEETS,
  SHEET_KEYS,
  fallbackText,
  sheetSpec,
  type ColumnSpec,
  type Located,
  type RowOf,
  type SheetKey,
} from "./format";
import { MAX_REPORTED_PROBLEMS, ProblemLog, type Problem, type Warning } from "./problems";
import { checkUpload, type UploadLimits } from "./safety";
import { sourceChunks, type UploadSource } from "./source";
import { readXlsxSheets } from "./xlsx";

/** Per sheet; 100,000-row files are expected, so this leaves room while bounding time and memory. */
export const MAX_ROWS_PER_SHEET = 200_000;

export type ParsedPortfolio = { [K in SheetKey]: Located<RowOf<K>>[] };

export interface ParsedUpload {
  fileType: "xlsx" | "csv";
  /** Valid rows only; a row with any problem is left out (and its problems reported). */
  portfolio: ParsedPortfolio;
  sheetsFound: SheetKey[];
  /** IDs of Suppliers/Services rows that had problems: other rows may still refer to them. */
  idsOnRejectedRows: { suppliers: string[]; services: string[] };
  problems: Problem[];
  problemCount: number;
  warnings: Warning[];
}

export type UploadParseResult = ({ status: "parsed" } & ParsedUpload) | { status: "rejected"; message: string };

export interface ParseOptions {
  /** The uploaded file's name: for a CSV, "suppliers.csv" says which sheet it holds. */
  fileName?: string;
  /** For a CSV: which sheet it holds (otherwise told from the file name or the header row). */
  sheet?: SheetKey;
  limits?: Partial<UploadLimits>;
  maxRowsPerSheet?: number;
}

export function emptyPortfolio(): ParsedPortfolio {
  return { suppliers: [], services: [], serviceSuppliers: [], dependencies: [], alternates: [] };
}

export async function parsePortfolioUpload(source: UploadSource, options: ParseOptions = {}): Promise<UploadParseResult> {
  const check = await checkUpload(source, options.limits);
  if (!check.ok) return { status: "rejected", message: check.message };

  const reader = new PortfolioReader(check.fileType, options);
  try {
    const sheets = check.fileType === "xlsx" ? readXlsxSheets(source) : csvSheets(source);
    for await (const sheet of sheets) await reader.readSheet(sheet);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : "";
    return { status: "rejected", message: `The file could not be read${detail}.` };
  }
  return { status: "parsed", ...reader.finish() };
}

export interface RawRow {
  number: number;
  /** Number of cells up to the last non-empty one. */
  width: number;
  /** The raw cell value at a 0-based column index. */
  valueAt(index: number): unknown;
}

export interface RawSheet {
  /** The worksheet's name; null for a CSV file. */
  name: string | null;
  rows: AsyncIterable<RawRow>;
}

async function* csvSheets(source: UploadSource): AsyncGenerator<RawSheet> {
  yield { name: null, rows: csvRows(source) };
}

async function* csvRows(source: UploadSource): AsyncGenerator<RawRow> {
  for await (const record of readCsvRecords(sourceChunks(source))) {
    yield { number: record.number, width: record.fields.length, valueAt: (index) => record.fields[index] };
  }
}

function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

function cellText(raw: unknown): string {
  const plain = plainCellValue(raw);
  return "value" in plain && plain.value !== null ? String(plain.value) : "";
}

function isBlank(raw: unknown): boolean {
  const plain = plainCellValue(raw);
  return "value" in plain && plain.value === null;
}

/** The header row: the first row with anything in it. */
async function firstNonBlankRow(rows: AsyncIterator<RawRow>): Promise<RawRow | undefined> {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const row = next.value;
    for (let i = 0; i < row.width; i++) if (!isBlank(row.valueAt(i))) return row;
  }
  return undefined;
}

function sheetByName(name: string): SheetKey | undefined {
  return SHEET_KEYS.find((key) => normalizeHeader(PORTFOLIO_SHEETS[key].name) === normalizeHeader(name));
}

/** "service-suppliers.csv", "Northwind – Service suppliers.csv" → serviceSuppliers. Longest name first. */
function sheetFromFileName(fileName: string): SheetKey | undefined {
  const base = normalizeHeader(fileName.replace(/\.[^.]*$/, "").replace(/[-_]+/g, " "));
  const byLength = [...SHEET_KEYS].sort((a, b) => PORTFOLIO_SHEETS[b].name.length - PORTFOLIO_SHEETS[a].name.length);
  return byLength.find((key) => {
    const name = normalizeHeader(PORTFOLIO_SHEETS[key].name);
    return base === name || base.endsWith(` ${name}`);
  });
}

/** The sheet whose required columns are all in the header row and that matches the most headers. */
function sheetFromHeaders(headers: string[]): SheetKey | undefined {
  const present = new Set(headers.map(normalizeHeader));
  const scored = SHEET_KEYS.map((key) => {
    const columns = PORTFOLIO_SHEETS[key].columns as readonly ColumnSpec[];
    const complete = columns.every((c) => !c.required || present.has(normalizeHeader(c.header)));
    return { key, score: complete ? columns.filter((c) => present.has(normalizeHeader(c.header))).length : 0 };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  return best && best.score > 0 && best.score !== second?.score ? best.key : undefined;
}

interface MappedColumn {
  column: ColumnSpec;
  index: number;
}

class PortfolioReader {
  private readonly portfolio = emptyPortfolio();
  private readonly idsOnRejectedRows = { suppliers: [] as string[], services: [] as string[] };
  private readonly sheetsFound: SheetKey[] = [];
  private readonly log = new ProblemLog();
  private readonly warnings: Warning[] = [];

  constructor(
    private readonly fileType: "xlsx" | "csv",
    private readonly options: ParseOptions,
  ) {}

  async readSheet(raw: RawSheet): Promise<void> {
    let key: SheetKey | undefined;
    if (raw.name !== null) {
      key = sheetByName(raw.name);
      if (!key) {
        if (normalizeHeader(raw.name) !== normalizeHeader(INSTRUCTIONS_SHEET_NAME)) {
          this.warn({ sheet: raw.name, row: null, column: null, message: `Sheet “${raw.name}” is not part of the format and was ignored.` });
        }
        return; // rows never read: the streaming reader skips them
      }
    }

    const rows = raw.rows[Symbol.asyncIterator]();
    try {
      const header = await firstNonBlankRow(rows);
      const headerTexts = header ? Array.from({ length: header.width }, (_, i) => cellText(header.valueAt(i))) : [];
      key ??= this.options.sheet ?? sheetFromFileName(this.options.fileName ?? "") ?? sheetFromHeaders(headerTexts);
      if (!key) {
        this.log.add(null, header?.number ?? 1, null, "Cannot tell which sheet this CSV file holds: its header row lacks the required columns of every sheet. Name the file after the sheet (e.g. suppliers.csv) or fix the header row.");
        return;
      }
      const sheetName = PORTFOLIO_SHEETS[key].name;
      if (this.sheetsFound.includes(key)) {
        this.warn({ sheet: raw.name ?? sheetName, row: null, column: null, message: `A second “${sheetName}” sheet was ignored.` });
        return;
      }
      this.sheetsFound.push(key);
      if (!header) {
        this.warn({ sheet: sheetName, row: null, column: null, message: `Sheet “${sheetName}” is empty.` });
        return;
      }
      const mapped = this.mapHeader(key, headerTexts, header.number);
      if (!mapped) return;
      await this.readRows(key, mapped, rows);
    } catch (error) {
      if (!(error instanceof CsvFormatError)) throw error;
      this.log.add(key ? PORTFOLIO_SHEETS[key].name : null, error.row, null, error.message);
    }
  }

  /** Header texts → columns; null when a required column is missing (the rows cannot be read then). */
  private mapHeader(key: SheetKey, headerTexts: string[], headerRow: number): MappedColumn[] | null {
    const spec = sheetSpec(key);
    const mapped: MappedColumn[] = [];
    headerTexts.forEach((text, index) => {
      if (text === "") return;
      const column = spec.columns.find((c) => normalizeHeader(c.header) === normalizeHeader(text));
      if (!column) {
        this.warn({ sheet: spec.name, row: headerRow, column: text, message: `Column “${text}” is not part of the ${spec.name} sheet and was ignored.` });
      } else if (mapped.some((m) => m.column === column)) {
        this.log.add(spec.name, headerRow, column.header, `Column “${column.header}” appears more than once.`);
      } else {
        mapped.push({ column, index });
      }
    });
    let complete = true;
    for (const column of spec.columns) {
      if (mapped.some((m) => m.column === column)) continue;
      if (column.required) {
        this.log.add(spec.name, headerRow, column.header, `Required column “${column.header}” is missing.`);
        complete = false;
      } else {
        const fallback = fallbackText(column);
        const empty = fallback === null ? "empty" : `“${fallback}”`;
        this.warn({ sheet: spec.name, row: headerRow, column: column.header, message: `Column “${column.header}” is missing: every row gets ${empty}.` });
      }
    }
    return complete ? mapped : null;
  }

  private async readRows(key: SheetKey, mapped: MappedColumn[], rows: AsyncIterator<RawRow>): Promise<void> {
    const spec = sheetSpec(key);
    const missing = spec.columns.filter((c) => !mapped.some((m) => m.column === c));
    const maxRows = this.options.maxRowsPerSheet ?? MAX_ROWS_PER_SHEET;
    const target = this.portfolio[key] as Located<Record<string, TypedValue | null>>[];
    let dataRows = 0;
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const raw = next.value;
      if (mapped.every((m) => isBlank(raw.valueAt(m.index)))) continue;
      if (++dataRows > maxRows) {
        this.log.add(spec.name, raw.number, null, `The sheet has more than ${maxRows.toLocaleString("en")} rows. Split it into several files.`);
        return;
      }
      const values: Record<string, TypedValue | null> = {};
      let valid = true;
      for (const { column, index } of mapped) {
        const result = convertCell(column, raw.valueAt(index));
        if ("problem" in result) {
          this.log.add(spec.name, raw.number, column.header, result.problem);
          valid = false;
        } else {
          values[column.key] = result.value;
        }
      }
      for (const column of missing) values[column.key] = column.fallback ?? null;
      if (valid) {
        target.push({ ...values, row: raw.number });
      } else if (key === "suppliers" || key === "services") {
        const id = values[spec.keyColumns[0]!];
        if (typeof id === "string") this.idsOnRejectedRows[key].push(id);
      }
    }
  }

  private warn(warning: Warning): void {
    if (this.warnings.length < MAX_REPORTED_PROBLEMS) this.warnings.push(warning);
  }

  finish(): ParsedUpload {
    if (this.fileType === "xlsx") {
      if (this.sheetsFound.length === 0) {
        const names = SHEET_KEYS.map((k) => PORTFOLIO_SHEETS[k].name).join(", ");
        this.log.add(null, null, null, `The workbook has none of the sheets ${names}.`);
      } else {
        for (const key of SHEET_KEYS.filter((k) => !this.sheetsFound.includes(k))) {
          const name = PORTFOLIO_SHEETS[key].name;
          this.warn({ sheet: name, row: null, column: null, message: `There is no “${name}” sheet: nothing is imported for it.` });
        }
      }
    }
    return {
      fileType: this.fileType,
      portfolio: this.portfolio,
      sheetsFound: this.sheetsFound,
      idsOnRejectedRows: this.idsOnRejectedRows,
      ...this.log.report(),
      warnings: this.warnings,
    };
  }
}

