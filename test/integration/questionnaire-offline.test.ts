import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { loadQuestions } from "../../app/data/assessments.server";
import type { Question } from "../../app/domain/questionnaire/answers";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * Offline questionnaires over HTTP (download → fill with exceljs → upload, per-cell errors, nothing
 * invalid saved), template import from a sheet, and the questionnaire API.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let admin: TestClient;
let vendor: TestClient;
let vendorSupplierId: string;
let assessmentId: string;
let otherAssessmentId: string;
let questions: Question[];
const vendorUser = DEMO_USERS.filter((u) => u.role === "vendor")[0]!;

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  admin = new TestClient(app.baseUrl);
  await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
  vendor = new TestClient(app.baseUrl);
  await vendor.login(vendorUser.email, DEMO_PASSWORD);
  vendorSupplierId = (
    await app.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.supplier_id")
      .where("u.email", "=", vendorUser.email)
      .executeTakeFirstOrThrow()
  ).supplier_id!;
  const open = await app.db
    .selectFrom("assessments")
    .select(["id", "template_version_id"])
    .where("supplier_id", "=", vendorSupplierId)
    .where("status", "in", ["sent", "in_progress", "changes_requested"])
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  assessmentId = open.id;
  questions = await loadQuestions(app.db, orgId, open.template_version_id);
  otherAssessmentId = (await app.db.selectFrom("assessments").select("id").where("org_id", "=", orgId).where("supplier_id", "<>", vendorSupplierId).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await app?.close();
});

async function download(client: TestClient, id = assessmentId) {
  const response = await client.request(`/assessments/${id}/offline.xlsx`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function answerCell(workbook: ExcelJS.Workbook, key: string) {
  const sheet = workbook.getWorksheet("Answers")!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const keyColumn = header.indexOf("Key");
  const answerColumn = header.indexOf("Answer");
  for (let r = 2; r <= sheet.rowCount; r++) {
    if (sheet.getRow(r).getCell(keyColumn).value === key) return { cell: sheet.getRow(r).getCell(answerColumn), row: r, column: sheet.getColumn(answerColumn).letter };
  }
  throw new Error(`no row for ${key}`);
}

async function upload(client: TestClient, path: string, bytes: ArrayBuffer | Uint8Array, fields: Record<string, string> = {}) {
  await client.page(path);
  const form = new FormData();
  form.set("csrf", client.csrfToken!);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), "answers.xlsx");
  const response = await client.request(path, { method: "POST", body: form, headers: { Origin: app.baseUrl } });
  return { status: response.status, html: await response.text() };
}

const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The per-cell error report of an upload page. */
function cellErrors(html: string) {
  return [...html.matchAll(/<tr class="(?:cell|row)-error" data-sheet="([^"]*)" data-row="(\d+)" data-column="([^"]*)" data-message="([^"]*)"/g)].map((m) => ({
    sheet: decode(m[1]!),
    row: Number(m[2]),
    column: decode(m[3]!),
    message: decode(m[4]!),
  }));
}

const storedAnswers = async () =>
  app.db.selectFrom("answers").select(["question_id", "value", "revision"]).where("assessment_id", "=", assessmentId).orderBy("question_id").execute();

const q = (pred: (q: Question) => boolean) => questions.find(pred)!;

describe("offline questionnaire", () => {
  it("downloads a workbook with the Answers sheet, a protected Key column and table sheets", async () => {
    const workbook = await download(vendor);
    const sheet = workbook.getWorksheet("Answers")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(["Section", "Key", "Question", "Type", "Allowed values / unit", "Required", "Answer"]);
    expect(sheet.rowCount).toBe(questions.length + 1);
    expect((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(sheet.getRow(2).getCell(2).protection?.locked).not.toBe(false);
    expect(answerCell(workbook, q((x) => x.type === "text").key).cell.protection?.locked).toBe(false);
    for (const table of questions.filter((x) => x.type === "table")) expect(workbook.getWorksheet(table.key), table.key).toBeDefined();
  });

  it("reports bad cells by sheet, row and column, and saves nothing from that file", async () => {
    const before = await storedAnswers();
    const workbook = await download(vendor);
    const rto = answerCell(workbook, q((x) => x.mapsTo === "declared_rto").key);
    rto.cell.value = "-4";
    const choice = answerCell(workbook, q((x) => x.type === "single_choice" && !x.config.condition).key);
    choice.cell.value = "sometimes";
    answerCell(workbook, q((x) => x.type === "text" && !x.config.condition).key).cell.value = "A valid answer that must not be saved alone";
    const response = await upload(vendor, `/assessments/${assessmentId}/offline`, await workbook.xlsx.writeBuffer());
    expect(response.status).toBe(400);
    const errors = cellErrors(response.html);
    expect(response.html).toContain("Nothing was saved");
    expect(errors).toContainEqual(expect.objectContaining({ sheet: "Answers", row: rto.row, column: rto.column, message: "Enter a duration of 0 or more" }));
    expect(errors).toContainEqual(expect.objectContaining({ sheet: "Answers", row: choice.row, column: choice.column, message: "Choose one of the options" }));
    expect(await storedAnswers()).toEqual(before);
  });

  it("refuses a file that is not a workbook", async () => {
    const response = await upload(vendor, `/assessments/${assessmentId}/offline`, new TextEncoder().encode("%PDF-1.4 not really"));
    expect(response.status).toBe(400);
    expect(response.html).toMatch(/This file is a PDF document/);
  });

  it("refuses an upload over 10 MB", async () => {
    const response = await upload(vendor, `/assessments/${assessmentId}/offline`, new Uint8Array(11 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(response.html).toContain("larger than 10 MB");
  });

  it("saves a valid upload (matched by key, formula-like text kept as text) and detects conflicts like the web form", async () => {
    const workbook = await download(vendor);
    const rtoQuestion = q((x) => x.mapsTo === "declared_rto");
    const text = q((x) => x.type === "text" && !x.config.condition);
    const choice = q((x) => x.type === "single_choice" && !x.config.condition);
    const subs = q((x) => x.mapsTo === "sub_suppliers");
    answerCell(workbook, rtoQuestion.key).cell.value = 6;
    answerCell(workbook, text.key).cell.value = "=SUM(1,2)";
    answerCell(workbook, choice.key).cell.value = choice.config.options![1]!.value;
    const table = workbook.getWorksheet(subs.key)!;
    const keys = (table.getRow(2).values as unknown[]).map(String);
    let r = 3;
    while (table.getRow(r).getCell(keys.indexOf("name")).value) r++;
    const row = table.getRow(r);
    row.getCell(keys.indexOf("name")).value = "Offline Sub GmbH";
    row.getCell(keys.indexOf("country")).value = "de";
    row.getCell(keys.indexOf("single_source")).value = "Yes";
    row.getCell(keys.indexOf("buffer")).value = 24;
    // Row order must not matter: answers are matched by the Key column.
    const answers = workbook.getWorksheet("Answers")!;
    answers.spliceRows(2, 0, []);
    const bytes = await workbook.xlsx.writeBuffer();
    const response = await upload(vendor, `/assessments/${assessmentId}/offline`, bytes);
    expect(response.status, JSON.stringify(cellErrors(response.html))).toBe(200);
    expect(response.html).toMatch(/Uploaded: \d+ answers saved/);
    const value = async (question: Question) =>
      (await app.db.selectFrom("answers").select("value").where("assessment_id", "=", assessmentId).where("question_id", "=", question.id).executeTakeFirstOrThrow()).value;
    expect(await value(rtoQuestion)).toBe(360);
    expect(await value(text)).toBe("=SUM(1,2)");
    expect(await value(choice)).toBe(choice.config.options![1]!.value);
    expect(await value(subs)).toContainEqual(expect.objectContaining({ name: "Offline Sub GmbH", country: "DE", single_source: true, buffer: 1440 }));

    // Written back as a plain string cell, never a formula.
    const again = await download(vendor);
    const cell = answerCell(again, text.key).cell;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("=SUM(1,2)");

    // The old file (older revisions) now conflicts where someone else changed the answer meanwhile.
    await app.db.updateTable("answers").set({ value: JSON.stringify("Changed on the web"), revision: 99 }).where("assessment_id", "=", assessmentId).where("question_id", "=", text.id).execute();
    answerCell(again, text.key).cell.value = "Offline edit";
    const conflict = await upload(vendor, `/assessments/${assessmentId}/offline`, await again.xlsx.writeBuffer());
    expect(conflict.status).toBe(409);
    expect(conflict.html).toContain(`data-conflict="${text.key}"`);
    expect(conflict.html).toContain("Changed on the web");
    expect(await value(text)).toBe("Changed on the web");
  });

  it("keeps a vendor to its own questionnaire, and only while it is editable", async () => {
    expect((await vendor.request(`/assessments/${otherAssessmentId}/offline.xlsx`)).status).toBe(404);
    expect((await vendor.request(`/assessments/${otherAssessmentId}/offline`)).status).toBe(404);
    const workbook = await download(vendor);
    const bytes = await workbook.xlsx.writeBuffer();
    await vendor.page(`/assessments/${assessmentId}/offline`);
    const form = new FormData();
    form.set("csrf", vendor.csrfToken!);
    form.set("file", new Blob([bytes]), "answers.xlsx");
    const foreign = await vendor.request(`/assessments/${otherAssessmentId}/offline`, { method: "POST", body: form, headers: { Origin: app.baseUrl } });
    expect(foreign.status).toBe(404);

    await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", assessmentId).execute();
    try {
      const late = await upload(vendor, `/assessments/${assessmentId}/offline`, bytes);
      expect(late.status).toBe(409);
    } finally {
      await app.db.updateTable("assessments").set({ status: "in_progress" }).where("id", "=", assessmentId).execute();
    }
  });
});

async function templateWorkbook(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Questions");
  sheet.addRow(["section", "key", "text", "type", "options", "required", "weight", "help", "condition", "maps_to"]);
  for (const row of rows) sheet.addRow(row);
  return workbook.xlsx.writeBuffer();
}

describe("template import", () => {
  it("installs a sheet as a new published template whose questions match it", async () => {
    const bytes = await templateWorkbook([
      ["Continuity", "has_plan", "Do you have a continuity plan?", "yes_no", "", "yes", 3, "", "", ""],
      ["Continuity", "plan_tested", "How was it tested?", "single_choice", "full = Full test = 1\ntabletop = Tabletop = 0.5", "yes", 2, "", "has_plan = yes", ""],
      ["Recovery", "rto_hours", "Recovery time objective", "duration", "", "yes", 2, "In hours", "", "declared_rto"],
      ["Recovery", "subs", "Your sub-suppliers", "table", "name = Name = text\ncountry = Country = country", "no", 0, "", "", "sub_suppliers"],
    ]);
    const response = await upload(admin, "/questionnaires/templates", bytes, { name: "Offline import test", description: "From a sheet" });
    expect(response.status, JSON.stringify(cellErrors(response.html))).toBe(200);
    const version = await app.db
      .selectFrom("template_versions as v")
      .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
      .select(["v.id", "v.status", "v.version"])
      .where("t.org_id", "=", orgId)
      .where("t.name", "=", "Offline import test")
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({ status: "published", version: 1 });
    const stored = await loadQuestions(app.db, orgId, version.id);
    expect(stored.map((x) => [x.sectionTitle, x.key, x.type, x.required, x.weight, x.mapsTo])).toEqual([
      ["Continuity", "has_plan", "yes_no", true, 3, null],
      ["Continuity", "plan_tested", "single_choice", true, 2, null],
      ["Recovery", "rto_hours", "duration", true, 2, "declared_rto"],
      ["Recovery", "subs", "table", false, 0, "sub_suppliers"],
    ]);
    expect(stored[1]!.config.condition).toEqual({ questionKey: "has_plan", equals: true });
    expect(stored[1]!.config.options?.map((o) => o.value)).toEqual(["full", "tabletop"]);
    expect((await admin.page("/questionnaires/templates")).html).toContain("Offline import test");
  });

  it("rejects an unknown type and a condition on a later question, naming the rows, and installs nothing", async () => {
    const before = await app.db.selectFrom("questionnaire_templates").select("id").where("org_id", "=", orgId).execute();
    const bytes = await templateWorkbook([
      ["S", "a", "First?", "slider", "", "yes", 1, "", "", ""],
      ["S", "b", "Second?", "text", "", "yes", 1, "", "c = yes", ""],
      ["S", "c", "Third?", "yes_no", "", "yes", 1, "", "", ""],
    ]);
    const response = await upload(admin, "/questionnaires/templates", bytes, { name: "Broken template" });
    expect(response.status).toBe(400);
    const errors = cellErrors(response.html);
    expect(errors).toContainEqual(expect.objectContaining({ sheet: "Questions", row: 2, column: "type" }));
    expect(errors).toContainEqual(expect.objectContaining({ sheet: "Questions", row: 3, column: "condition", message: expect.stringMatching(/earlier question/) }));
    expect(await app.db.selectFrom("questionnaire_templates").select("id").where("org_id", "=", orgId).execute()).toHaveLength(before.length);
  });

  it("is for procurement only", async () => {
    expect((await vendor.request("/questionnaires/templates")).status).toBe(403);
  });
});

describe("questionnaire API", () => {
  it("lists and reads questionnaires with a bearer token, with filters", async () => {
    const token = await admin.createApiToken("questionnaires", "analyst", 1);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const all = (await (await fetch(`${app.baseUrl}/api/v1/assessments`, auth)).json()) as { total: number; items: { id: string; status: string; supplier: { id: string } }[] };
    const count = await app.db.selectFrom("assessments").select((eb) => eb.fn.countAll<string>().as("n")).where("org_id", "=", orgId).executeTakeFirstOrThrow();
    expect(all.total).toBe(Number(count.n));
    const own = (await (await fetch(`${app.baseUrl}/api/v1/assessments?supplierId=${vendorSupplierId}&status=in_progress`, auth)).json()) as typeof all;
    expect(own.items.map((i) => i.id)).toContain(assessmentId);
    expect(own.items.every((i) => i.supplier.id === vendorSupplierId && i.status === "in_progress")).toBe(true);
    expect((await fetch(`${app.baseUrl}/api/v1/assessments?status=bogus`, auth)).status).toBe(400);
    const one = await fetch(`${app.baseUrl}/api/v1/assessments/${assessmentId}`, auth);
    expect(one.status).toBe(200);
    const detail = (await one.json()) as { questions: { key: string; answer: unknown }[] };
    expect(detail.questions).toHaveLength(questions.length);
    expect(detail.questions.find((x) => x.key === q((y) => y.mapsTo === "declared_rto").key)!.answer).toBe(360);
    expect((await fetch(`${app.baseUrl}/api/v1/assessments/00000000-0000-0000-0000-000000000000`, auth)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/v1/assessments`)).status).toBe(401);
  });

  it("shows a vendor session only its own questionnaires", async () => {
    const list = (await (await vendor.request("/api/v1/assessments")).json()) as { items: { supplier: { id: string } }[] };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.supplier.id === vendorSupplierId)).toBe(true);
    const foreignFilter = (await (await vendor.request(`/api/v1/assessments?supplierId=${(await app.db.selectFrom("assessments").select("supplier_id").where("id", "=", otherAssessmentId).executeTakeFirstOrThrow()).supplier_id}`)).json()) as { items: unknown[] };
    expect(foreignFilter.items).toEqual([]);
    expect((await vendor.request(`/api/v1/assessments/${assessmentId}`)).status).toBe(200);
    expect((await vendor.request(`/api/v1/assessments/${otherAssessmentId}`)).status).toBe(404);
  });
});
