import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyPortfolioImport,
  exportPortfolio,
  loadPortfolioState,
  previewPortfolioImport,
} from "~/data/portfolio.server";
import { PORTFOLIO_SHEETS, SHEET_KEYS, rowKey, type SheetKey } from "~/domain/portfolio/format";
import { parsePortfolioUpload, type ParsedUpload } from "~/domain/portfolio/parse";
import { writePortfolioWorkbook } from "~/domain/portfolio/write";
import { createFreshDatabase } from "../support/database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let dir: string;
let actorId: string;

beforeAll(async () => {
  database = await createFreshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "portfolio-test-"));
  const user = await database.db
    .insertInto("users")
    .values({ email: "importer@example.test", name: "Importer" })
    .returning("id")
    .executeTakeFirstOrThrow();
  actorId = user.id;
});

afterAll(async () => {
  await database?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function createOrganisation(): Promise<string> {
  const slug = `org-${randomBytes(4).toString("hex")}`;
  const org = await database.db.insertInto("organisations").values({ slug, name: slug }).returning("id").executeTakeFirstOrThrow();
  return org.id;
}

type Cell = ExcelJS.CellValue;

/** Writes a workbook the way a user's spreadsheet program would (exceljs' ordinary writer, not ours). */
async function writeUserWorkbook(sheets: Partial<Record<SheetKey, Cell[][]>>, extraHeaders: Partial<Record<SheetKey, string[]>> = {}) {
  const workbook = new ExcelJS.Workbook();
  for (const key of SHEET_KEYS) {
    const rows = sheets[key];
    if (!rows) continue;
    const sheet = workbook.addWorksheet(PORTFOLIO_SHEETS[key].name);
    sheet.addRow([...PORTFOLIO_SHEETS[key].columns.map((c) => c.header), ...(extraHeaders[key] ?? [])]);
    for (const row of rows) sheet.addRow(row);
  }
  const file = path.join(dir, `user-${randomBytes(4).toString("hex")}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

async function exportToFile(orgId: string): Promise<string> {
  const file = path.join(dir, `export-${randomBytes(4).toString("hex")}.xlsx`);
  await writePortfolioWorkbook(createWriteStream(file), exportPortfolio(database.db, orgId));
  return file;
}

async function parseClean(file: string): Promise<ParsedUpload> {
  const result = await parsePortfolioUpload({ path: file });
  if (result.status !== "parsed") throw new Error(result.message);
  expect(result.problems).toEqual([]);
  return result;
}

/** The rows of every sheet without their row numbers, in a stable order: what "the same data" means. */
function comparableRows(parsed: ParsedUpload) {
  return Object.fromEntries(
    SHEET_KEYS.map((key) => {
      const rows = (parsed.portfolio[key] as { row: number }[]).map(({ row: _row, ...values }) => values);
      return [key, rows.sort((a, b) => rowKey(key, a).localeCompare(rowKey(key, b)))];
    }),
  );
}

/** Everything the import may write, including updated_at, to prove that a no-op import is one. */
async function snapshot(orgId: string) {
  const { db } = database;
  return {
    suppliers: await db.selectFrom("suppliers").selectAll().where("org_id", "=", orgId).orderBy("external_id").execute(),
    services: await db.selectFrom("internal_services").selectAll().where("org_id", "=", orgId).orderBy("external_id").execute(),
    serviceSuppliers: await db.selectFrom("service_suppliers").selectAll().where("org_id", "=", orgId).orderBy("service_id").orderBy("supplier_id").execute(),
    dependencies: await db.selectFrom("dependencies").selectAll().where("org_id", "=", orgId).orderBy("id").execute(),
    alternates: await db.selectFrom("alternates").selectAll().where("org_id", "=", orgId).orderBy("id").execute(),
  };
}

async function countRows(orgId: string) {
  const result = await sql<{ suppliers: number; services: number; links: number; dependencies: number; alternates: number }>`
    select (select count(*) from suppliers where org_id = ${orgId}) as suppliers,
           (select count(*) from internal_services where org_id = ${orgId}) as services,
           (select count(*) from service_suppliers where org_id = ${orgId}) as links,
           (select count(*) from dependencies where org_id = ${orgId}) as dependencies,
           (select count(*) from alternates where org_id = ${orgId}) as alternates`.execute(database.db);
  return Object.fromEntries(Object.entries(result.rows[0]!).map(([k, v]) => [k, Number(v)]));
}

const NAMES = {
  chinese: "深圳华强电子有限公司",
  arabic: "شركة الخليج للخدمات اللوجستية",
  polish: "Zakłady Elektroniczne Łódź Sp. z o.o.",
  emoji: "Rocket 🚀 Logistics 🇩🇪",
  formula: '=HYPERLINK("http://evil.example","click")',
  plus: "+1 Telecom",
  at: "@Home Services",
};

/** A small but complete portfolio, with the awkward cases a real spreadsheet has. */
const PORTFOLIO: Partial<Record<SheetKey, Cell[][]>> = {
  suppliers: [
    ["SUP-001", NAMES.polish, "pl", "Y", "Critical", "bcm@zel.example", 48, 4, "529900T8BM49AURSDO55", 12345678, "https://zel.example"],
    ["SUP-002", NAMES.chinese, "CN", "no", "high", null, 720, 24, null, "150483782", null],
    ["SUP-003", NAMES.arabic, "AE", "yes", "medium", null, { formula: "2*2", result: 4 }, 0.25, null, null, null],
    ["SUP-004", NAMES.emoji, "DE", "N", "low", null, 0.1, null, null, null, null],
    ["SUP-005", NAMES.formula, "US", "1", null, null, 1.5, 0, null, null, null],
    ["SUP-006", NAMES.plus, "GB", "0", "high", null, null, null, null, null, null],
    ["SUP-007", NAMES.at, null, null, null, null, "12,5", null, null, null, null],
    [1001, "Numeric ID AG", "CH", "Y", "high", null, 8, 1, null, null, null],
  ],
  services: [
    ["SVC-PAY", "Payroll", "HR operations", 4, 0.25, 48],
    ["SVC-SHOP", "Web shop 网店", null, 2.5, 0, 24],
  ],
  serviceSuppliers: [
    ["SVC-PAY", "SUP-001"],
    ["SVC-PAY", "SUP-005"],
    ["SVC-SHOP", "1001"],
  ],
  dependencies: [
    ["SUP-001", "SUP-002", "Semiconductor wafers", "Y", 168],
    ["SUP-001", "SUP-003", null, null, null],
    ["SUP-005", "SUP-006", "SIP trunks", "N", 0.5],
  ],
  alternates: [
    ["SUP-002", "SUP-004", "SUP-001", null, "qualifying", 720, 60],
    ["SUP-001", "SUP-007", null, "SVC-PAY", "qualified", 6, 100],
    ["SUP-006", "SUP-003", "SUP-005", null, null, null, null],
  ],
};

describe("portfolio import and export", () => {
  let orgA: string;
  let sourceFile: string;
  let firstExport: ParsedUpload;

  it("imports a workbook into an empty organisation", async () => {
    orgA = await createOrganisation();
    sourceFile = await writeUserWorkbook(PORTFOLIO);
    const parsed = await parseClean(sourceFile);
    expect(parsed.warnings).toEqual([]);

    const preview = await previewPortfolioImport(database.db, orgA, parsed);
    expect(preview.problems).toEqual([]);
    expect(preview.counts.suppliers).toEqual({ create: 8, update: 0, unchanged: 0 });

    const outcome = await applyPortfolioImport(database.db, orgA, actorId, parsed, { fileName: "portfolio.xlsx" });
    expect(outcome).toEqual({ status: "applied", counts: preview.counts });
    expect(await countRows(orgA)).toEqual({ suppliers: 8, services: 2, links: 3, dependencies: 3, alternates: 3 });

    const polish = await database.db
      .selectFrom("suppliers")
      .selectAll()
      .where("org_id", "=", orgA)
      .where("external_id", "=", "SUP-001")
      .executeTakeFirstOrThrow();
    expect(polish).toMatchObject({
      name: NAMES.polish,
      normalized_name: "zaklady elektroniczne lodz",
      country: "PL",
      is_vendor: true,
      criticality: "critical",
      declared_rto_min: 48 * 60,
      declared_rpo_min: 240,
      duns: "012345678",
    });
    const state = await loadPortfolioState(database.db, orgA);
    expect(state.suppliers.get("SUP-003")?.declaredRtoMin).toBe(240); // the formula's cached result, 4 h
    expect(state.suppliers.get("SUP-004")?.declaredRtoMin).toBe(6); // 0.1 h
    expect(state.suppliers.get("SUP-007")?.declaredRtoMin).toBe(750); // "12,5" h

    const audit = await database.db.selectFrom("audit_events").selectAll().where("org_id", "=", orgA).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "portfolio.imported", actor_user_id: actorId });
    expect(audit[0]!.summary).toMatchObject({ fileName: "portfolio.xlsx", counts: { suppliers: { create: 8 } } });
  });

  it("round-trips losslessly: export, import into an empty organisation, export again", async () => {
    firstExport = await parseClean(await exportToFile(orgA));
    expect(firstExport.warnings).toEqual([]);
    const orgB = await createOrganisation();
    const outcome = await applyPortfolioImport(database.db, orgB, actorId, firstExport);
    expect(outcome.status).toBe("applied");
    const secondExport = await parseClean(await exportToFile(orgB));

    expect(comparableRows(secondExport)).toEqual(comparableRows(firstExport));
    // …and the export holds what the user's file said (after the documented normalisation).
    const source = comparableRows(await parseClean(sourceFile));
    expect(comparableRows(firstExport)).toEqual(source);
    const names = firstExport.portfolio.suppliers.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(NAMES)));
  });

  it("changes nothing when the same file is imported twice", async () => {
    const before = await snapshot(orgA);
    for (const file of [sourceFile, await exportToFile(orgA)]) {
      const parsed = await parseClean(file);
      const outcome = await applyPortfolioImport(database.db, orgA, actorId, parsed);
      if (outcome.status !== "applied") throw new Error("rejected");
      for (const key of SHEET_KEYS) {
        expect(outcome.counts[key]).toEqual({ create: 0, update: 0, unchanged: parsed.portfolio[key].length });
      }
    }
    expect(await snapshot(orgA)).toEqual(before);
  });

  it("updates only what changed, and leaves rows that are not in the file alone", async () => {
    const file = await writeUserWorkbook({
      suppliers: [["SUP-004", NAMES.emoji, "DE", "N", "low", null, 3, null, null, null, null]],
      alternates: [["SUP-002", "SUP-004", "SUP-001", null, "qualified", 720, 60]],
    });
    const parsed = await parseClean(file);
    const outcome = await applyPortfolioImport(database.db, orgA, actorId, parsed);
    if (outcome.status !== "applied") throw new Error("rejected");
    expect(outcome.counts.suppliers).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(outcome.counts.alternates).toEqual({ create: 0, update: 1, unchanged: 0 });
    const state = await loadPortfolioState(database.db, orgA);
    expect(state.suppliers.get("SUP-004")?.declaredRtoMin).toBe(180);
    expect([...state.alternates.values()].find((a) => a.replacesId === "SUP-002")?.status).toBe("qualified");
    expect(await countRows(orgA)).toEqual({ suppliers: 8, services: 2, links: 3, dependencies: 3, alternates: 3 });
  });

  it("imports a CSV file of one sheet", async () => {
    const orgC = await createOrganisation();
    const csv = "\uFEFFSupplier ID;Name;Country;Declared RTO (h)\r\nCSV-1;\"Müller; Söhne\";de;1,5\r\nCSV-2;'=2+3;FR;\r\n";
    const parsed = await parsePortfolioUpload(Buffer.from(csv), { fileName: "suppliers.csv" });
    if (parsed.status !== "parsed") throw new Error(parsed.message);
    expect(parsed.problems).toEqual([]);
    expect(await applyPortfolioImport(database.db, orgC, null, parsed)).toMatchObject({ status: "applied" });
    const state = await loadPortfolioState(database.db, orgC);
    expect(state.suppliers.get("CSV-1")).toMatchObject({ name: "Müller; Söhne", country: "DE", declaredRtoMin: 90 });
    expect(state.suppliers.get("CSV-2")?.name).toBe("=2+3");
  });
});

describe("a large workbook with one bad row", () => {
  const ROWS = 10_000;
  const BAD_ROW = 7_345; // spreadsheet row: the header is row 1

  function supplierRows(badCountryOnRow?: number): Cell[][] {
    return Array.from({ length: ROWS }, (_, i) => {
      const spreadsheetRow = i + 2;
      const country = spreadsheetRow === badCountryOnRow ? "XX" : ["DE", "PL", "CN", "SA"][i % 4]!;
      return [`S-${String(i).padStart(5, "0")}`, `Supplier ${i} Łódź 华强 ${i % 7}`, country, i % 3 === 0 ? "Y" : "N", "medium", null, (i % 96) / 4, 1, null, null, null];
    });
  }

  it("applies nothing and names the sheet, row and column", async () => {
    const orgId = await createOrganisation();
    const file = await writeUserWorkbook({ suppliers: supplierRows(BAD_ROW) });
    const parsed = await parsePortfolioUpload({ path: file });
    if (parsed.status !== "parsed") throw new Error(parsed.message);
    expect(parsed.problems).toEqual([
      { sheet: "Suppliers", row: BAD_ROW, column: "Country", message: expect.stringContaining("“XX” is not an ISO 3166-1 alpha-2 country code") },
    ]);
    expect(parsed.portfolio.suppliers).toHaveLength(ROWS - 1);

    const outcome = await applyPortfolioImport(database.db, orgId, actorId, parsed);
    expect(outcome).toMatchObject({ status: "rejected", problemCount: 1, problems: [{ sheet: "Suppliers", row: BAD_ROW, column: "Country" }] });
    expect(await countRows(orgId)).toEqual({ suppliers: 0, services: 0, links: 0, dependencies: 0, alternates: 0 });
  });

  it("applies nothing when a problem is only found against the database, or the import fails part-way", async () => {
    const orgId = await createOrganisation();
    const dependencies: Cell[][] = Array.from({ length: ROWS }, (_, i) => [`S-${String(i).padStart(5, "0")}`, `S-${String((i + 1) % ROWS).padStart(5, "0")}`, "parts", "N", 0]);
    dependencies[9_000] = ["S-00001", "S-99999", "parts", "N", 0];
    const parsed = await parseClean(await writeUserWorkbook({ suppliers: supplierRows(), dependencies }));
    const outcome = await applyPortfolioImport(database.db, orgId, actorId, parsed);
    expect(outcome).toMatchObject({
      status: "rejected",
      problems: [{ sheet: "Dependencies", row: 9_002, column: "Depends on ID", message: expect.stringContaining("“S-99999”") }],
    });
    expect((await countRows(orgId)).suppliers).toBe(0);

    // A crash after the suppliers were written rolls them back too.
    dependencies[9_000] = ["S-00001", "S-00003", "parts", "N", 0];
    const fixed = await parseClean(await writeUserWorkbook({ suppliers: supplierRows(), dependencies }));
    const crash = applyPortfolioImport(database.db, orgId, actorId, fixed, {
      onProgress: ({ sheet }) => {
        if (sheet === "dependencies") throw new Error("simulated crash");
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    expect(await countRows(orgId)).toEqual({ suppliers: 0, services: 0, links: 0, dependencies: 0, alternates: 0 });

    const started = performance.now();
    const applied = await applyPortfolioImport(database.db, orgId, actorId, fixed);
    const ms = Math.round(performance.now() - started);
    expect(applied).toMatchObject({ status: "applied", counts: { suppliers: { create: ROWS }, dependencies: { create: ROWS } } });
    console.info(`[${database.kind}] applied ${ROWS} suppliers + ${ROWS} dependencies in ${ms} ms`);

    const exported = await parseClean(await exportToFile(orgId));
    expect(exported.portfolio.suppliers).toHaveLength(ROWS);
    expect(exported.portfolio.dependencies).toHaveLength(ROWS);
  });
});
