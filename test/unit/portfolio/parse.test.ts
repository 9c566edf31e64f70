import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parsePortfolioUpload, type ParseOptions, type ParsedUpload } from "~/domain/portfolio/parse";

type Rows = ExcelJS.CellValue[][];

async function workbook(sheets: Record<string, Rows>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((row, i) => {
      if (row.length > 0) sheet.getRow(i + 1).values = row;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function parse(bytes: Uint8Array, options?: ParseOptions): Promise<ParsedUpload> {
  const result = await parsePortfolioUpload(bytes, options);
  if (result.status !== "parsed") throw new Error(result.message);
  return result;
}

const SUPPLIER_HEADER = ["Supplier ID", "Name", "Country", "Vendor", "Criticality", "Contact email", "Declared RTO (h)", "Declared RPO (h)", "LEI", "DUNS", "Website"];

describe("headers", () => {
  it("are matched case-insensitively in any order; extra columns are ignored with a warning", async () => {
    const parsed = await parse(
      await workbook({
        suppliers: [
          ["  NAME ", "supplier id", "Notes", "declared rto (H)", "COUNTRY", "Vendor", "Criticality", "Contact Email", "Declared RPO (h)", "LEI", "DUNS", "Website"],
          ["Acme", "S1", "call them", 4, "de", "Y", "High", null, null, null, null, null],
        ],
      }),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.portfolio.suppliers).toEqual([
      expect.objectContaining({ row: 2, supplierId: "S1", name: "Acme", country: "DE", declaredRtoMin: 240, isVendor: true, criticality: "high" }),
    ]);
    expect(parsed.warnings).toContainEqual({ sheet: "Suppliers", row: 1, column: "Notes", message: "Column “Notes” is not part of the Suppliers sheet and was ignored." });
  });

  it("a missing optional column is a warning, a missing required one a problem that stops the sheet", async () => {
    const parsed = await parse(
      await workbook({
        Suppliers: [["Supplier ID", "Name"], ["S1", "Acme"]],
        Services: [["Service ID", "Name", "Required RTO (h)", "MTPD (h)"], ["SVC", "Payroll", 4, 8]],
      }),
    );
    expect(parsed.portfolio.suppliers).toEqual([expect.objectContaining({ supplierId: "S1", criticality: "medium", isVendor: false, country: null })]);
    expect(parsed.warnings).toContainEqual({ sheet: "Suppliers", row: 1, column: "Criticality", message: "Column “Criticality” is missing: every row gets “medium”." });
    expect(parsed.warnings).toContainEqual({ sheet: "Suppliers", row: 1, column: "Country", message: "Column “Country” is missing: every row gets empty." });
    expect(parsed.problems).toEqual([{ sheet: "Services", row: 1, column: "Required RPO (h)", message: "Required column “Required RPO (h)” is missing." }]);
    expect(parsed.portfolio.services).toEqual([]);
  });

  it("a column twice is a problem", async () => {
    const parsed = await parse(await workbook({ Suppliers: [["Supplier ID", "Name", "name"], ["S1", "A", "B"]] }));
    expect(parsed.problems).toEqual([{ sheet: "Suppliers", row: 1, column: "Name", message: "Column “Name” appears more than once." }]);
  });
});

describe("sheets", () => {
  it("warns about unknown and missing sheets, skips the Instructions sheet, and needs at least one known sheet", async () => {
    const parsed = await parse(await workbook({ Notes: [["x"]], Instructions: [["Read me"]], Suppliers: [["Supplier ID", "Name"]] }));
    expect(parsed.sheetsFound).toEqual(["suppliers"]);
    expect(parsed.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        "Sheet “Notes” is not part of the format and was ignored.",
        "There is no “Services” sheet: nothing is imported for it.",
        "There is no “Alternates” sheet: nothing is imported for it.",
      ]),
    );
    expect(parsed.warnings.some((w) => w.sheet === "Instructions")).toBe(false);

    const none = await parse(await workbook({ Sheet1: [["Supplier ID", "Name"]] }));
    expect(none.problems).toEqual([{ sheet: null, row: null, column: null, message: expect.stringContaining("none of the sheets Suppliers, Services") }]);
  });

  it("reads every sheet of a workbook whatever the order of its zip entries", async () => {
    const parsed = await parse(
      await workbook({
        Alternates: [["Replaces ID", "Alternate ID", "For supplier ID", "For service ID", "Status", "Switch-over (h)", "Capacity (%)"], ["S2", "S3", "S1", null, "Qualified", 6, 80]],
        Dependencies: [["Supplier ID", "Depends on ID", "Supplies", "Single source", "Buffer (h)"], ["S1", "S2", "wafers", "yes", 168]],
        "Service suppliers": [["Service ID", "Supplier ID"], ["SVC", "S1"]],
        Services: [["Service ID", "Name", "Owner", "Required RTO (h)", "Required RPO (h)", "MTPD (h)"], ["SVC", "Payroll", "HR", 4, 0.25, 48]],
        Suppliers: [SUPPLIER_HEADER, ["S1", "One"], ["S2", "Two"], ["S3", "Three"]],
      }),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.portfolio.alternates).toEqual([
      { row: 2, replacesId: "S2", alternateId: "S3", forSupplierId: "S1", forServiceId: null, status: "qualified", switchoverMin: 360, capacityPct: 80 },
    ]);
    expect(parsed.portfolio.dependencies).toEqual([{ row: 2, supplierId: "S1", dependsOnId: "S2", supplies: "wafers", singleSource: true, bufferMin: 168 * 60 }]);
    expect(parsed.portfolio.serviceSuppliers).toEqual([{ row: 2, serviceId: "SVC", supplierId: "S1" }]);
    expect(parsed.portfolio.services).toEqual([{ row: 2, serviceId: "SVC", name: "Payroll", owner: "HR", requiredRtoMin: 240, requiredRpoMin: 15, mtpdMin: 2880 }]);
    expect(parsed.portfolio.suppliers.map((s) => s.supplierId)).toEqual(["S1", "S2", "S3"]);
  });
});

describe("rows and cells", () => {
  it("skips empty rows and reports spreadsheet row numbers", async () => {
    const parsed = await parse(await workbook({ Suppliers: [[], SUPPLIER_HEADER, ["S1", "A"], [], [null, "   "], ["S2", "B", "ZZ"]] }));
    expect(parsed.portfolio.suppliers.map((s) => [s.row, s.supplierId])).toEqual([[3, "S1"]]);
    expect(parsed.problems).toEqual([
      { sheet: "Suppliers", row: 6, column: "Country", message: expect.stringContaining("“ZZ” is not an ISO 3166-1 alpha-2 country code") },
    ]);
    expect(parsed.idsOnRejectedRows.suppliers).toEqual(["S2"]);
  });

  it("names sheet, row and column for every cell problem", async () => {
    const parsed = await parse(
      await workbook({
        Suppliers: [SUPPLIER_HEADER, [null, "No ID"], ["S2", "Bad", "DE", "perhaps", "urgent", "nope", -4, "x"]],
      }),
    );
    expect(parsed.problems).toEqual([
      { sheet: "Suppliers", row: 2, column: "Supplier ID", message: "Supplier ID is required." },
      { sheet: "Suppliers", row: 3, column: "Vendor", message: "“perhaps” is not Y or N." },
      { sheet: "Suppliers", row: 3, column: "Criticality", message: "“urgent” is not one of: critical, high, medium, low." },
      { sheet: "Suppliers", row: 3, column: "Contact email", message: "“nope” is not a valid e-mail address." },
      { sheet: "Suppliers", row: 3, column: "Declared RTO (h)", message: "Hours cannot be negative (-4)." },
      { sheet: "Suppliers", row: 3, column: "Declared RPO (h)", message: "“x” is not a number of hours." },
    ]);
    expect(parsed.problemCount).toBe(6);
    expect(parsed.portfolio.suppliers).toEqual([]);
  });

  it("reads a formula by its cached result and never evaluates it; no cached result is a problem", async () => {
    const parsed = await parse(
      await workbook({
        Suppliers: [
          SUPPLIER_HEADER,
          ["S1", { formula: 'UPPER("acme")', result: "ACME" }, "DE", "Y", "high", null, { formula: "A1*2", result: 8 }],
          ["S2", "Beta", "DE", "Y", "high", null, { formula: "NOW()" } as ExcelJS.CellFormulaValue],
        ],
      }),
    );
    expect(parsed.portfolio.suppliers).toEqual([expect.objectContaining({ supplierId: "S1", name: "ACME", declaredRtoMin: 480 })]);
    expect(parsed.problems).toEqual([
      { sheet: "Suppliers", row: 3, column: "Declared RTO (h)", message: expect.stringContaining("formula without a saved result") },
    ]);
  });

  it("turns rich text into plain text and numbers stored as text into numbers", async () => {
    const parsed = await parse(
      await workbook({
        Suppliers: [SUPPLIER_HEADER, [{ richText: [{ text: "S" }, { font: { bold: true }, text: "1" }] }, { richText: [{ text: " Acme " }, { font: { italic: true }, text: "GmbH" }] }, null, null, null, null, "4", " 0.5 "]],
      }),
    );
    expect(parsed.portfolio.suppliers).toEqual([expect.objectContaining({ supplierId: "S1", name: "Acme GmbH", declaredRtoMin: 240, declaredRpoMin: 30 })]);
  });

  it("stops a sheet that has more rows than allowed", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [`S${i}`, `Supplier ${i}`]);
    const parsed = await parse(await workbook({ Suppliers: [["Supplier ID", "Name"], ...rows] }), { maxRowsPerSheet: 3 });
    expect(parsed.portfolio.suppliers).toHaveLength(3);
    expect(parsed.problems).toEqual([{ sheet: "Suppliers", row: 5, column: null, message: "The sheet has more than 3 rows. Split it into several files." }]);
  });
});

describe("CSV files", () => {
  const csv = (text: string) => Buffer.from(text);

  it("are one sheet, told by the option, the file name or the header row", async () => {
    const links = csv("Service ID,Supplier ID\nSVC,S1\n");
    expect((await parse(links)).portfolio.serviceSuppliers).toEqual([{ row: 2, serviceId: "SVC", supplierId: "S1" }]);
    expect((await parse(csv("Supplier ID;Name\nS1;A\n"), { fileName: "Northwind - suppliers.CSV" })).sheetsFound).toEqual(["suppliers"]);
    expect((await parse(csv("Supplier ID,Depends on ID\nS1,S2\n"), { fileName: "export.csv" })).sheetsFound).toEqual(["dependencies"]);
    expect((await parse(csv("Supplier ID,Name\nS1,A\n"), { sheet: "suppliers" })).portfolio.suppliers).toHaveLength(1);
    // A CSV has one sheet: no warnings about the others.
    expect((await parse(links)).warnings).toEqual([]);
  });

  it("list the first 1,000 problems and count them all", async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `S${i},Supplier ${i},XX`).join("\n");
    const parsed = await parse(csv(`Supplier ID,Name,Country\n${rows}\n`));
    expect(parsed.problems).toHaveLength(1_000);
    expect(parsed.problemCount).toBe(1_500);
    expect(parsed.problems[999]).toMatchObject({ sheet: "Suppliers", row: 1_001, column: "Country" });
  });

  it("that fit no sheet are a problem", async () => {
    const parsed = await parse(csv("Company,City\nAcme,Paris\n"));
    expect(parsed.problems).toEqual([{ sheet: null, row: 1, column: null, message: expect.stringContaining("Cannot tell which sheet") }]);
  });

  it("report an unclosed quote with the sheet and row", async () => {
    const parsed = await parse(csv('Supplier ID,Name\nS1,"Acme\nS2,Beta\n'), { fileName: "suppliers.csv" });
    expect(parsed.problems).toEqual([{ sheet: "Suppliers", row: 2, column: null, message: expect.stringContaining("never closed") }]);
  });
});
