import { describe, expect, it } from "vitest";
import { CsvFormatError, readCsvRecords } from "~/domain/portfolio/csv";
import { parsePortfolioUpload } from "~/domain/portfolio/parse";
import { csvSafe } from "~/domain/portfolio/write";

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Reads the text fed in chunks of every size from 1 byte up, so no boundary (CR|LF, inside a quote, inside a character) is missed. */
async function records(text: string, chunkSizes = [1, 2, 3, 7, 1024]) {
  const bytes = Buffer.from(text);
  const results = [];
  for (const size of chunkSizes) {
    const out = [];
    for await (const record of readCsvRecords(chunksOf(bytes, size))) out.push(record);
    results.push(out);
  }
  for (const result of results) expect(result).toEqual(results[0]);
  return results[0]!.map((r) => r.fields);
}

describe("CSV dialects", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR (old Mac)", "\r"],
  ])("reads %s line ends", async (_name, eol) => {
    expect(await records(`a,b${eol}1,2${eol}3,4${eol}`)).toEqual([["a", "b"], ["1", "2"], ["3", "4"]]);
    expect(await records(`a,b${eol}1,2`)).toEqual([["a", "b"], ["1", "2"]]); // no line end at the end
  });

  it("drops a UTF-8 byte order mark and keeps every script intact", async () => {
    expect(await records("\uFEFFName,City\r\n深圳华强,Łódź\r\nشركة,🚀\r\n")).toEqual([
      ["Name", "City"],
      ["深圳华强", "Łódź"],
      ["شركة", "🚀"],
    ]);
  });

  it("takes the separator the header line uses most: comma or semicolon", async () => {
    expect(await records("Supplier ID;Name;Declared RTO (h)\nS1;Müller, Söhne;1,5\n")).toEqual([
      ["Supplier ID", "Name", "Declared RTO (h)"],
      ["S1", "Müller, Söhne", "1,5"],
    ]);
    expect(await records('"a;b",c\n1,2\n')).toEqual([["a;b", "c"], ["1", "2"]]);
  });

  it("reads quoted fields with separators, doubled quotes and line breaks inside", async () => {
    const text = 'id,name,note\r\n1,"Smith, Jones & Co","He said ""hi"""\r\n2,"two\r\nlines","a\nb\rc"\r\n3,"",plain\r\n';
    expect(await records(text)).toEqual([
      ["id", "name", "note"],
      ["1", "Smith, Jones & Co", 'He said "hi"'],
      ["2", "two\r\nlines", "a\nb\rc"],
      ["3", "", "plain"],
    ]);
  });

  it("numbers rows as a spreadsheet shows them: blank lines count, quoted line breaks do not", async () => {
    const numbers = [];
    for await (const r of readCsvRecords(chunksOf(Buffer.from('h\n"x\ny"\n\nz\n'), 4))) numbers.push([r.number, r.fields]);
    expect(numbers).toEqual([[1, ["h"]], [2, ["x\ny"]], [3, [""]], [4, ["z"]]]);
  });

  it("reports a quote that is never closed", async () => {
    await expect(records('a,b\n1,"open\n2,3\n')).rejects.toThrow(CsvFormatError);
    await expect(records('a,b\n1,"open\n2,3\n')).rejects.toThrow('A quoted field on row 2 is never closed');
  });

  it("reports bytes that are not UTF-8, even split across chunks", async () => {
    const latin1 = Buffer.from("Name\nM\xfcller\n", "latin1");
    const read = async () => {
      for await (const _ of readCsvRecords(chunksOf(latin1, 3)));
    };
    await expect(read()).rejects.toThrow("not UTF-8");
  });
});

describe("csvSafe", () => {
  it("prefixes text that a spreadsheet would run as a formula, and the reader takes the prefix off again", async () => {
    const risky = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tTab", "\rCR"];
    expect(risky.map(csvSafe)).toEqual(risky.map((v) => `'${v}`));
    expect(["Normal", "1+1", "'quoted"].map(csvSafe)).toEqual(["Normal", "1+1", "'quoted"]);

    const line = (v: string) => `"${csvSafe(v).replace(/"/g, '""')}"`;
    const csv = `Supplier ID,Name\n${risky.map((name, i) => `S${i},${line(name)}`).join("\n")}\n`;
    const result = await parsePortfolioUpload(Buffer.from(csv), { fileName: "suppliers.csv" });
    if (result.status !== "parsed") throw new Error(result.message);
    // Names are trimmed, so the tab and CR at the start go; the formula guards are undone.
    expect(result.portfolio.suppliers.map((s) => s.name)).toEqual(['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "Tab", "CR"]);
  });
});
