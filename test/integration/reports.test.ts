import { execFileSync } from "node:child_process";
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../app/data/api-tokens.server";
import { recomputeOrganisation } from "../../app/resilience.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * Reports over real HTTP against the built app: the Excel risk register (numbers equal the stored
 * engine results, formula-like names stay text), vendor PDFs with any script, vendor isolation,
 * background exports with download, and the DORA xBRL-CSV package.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let analyst: TestClient;
let orgId: string;
let token: string;

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FORMULA_NAME = '=HYPERLINK("http://x","y")';
const UNICODE_NAMES = ["深圳市供应链有限公司", "شركة التوريد", "Łódź Sp. z o.o."];

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  analyst = new TestClient(app.baseUrl);
  await analyst.login(DEMO_USERS.find((u) => u.role === "analyst")!.email, DEMO_PASSWORD);
  const procurementUser = await app.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", DEMO_USERS.find((u) => u.role === "procurement")!.email.toLowerCase())
    .executeTakeFirstOrThrow();
  token = (await createApiToken(app.db, { orgId, name: "reports", role: "analyst", createdBy: procurementUser.id, expiresAt: null })).token;
});
afterAll(async () => {
  await app?.close();
});

const bearer = () => ({ headers: { Authorization: `Bearer ${token}` } });

async function readWorkbook(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** Sheet rows as objects keyed by the header row. */
function sheetRows(workbook: ExcelJS.Workbook, name: string) {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return rows;
}

const cellText = (cell: ExcelJS.Cell | undefined) => (cell?.value && typeof cell.value === "object" && "text" in cell.value ? String(cell.value.text) : cell?.value);
const hours = (min: number | null) => (min === null ? null : Math.round((min / 60) * 100) / 100);

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = "";
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("") + "\n";
  }
  await doc.destroy();
  return text;
}

async function runExport(client: TestClient, report: string, fields: Record<string, string> = {}) {
  await client.page("/reports");
  const started = await client.post("/reports", { report, ...fields });
  expect(started.status).toBe(302);
  const taskPath = started.headers.get("Location")!;
  expect(taskPath).toMatch(/^\/tasks\/[0-9a-f-]{36}$/);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { html } = await client.page(taskPath);
    if (html.includes(`${taskPath}/download`)) break;
    expect(html).not.toContain("This task failed");
    if (Date.now() > deadline) throw new Error("export did not finish");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { taskPath, download: await client.request(`${taskPath}/download`) };
}

describe("risk register", () => {
  it("runs as a background export whose numbers equal the stored engine results", async () => {
    const running = await analyst.page("/reports");
    expect(running.response.status).toBe(200);
    const { taskPath, download } = await runExport(analyst, "risk-register");
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe(XLSX);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="risk-register-demo-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const workbook = await readWorkbook(download);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Services", "Suppliers", "Dependencies", "Concentration", "Alternates", "Evidence", "Findings"]);

    const services = await app.db
      .selectFrom("internal_services as s")
      .innerJoin("service_results as r", "r.service_id", "s.id")
      .select(["s.external_id", "s.required_rto_min", "s.required_rpo_min", "r.recovery_min", "r.rto_status", "r.rpo_min", "r.rpo_status"])
      .where("s.org_id", "=", orgId)
      .execute();
    const serviceRows = sheetRows(workbook, "Services");
    expect(serviceRows).toHaveLength(services.length);
    for (const s of services) {
      const row = serviceRows.find((r) => cellText(r["Service ID"]) === s.external_id)!;
      expect(row["Required RTO (h)"]!.value).toBe(hours(s.required_rto_min));
      expect(row["Recovery (h)"]!.value ?? null).toBe(hours(s.recovery_min));
      expect(row["RTO status"]!.value).toBe(s.rto_status);
      expect(row["RPO (h)"]!.value ?? null).toBe(hours(s.rpo_min));
      expect(row["RPO status"]!.value).toBe(s.rpo_status);
    }
    const gap = serviceRows.find((r) => r["RTO status"]!.value === "gap")!;
    expect(gap["Recovery (h)"]!.type).toBe(ExcelJS.ValueType.Number);
    expect(String(gap.Path!.value)).toContain("→");

    const suppliers = await app.db
      .selectFrom("suppliers as s")
      .innerJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select(["s.external_id", "s.declared_rto_min", "r.tier", "r.effective_rto_min", "r.risk_score", "r.open_findings"])
      .where("s.org_id", "=", orgId)
      .where("s.status", "=", "active")
      .execute();
    const supplierRows = sheetRows(workbook, "Suppliers");
    expect(supplierRows).toHaveLength(suppliers.length);
    for (const s of suppliers) {
      const row = supplierRows.find((r) => cellText(r["Supplier ID"]) === s.external_id)!;
      expect(row["Effective RTO (h)"]!.value ?? null).toBe(hours(s.effective_rto_min));
      expect(row["Declared RTO (h)"]!.value ?? null).toBe(hours(s.declared_rto_min));
      expect(row["Risk score"]!.value).toBe(s.risk_score);
      expect(row["Tier"]!.value ?? null).toBe(s.tier);
      expect(row["Open findings"]!.value).toBe(s.open_findings);
    }
    // Links back to the portal, frozen header, filter.
    const first = supplierRows[0]!["Supplier ID"]!;
    expect(first.type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(String((first.value as ExcelJS.CellHyperlinkValue).hyperlink)).toMatch(/\/suppliers\/[0-9a-f-]{36}$/);
    const sheet = workbook.getWorksheet("Suppliers")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    // Dependencies: every edge.
    const edges = await app.db.selectFrom("dependencies").select((eb) => eb.fn.countAll<number>().as("n")).where("org_id", "=", orgId).executeTakeFirstOrThrow();
    expect(sheetRows(workbook, "Dependencies")).toHaveLength(Number(edges.n));
    // Dates are real dates.
    const evidence = sheetRows(workbook, "Evidence").find((r) => r["Valid to"]!.value);
    if (evidence) expect(evidence["Valid to"]!.value).toBeInstanceOf(Date);

    const audit = await app.db.selectFrom("audit_events").select(["action"]).where("org_id", "=", orgId).where("action", "like", "export.%").execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["export.created", "export.downloaded"]));
    // The task page shows the finished state; unknown and vendor access are refused.
    expect((await analyst.page(taskPath)).html).toContain("Download risk-register-demo-");
    expect((await analyst.request("/tasks/00000000-0000-0000-0000-000000000000/download")).status).toBe(404);
    const vendor = new TestClient(app.baseUrl);
    await vendor.login(DEMO_USERS.find((u) => u.role === "vendor")!.email, DEMO_PASSWORD);
    expect((await vendor.request(`${taskPath}/download`)).status).toBe(403);
  });

  it("keeps a formula-like supplier name as literal text and applies the list filters (API, bearer token)", async () => {
    const target = await app.db
      .selectFrom("suppliers")
      .select(["id", "external_id", "country"])
      .where("org_id", "=", orgId)
      .where("external_id", "=", "SUP-002")
      .executeTakeFirstOrThrow();
    await app.db.updateTable("suppliers").set({ name: FORMULA_NAME }).where("id", "=", target.id).execute();
    const response = await fetch(`${app.baseUrl}/api/v1/reports/risk-register.xlsx`, bearer());
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX);
    const workbook = await readWorkbook(response);
    const row = sheetRows(workbook, "Suppliers").find((r) => cellText(r["Supplier ID"]) === "SUP-002")!;
    expect(row.Name!.type).toBe(ExcelJS.ValueType.String);
    expect(row.Name!.value).toBe(FORMULA_NAME);
    expect(row.Name!.numFmt).toBe("@");
    // Only that cell is text-formatted (cells share one style object per column and kind), and links look like links.
    const others = sheetRows(workbook, "Suppliers").filter((r) => cellText(r["Supplier ID"]) !== "SUP-002");
    expect(others.every((r) => r.Name!.numFmt !== "@")).toBe(true);
    expect(row["Supplier ID"]!.font).toMatchObject({ underline: true });

    const filtered = await readWorkbook(await fetch(`${app.baseUrl}/api/v1/reports/risk-register.xlsx?country=${target.country}&relationship=vendor`, bearer()));
    const rows = sheetRows(filtered, "Suppliers");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.Country!.value === target.country)).toBe(true);
    expect(String(sheetRows(filtered, "Summary").length >= 0)).toBeTruthy();
    expect((await fetch(`${app.baseUrl}/api/v1/reports/risk-register.xlsx`)).status).toBe(401);
  });
});

describe("vendor PDF", () => {
  it("renders Chinese, Arabic and Polish names (extracted text contains them)", async () => {
    const targets = await app.db
      .selectFrom("suppliers")
      .select(["id", "external_id"])
      .where("org_id", "=", orgId)
      .where("external_id", "in", ["SUP-003", "SUP-004", "SUP-005"])
      .orderBy("external_id")
      .execute();
    for (const [i, s] of targets.entries()) {
      await app.db.updateTable("suppliers").set({ name: UNICODE_NAMES[i]! }).where("id", "=", s.id).execute();
    }
    await recomputeOrganisation(app.db, orgId);
    for (const [i, s] of targets.entries()) {
      const response = await analyst.request(`/reports/suppliers/${s.id}.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
      const text = await pdfText(await response.arrayBuffer());
      const squash = (t: string) => t.replace(/[\s\u200e\u200f\u202a-\u202e]/g, "");
      expect(squash(text)).toContain(squash(UNICODE_NAMES[i]!));
      expect(text).toContain("Questionnaire answers");
      expect(text).toMatch(/Page 1 of \d+/);
    }
  });

  it("gives a vendor user its own PDF only (page and API)", async () => {
    const vendorUser = DEMO_USERS.find((u) => u.role === "vendor")!;
    const own = await app.db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("external_id", "=", vendorUser.supplierId!).executeTakeFirstOrThrow();
    const other = await app.db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("external_id", "=", "SUP-001").executeTakeFirstOrThrow();
    expect(own.id).not.toBe(other.id);
    const vendor = new TestClient(app.baseUrl);
    await vendor.login(vendorUser.email, DEMO_PASSWORD);
    const mine = await vendor.request(`/reports/suppliers/${own.id}.pdf`);
    expect(mine.status).toBe(200);
    const text = await pdfText(await mine.arrayBuffer());
    expect(text).toContain("Vendor copy");
    expect(text).not.toContain("Risk score");
    expect((await vendor.request(`/reports/suppliers/${other.id}.pdf`)).status).toBe(404);
    expect((await vendor.request(`/api/v1/suppliers/${own.id}/report.pdf`)).status).toBe(200);
    expect((await vendor.request(`/api/v1/suppliers/${other.id}/report.pdf`)).status).toBe(404);
    expect((await vendor.request("/reports")).status).toBe(403);
    const api = await fetch(`${app.baseUrl}/api/v1/suppliers/${other.id}/report.pdf`, bearer());
    expect(api.status).toBe(200);
    expect(api.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new TextDecoder().decode((await api.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });
});

describe("DORA register of information", () => {
  it("exports the xBRL-CSV package: report.json, parameters.csv, one CSV per template, rank = tier", async () => {
    const { download } = await runExport(analyst, "dora-xbrl");
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const byName = (suffix: string) => {
      const key = Object.keys(files).find((k) => k.endsWith(suffix));
      if (!key) throw new Error(`${suffix} missing from ${Object.keys(files).join(", ")}`);
      return strFromU8(files[key]!);
    };
    expect(JSON.parse(byName("reports/report.json")).documentInfo.documentType).toBe("https://xbrl.org/2021/xbrl-csv");
    expect(byName("reports/parameters.csv")).toMatch(/^name,value\r\n/);
    for (const t of ["b_01.01", "b_02.01", "b_05.01", "b_05.02", "b_06.01", "b_07.01"]) expect(byName(`reports/${t}.csv`)).toMatch(/^c0010,/);
    expect(byName("missing-fields.csv")).toContain("LEI of the entity maintaining the register of information");

    const tiers = new Map(
      (
        await app.db
          .selectFrom("suppliers as s")
          .innerJoin("supplier_results as r", "r.supplier_id", "s.id")
          .select(["s.external_id", "s.lei", "r.tier"])
          .where("s.org_id", "=", orgId)
          .execute()
      ).flatMap((s) => [
        [s.external_id, s.tier],
        ...(s.lei ? ([[s.lei, s.tier]] as const) : []),
      ]),
    );
    const lines = byName("reports/b_05.02.csv").trim().split("\r\n").slice(1);
    expect(lines.length).toBeGreaterThan(0);
    const ranks = new Set<number>();
    for (const line of lines) {
      const [, , provider, , rank] = line.split(",");
      expect(Number(rank)).toBe(tiers.get(provider!));
      ranks.add(Number(rank));
    }
    expect(ranks.has(1) && ranks.has(2)).toBe(true);
    const functions = byName("reports/b_06.01.csv");
    const service = await app.db.selectFrom("internal_services").select(["external_id", "required_rto_min"]).where("org_id", "=", orgId).orderBy("external_id").executeTakeFirstOrThrow();
    expect(functions).toContain(`${service.external_id},`);
    expect(functions).toContain(`,${hours(service.required_rto_min)},`);
  });

  it("exports the review workbook with a list of missing fields", async () => {
    const { download } = await runExport(analyst, "dora-xlsx");
    const workbook = await readWorkbook(download);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["B_01.01", "B_02.01", "B_05.01", "B_05.02", "B_06.01", "B_07.01", "Missing fields", "About"]);
    expect(sheetRows(workbook, "Missing fields").length).toBeGreaterThan(5);
  });

  it("exports the one-page portfolio summary PDF", async () => {
    const { download } = await runExport(analyst, "portfolio-summary");
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    const text = await pdfText(await download.arrayBuffer());
    expect(text).toContain("Top 10 risks");
    expect(text).toContain("Page 1 of 1");
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("exports in a process of their own (PostgreSQL)", () => {
  const databaseUrl = () => process.env.DATABASE_URL!;

  it("writes the risk register in another process, reporting progress, and leaves no process behind", async () => {
    const { produceInOwnProcess } = await import("../../app/reports/export-process.server");
    const { withTempDir } = await import("../../app/reports/export.server");
    await withTempDir(async (dir) => {
      const file = path.join(dir, "register.xlsx");
      const reported: number[] = [];
      const produced = await produceInOwnProcess(databaseUrl(), file, {
        orgId,
        report: "risk-register",
        progress: async (percent) => void reported.push(percent),
      });
      expect(produced.contentType).toBe(XLSX);
      expect(produced.sizeBytes).toBe((await stat(file)).size);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      expect(workbook.getWorksheet("Suppliers")!.rowCount).toBeGreaterThan(1);
      expect(reported.length).toBeGreaterThan(0);
    });
    expect(execFileSync("ps", ["-o", "args=", "--ppid", String(process.pid)]).toString()).not.toContain("export-process");
  });

  it("fails with the export's own error when the export cannot be made", async () => {
    const { produceInOwnProcess } = await import("../../app/reports/export-process.server");
    await expect(
      produceInOwnProcess(databaseUrl(), path.join(tmpdir(), `never-${process.pid}.xlsx`), { orgId: "00000000-0000-4000-8000-000000000000", report: "risk-register" }),
    ).rejects.toThrow(/no result|not found|organisation/i);
  });
});
