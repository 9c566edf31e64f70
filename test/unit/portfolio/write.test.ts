import { readFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { PORTFOLIO_SHEETS, formatReferenceMarkdown, type SupplierRow } from "~/domain/portfolio/format";
import { parsePortfolioUpload } from "~/domain/portfolio/parse";
import { openBytes } from "~/domain/portfolio/source";
import { writePortfolioTemplate, writePortfolioWorkbook, type PortfolioRowSources } from "~/domain/portfolio/write";
import { entryStream, locateEntryData, readZipDirectory } from "~/domain/portfolio/zip";

async function written(sources?: Partial<PortfolioRowSources>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await (sources ? writePortfolioWorkbook(out, sources) : writePortfolioTemplate(out));
  return Buffer.concat(chunks);
}

/** The raw XML of one part of the workbook. */
async function part(xlsx: Buffer, name: string): Promise<string> {
  const bytes = await openBytes(xlsx);
  const directory = (await readZipDirectory(bytes))!;
  const entry = directory.entries.find((e) => e.name === name)!;
  const stream = entryStream(bytes, entry, (await locateEntryData(bytes, entry, directory.offset))!);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function loaded(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  return book;
}

const supplier = (supplierId: string, name: string, over: Partial<SupplierRow> = {}): SupplierRow => ({
  supplierId,
  name,
  country: "DE",
  isVendor: true,
  criticality: "high",
  contactEmail: null,
  declaredRtoMin: 90,
  declaredRpoMin: null,
  lei: null,
  duns: "012345678",
  website: null,
  ...over,
});

const DANGEROUS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=1+2", "-2+3"];

describe("writePortfolioWorkbook", () => {
  it("writes names that look like formulas as plain text, which exceljs reads back as strings", async () => {
    const xlsx = await written({ suppliers: DANGEROUS.map((name, i) => supplier(`S${i}`, name, { supplierId: i === 0 ? "=A1" : `S${i}` })) });
    const book = await loaded(xlsx);
    const sheet = book.getWorksheet("Suppliers")!;
    DANGEROUS.forEach((name, i) => {
      const cell = sheet.getCell(i + 2, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(name);
      expect(cell.formula).toBeUndefined();
    });
    expect(sheet.getCell(2, 1).value).toBe("=A1");
    expect(await part(xlsx, "xl/worksheets/sheet1.xml")).not.toContain("<f>");

    const parsed = await parsePortfolioUpload(xlsx);
    if (parsed.status !== "parsed") throw new Error(parsed.message);
    expect(parsed.portfolio.suppliers.map((s) => s.name)).toEqual(DANGEROUS);
  });

  it("freezes and filters the header row, sizes the columns and writes hours as real numbers", async () => {
    const xlsx = await written({ suppliers: [supplier("S1", "Acme")] });
    const book = await loaded(xlsx);
    const sheet = book.getWorksheet("Suppliers")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:K1");
    expect(sheet.getColumn(2).width).toBe(PORTFOLIO_SHEETS.suppliers.columns[1].width);
    expect(sheet.getRow(1).values).toEqual([undefined, ...PORTFOLIO_SHEETS.suppliers.columns.map((c) => c.header)]);
    expect(sheet.getCell("G2").value).toBe(1.5); // Declared RTO (h): 90 minutes
    expect(sheet.getCell("H2").value).toBeNull(); // unknown RPO stays empty
    expect(sheet.getCell("D2").value).toBe("Y");
    expect(sheet.getCell("J2").value).toBe("012345678"); // DUNS as text: the leading zero stays
  });

  it("the blank template has every sheet's headers, an Instructions sheet, and imports as nothing", async () => {
    const xlsx = await written();
    const book = await loaded(xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual([...Object.values(PORTFOLIO_SHEETS).map((s) => s.name), "Instructions"]);
    expect(book.getWorksheet("Alternates")!.rowCount).toBe(1);

    const parsed = await parsePortfolioUpload(xlsx);
    expect(parsed).toMatchObject({ status: "parsed", problems: [], warnings: [], sheetsFound: ["suppliers", "services", "serviceSuppliers", "dependencies", "alternates"] });
  });
});

describe("docs/import-format.md", () => {
  it("contains the column reference generated from format.ts (paste formatReferenceMarkdown() when columns change)", async () => {
    const docs = await readFile(path.resolve(import.meta.dirname, "../../../docs/import-format.md"), "utf8");
    expect(docs).toContain(formatReferenceMarkdown());
  });

  it("every sheet has unique headers and key columns that exist", () => {
    for (const spec of Object.values(PORTFOLIO_SHEETS)) {
      const headers = spec.columns.map((c) => c.header.toLowerCase());
      expect(new Set(headers).size).toBe(headers.length);
      for (const key of spec.keyColumns) expect(spec.columns.some((c) => c.key === key)).toBe(true);
    }
  });
});
