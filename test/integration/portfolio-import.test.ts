import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/* The portfolio import through the pages: upload → preview job → confirm → apply job → summary. */
let app: Awaited<ReturnType<typeof startTestApp>>;
let admin: TestClient;
const dir = mkdtempSync(path.join(tmpdir(), "portfolio-import-"));

beforeAll(async () => {
  app = await startTestApp();
  admin = new TestClient(app.baseUrl);
  await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function workbook(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Suppliers");
  sheet.addRow(["Supplier ID", "Name", "Country", "Vendor", "Criticality", "Contact email", "Declared RTO (h)", "Declared RPO (h)", "LEI", "DUNS", "Website"]);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(dir, `wb-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(file);
  return readFileSync(file);
}

async function upload(bytes: Buffer, fileName: string) {
  await admin.page("/portfolio");
  const form = new FormData();
  form.set("csrf", admin.csrfToken!);
  form.set("file", new Blob([new Uint8Array(bytes)]), fileName);
  return admin.request("/portfolio", { method: "POST", body: form });
}

async function finished(taskPath: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await admin.page(taskPath);
    if (!page.html.includes('role="status" aria-live="polite"')) return page.html;
    if (Date.now() > deadline) throw new Error("import did not finish");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("portfolio import through the UI", () => {
  it("previews, then applies on confirmation, then recomputes", async () => {
    const bytes = await workbook([
      ["IMP-001", "Nordlicht Datentechnik GmbH", "DE", "Y", "high", "bcm@nordlicht.example", 4, 0.5, "", "", ""],
      ["IMP-002", "深圳市供应链有限公司", "CN", "N", "medium", "", 48, "", "", "", ""],
    ]);
    const response = await upload(bytes, "suppliers.xlsx");
    expect(response.status).toBe(302);
    const previewPath = response.headers.get("location")!;
    const preview = await finished(previewPath);
    expect(preview).toContain("Apply the import");
    expect(await app.db.selectFrom("suppliers").select("id").where("external_id", "=", "IMP-001").executeTakeFirst()).toBeUndefined();
    await admin.page(previewPath);
    const confirmed = await admin.post(previewPath, {});
    expect(confirmed.status).toBe(302);
    const summary = await finished(confirmed.headers.get("location")!);
    expect(summary).toContain("Import applied");
    const rows = await app.db.selectFrom("suppliers").select(["name", "declared_rto_min", "declared_rpo_min"]).where("external_id", "in", ["IMP-001", "IMP-002"]).orderBy("external_id").execute();
    expect(rows).toEqual([
      { name: "Nordlicht Datentechnik GmbH", declared_rto_min: 240, declared_rpo_min: 30 },
      { name: "深圳市供应链有限公司", declared_rto_min: 2880, declared_rpo_min: null },
    ]);
  });

  it("names every problem by sheet, row and column and offers nothing to apply", async () => {
    const bytes = await workbook([
      ["IMP-010", "Fine Ltd", "GB", "Y", "low", "", 2, 1, "", "", ""],
      ["IMP-011", "Broken SA", "XX", "Y", "low", "", -3, 1, "", "", ""],
    ]);
    const response = await upload(bytes, "broken.xlsx");
    const html = await finished(response.headers.get("location")!);
    expect(html).not.toContain("Apply the import");
    expect(html).toMatch(/<td>Suppliers<\/td><td class="num">3<\/td><td>Country<\/td>/);
    expect(html).toMatch(/<td>Suppliers<\/td><td class="num">3<\/td><td>Declared RTO \(h\)<\/td>/);
  });

  it("refuses a renamed binary with a clear message and keeps serving", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(2000, 1)]);
    const response = await upload(elf, "evil.xlsx");
    const html = await finished(response.headers.get("location")!);
    expect(html).toMatch(/not (an? )?(Excel|xlsx|workbook|CSV)|cannot be read|could not be read|not a/i);
    expect((await admin.request("/healthz")).status).toBe(200);
  });

  it("refuses a post without the form token and an analyst's upload", async () => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(await workbook([]))]), "x.xlsx");
    expect((await admin.request("/portfolio", { method: "POST", body: form })).status).toBe(403);
    const analyst = new TestClient(app.baseUrl);
    await analyst.login(DEMO_USERS.find((u) => u.role === "analyst")!.email, DEMO_PASSWORD);
    expect((await analyst.request("/portfolio", { method: "POST", body: form })).status).toBe(403);
  });

  it("exports the portfolio and the blank template as real workbooks", async () => {
    const exported = await admin.request("/portfolio/export.xlsx");
    expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename="portfolio-demo-/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Suppliers")!.rowCount).toBeGreaterThan(70);
    const template = await admin.request("/portfolio/template.xlsx");
    const blank = new ExcelJS.Workbook();
    await blank.xlsx.load(Buffer.from(await template.arrayBuffer()) as unknown as ArrayBuffer);
    expect(blank.getWorksheet("Services")!.getRow(1).getCell(1).value).toBe("Service ID");
  });
});

describe("portfolio import through the API", () => {
  it("previews with dryRun and applies, with a bearer token", async () => {
    const token = await admin.createApiToken("erp", "procurement", 1);
    const bytes = await workbook([["API-001", "Über-Logistik AG", "AT", "Y", "critical", "", 12, 1, "", "", ""]]);
    const send = (query: string) =>
      fetch(`${app.baseUrl}/api/v1/import?${query}`, { method: "POST", body: new Uint8Array(bytes), headers: { Authorization: `Bearer ${token}` } });
    const dry = await (await send("dryRun=true&fileName=p.xlsx")).json();
    expect(dry).toMatchObject({ dryRun: true, problemCount: 0, counts: { suppliers: { create: 1 } } });
    expect(await app.db.selectFrom("suppliers").select("id").where("external_id", "=", "API-001").executeTakeFirst()).toBeUndefined();
    const applied = await (await send("fileName=p.xlsx")).json();
    expect(applied).toMatchObject({ applied: true, counts: { suppliers: { create: 1 } } });
    const again = await (await send("fileName=p.xlsx")).json();
    expect(again).toMatchObject({ applied: true, counts: { suppliers: { create: 0, update: 0, unchanged: 1 } } });
  });
});
