/**
 * Reads the worksheets of a vetted .xlsx one row at a time, with exceljs' streaming XML parsers fed by
 * our own zip reader (zip.ts).
 *
 * Why not simply iterate exceljs' WorkbookReader: in exceljs 4.4 its entry loop can stop early and
 * silently. unzipper's Parse emits 'end' once its input has been written, not once its entries have
 * been read, and exceljs' iterate-stream believes it, so entries still buffered (typically
 * xl/workbook.xml or xl/sharedStrings.xml, sometimes whole sheets) are dropped: sheets lose their
 * names or their text. Feeding the entries ourselves also makes the entry order irrelevant and avoids
 * the temporary files WorkbookReader writes when sheets come before the shared strings.
 */
import path from "node:path";
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { RawRow, RawSheet } from "./parse";
import { openBytes, type UploadSource } from "./source";
import { entryStream, locateEntryData, readZipDirectory, type ZipDirectory } from "./zip";
import type { ByteReader } from "./source";

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** The parts of exceljs' WorkbookReader (4.4) we drive by hand; checked at run time. */
interface WorkbookReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(rows: AsyncIterable<Uint8Array>, sheetNo: string): Generator<{ value: WorksheetReader }>;
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
}

const REQUIRED_PARTS = ["_parseRels", "_parseWorkbook", "_parseSharedStrings", "_parseWorksheet"] as const;

function createWorkbookReader(): WorkbookReaderParts {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader("", {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  }) as unknown as WorkbookReaderParts;
  if (REQUIRED_PARTS.some((part) => typeof reader[part] !== "function")) {
    throw new Error("this version of exceljs is not supported by the workbook reader");
  }
  return reader;
}

export async function* readXlsxSheets(source: UploadSource): AsyncGenerator<RawSheet> {
  const bytes = await openBytes(source);
  try {
    const directory = await readZipDirectory(bytes);
    if (!directory) throw new Error("damaged zip file");
    const open = (name: string) => openEntry(bytes, directory, name);

    const workbook = createWorkbookReader();
    await workbook._parseRels(await required(open("xl/_rels/workbook.xml.rels")));
    await workbook._parseWorkbook(await required(open("xl/workbook.xml")));
    const sharedStrings = await open("xl/sharedStrings.xml");
    if (sharedStrings) for await (const _ of workbook._parseSharedStrings(sharedStrings));

    for (const [index, sheet] of (workbook.model?.sheets ?? []).entries()) {
      const rel = workbook.workbookRels?.find((r) => r.Id === sheet.rId && r.Type.endsWith("/worksheet"));
      const stream = rel ? await open(resolveTarget(rel.Target)) : null;
      if (!stream) continue; // chart sheets and the like
      const [created] = workbook._parseWorksheet(stream, String(index + 1));
      if (!created) continue;
      try {
        yield { name: sheet.name, rows: worksheetRows(created.value) };
      } finally {
        stream.destroy(); // a sheet the caller skipped is never decompressed further
      }
    }
  } finally {
    await bytes.close();
  }
}

async function* worksheetRows(worksheet: WorksheetReader): AsyncGenerator<RawRow> {
  for await (const row of worksheet) {
    yield { number: row.number, width: row.cellCount, valueAt: (index) => row.findCell(index + 1)?.value };
  }
}

async function openEntry(bytes: ByteReader, directory: ZipDirectory, name: string): Promise<Readable | null> {
  const entry = directory.entries.find((e) => e.name === name);
  if (!entry) return null;
  const data = await locateEntryData(bytes, entry, directory.offset);
  if (!data) throw new Error(`damaged zip entry ${name}`);
  return entryStream(bytes, entry, data);
}

async function required(stream: Promise<Readable | null>): Promise<Readable> {
  const opened = await stream;
  if (!opened) throw new Error("not an Excel workbook");
  return opened;
}

/** Relationship targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml"). */
function resolveTarget(target: string): string {
  return target.startsWith("/") ? target.slice(1) : path.posix.normalize(`xl/${target}`);
}
