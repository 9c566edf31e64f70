import { rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parsePortfolioUpload } from "~/domain/portfolio/parse";
import { MAX_UPLOAD_BYTES, checkUpload } from "~/domain/portfolio/safety";
import { spoolUpload } from "~/domain/portfolio/source";
import { buildZip, deflatedZeros, textEntry } from "./zip-fixtures";

const MB = 1024 * 1024;
let zeros300: Promise<Uint8Array> | undefined;
/** 300 MB of zeros, deflated once for the whole file (it takes half a second). */
const threeHundredMegabytesOfZeros = () => (zeros300 ??= deflatedZeros(300));

async function refusal(bytes: Uint8Array): Promise<string> {
  const result = await parsePortfolioUpload(bytes);
  if (result.status !== "rejected") throw new Error("expected the upload to be refused");
  return result.message;
}

/** A minimal zip that has the one part every .xlsx has, plus whatever the test adds. */
function workbookLike(...extra: Parameters<typeof buildZip>[0]) {
  return [textEntry("[Content_Types].xml", "<Types/>"), textEntry("xl/workbook.xml", "<workbook/>"), ...extra];
}

describe("content sniffing", () => {
  it.each([
    ["a Linux program", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]), "program (ELF executable)"],
    ["a Windows program", Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(64)]), "Windows program"],
    ["a PDF", Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1"), "PDF document"],
    ["a PNG image", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "PNG image"],
    ["an HTML page", Buffer.from("\uFEFF  <!doctype html><html><body>Suppliers</body></html>"), "web page or XML"],
    ["an old .xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), "old-format Excel file (.xls)"],
    ["binary data", Buffer.from("Supplier ID,Name\nS1,\u0000\u0001\u0002"), "binary file"],
    ["text in another encoding", Buffer.from("Supplier ID;Name\nS1;M\xfcller\n", "latin1"), "CSV UTF-8"],
    ["a zip that is not a workbook", buildZip([textEntry("word/document.xml", "<w:document/>")]), "zip archive, not an Excel workbook"],
    ["an empty file", Buffer.alloc(0), "The file is empty"],
  ])("refuses %s with a clear message, whatever its name", async (_what, bytes, message) => {
    expect(await refusal(bytes)).toContain(message);
  });

  it("accepts a real workbook and UTF-8 text", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Suppliers").addRow(["Supplier ID", "Name"]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await checkUpload(xlsx)).toEqual({ ok: true, fileType: "xlsx" });
    expect(await checkUpload(Buffer.from("Supplier ID,Name\nS1,深圳华强\n"))).toEqual({ ok: true, fileType: "csv" });
  });
});

describe("size limits", () => {
  it.each([
    ["200 MB", 200 * MB, "The file is 200 MB; uploads are limited to 50 MB."],
    ["one byte too many", MAX_UPLOAD_BYTES + 1, "The file is 50 MB; uploads are limited to 50 MB."],
  ])("refuses a file of %s before reading it", async (_what, size, message) => {
    const file = path.join(tmpdir(), `oversized-${process.pid}-${size}.xlsx`);
    await writeFile(file, Buffer.from("PK\x03\x04"));
    await truncate(file, size); // sparse: costs no disk
    try {
      expect(await parsePortfolioUpload({ path: file })).toEqual({ status: "rejected", message: expect.stringContaining(message) });
    } finally {
      await rm(file, { force: true });
    }
  });

  it("stops spooling a 200 MB upload at the limit, keeping neither it in memory nor on disk", async () => {
    let sent = 0;
    async function* twoHundredMegabytes() {
      const chunk = new Uint8Array(MB);
      for (let i = 0; i < 200; i++) {
        sent += chunk.length;
        yield chunk;
      }
    }
    const result = await spoolUpload(twoHundredMegabytes(), 5 * MB);
    expect(result).toEqual({ tooLarge: true });
    expect(sent).toBeLessThanOrEqual(6 * MB);

    const small = await spoolUpload((async function* () { yield Buffer.from("Supplier ID,Name\n"); })(), 5 * MB);
    if ("tooLarge" in small) throw new Error("unexpected");
    expect((await stat(small.path)).size).toBe(17);
    expect(await checkUpload({ path: small.path })).toEqual({ ok: true, fileType: "csv" });
    await small.remove();
  });
});

describe("malformed workbooks", () => {
  const RELS = '<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
  const WORKBOOK = '<workbook><sheets><sheet name="Suppliers" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';

  it.each([
    ["broken sheet XML", '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Supplier ID'],
    ["an entity expansion (billion laughs) in a cell", `${LAUGHS}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`],
    ["not XML at all", "\u0000\u0001 binary junk"],
  ])("give an answer, never a crash: %s", async (_what, sheetXml) => {
    const zip = buildZip([
      textEntry("xl/_rels/workbook.xml.rels", RELS),
      textEntry("xl/workbook.xml", WORKBOOK),
      textEntry("xl/worksheets/sheet1.xml", sheetXml),
    ]);
    const result = await parsePortfolioUpload(zip);
    if (result.status === "parsed") expect(result.portfolio.suppliers).toEqual([]);
    else expect(result.message).toContain("The file could not be read");
  });
});

describe("zip bombs", () => {
  it("refuses 300 MB of zeros deflated into a few hundred kilobytes", async () => {
    const zeros = await threeHundredMegabytesOfZeros();
    expect(zeros.length).toBeLessThan(MB);
    const bomb = buildZip(workbookLike({ name: "xl/worksheets/sheet1.xml", deflated: zeros, declaredSize: 300 * MB }));
    expect(await refusal(bomb)).toMatch(/expands to more than 200 MB.*zip bomb/);
  });

  it("refuses a part compressed far better than real spreadsheets", async () => {
    const bomb = buildZip(workbookLike({ name: "xl/sharedStrings.xml", deflated: await deflatedZeros(20), declaredSize: 20 * MB }));
    expect(await refusal(bomb)).toMatch(/compressed \d+:1.*zip bomb/);
  });

  it("refuses a part that decompresses to more than its directory entry declares", async () => {
    const zeros = await threeHundredMegabytesOfZeros();
    const liar = buildZip(workbookLike({ name: "xl/worksheets/sheet1.xml", deflated: zeros, declaredSize: 1_000 }));
    expect(await refusal(liar)).toMatch(/larger than its table of contents says.*zip bomb/);
  });

  it("refuses thousands of parts", async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => ({ name: `xl/media/image${i}.png`, stored: new Uint8Array(1) }));
    expect(await refusal(buildZip(workbookLike(...many)))).toMatch(/1202 parts.*zip bomb/);
  });

  it("refuses encrypted, truncated or inconsistent zips without crashing", async () => {
    const encrypted = buildZip(workbookLike({ name: "xl/worksheets/sheet1.xml", stored: Buffer.from("<x/>"), flags: 1 }));
    expect(await refusal(encrypted)).toContain("password-protected");

    const good = buildZip(workbookLike(textEntry("xl/worksheets/sheet1.xml", "<worksheet/>")));
    expect(await refusal(good.subarray(0, good.length - 30))).toContain("zip structure is damaged");

    const hidden = buildZip(workbookLike());
    const smuggled = Buffer.concat([buildZip([textEntry("xl/sharedStrings.xml", "<sst/>")]).subarray(0, 60), hidden]);
    expect(await refusal(smuggled)).toContain("zip structure is damaged");

    const garbage = buildZip(workbookLike({ name: "xl/worksheets/sheet1.xml", deflated: Buffer.from("not deflate data at all"), declaredSize: 100 }));
    expect(await refusal(garbage)).toContain("zip structure is damaged");
  });
});
