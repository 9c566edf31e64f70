import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { addDays, addMonths, dayOf } from "../../app/domain/questionnaire/reassessment";
import { queueDailyReassessments, sendDueReassessments } from "../../app/questionnaire-reassessment.server";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * Reassessment schedules over HTTP: procurement sets a policy per criticality, the page counts the
 * vendors due, "Send due reassessments now" sends exactly those (latest published version, due date
 * from the policy, last approved answers carried forward), and nothing is ever sent twice — not by a
 * second click, two runs at once, or the daily job started from two instances.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let templateId: string;
let v2Id: string;
let otherOrgTemplateId: string;
let admin: TestClient;
const today = dayOf(new Date());
const ids: Record<string, string> = {};

async function client(role: "procurement" | "analyst" | "vendor") {
  const c = new TestClient(app.baseUrl);
  const response = await c.login(DEMO_USERS.find((u) => u.role === role)!.email, DEMO_PASSWORD);
  expect(response.status).toBe(302);
  return c;
}

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** The schedule form with every field, blank/off unless given. */
function policyForm(overrides: Record<string, string>) {
  const fields: Record<string, string> = { intent: "save" };
  for (const c of ["critical", "high", "medium", "low"]) {
    fields[`${c}.intervalMonths`] = "";
    fields[`${c}.templateId`] = "";
    fields[`${c}.responseDays`] = "30";
  }
  return { ...fields, ...overrides };
}

function count(html: string, criticality: string, which: "due-now" | "due-soon") {
  const row = html.match(new RegExp(`<tr data-criticality="${criticality}">([\\s\\S]*?)</tr>`))![1]!;
  return Number(row.match(new RegExp(`data-count="${which}"[^>]*>(\\d+)<`))![1]);
}

async function openAssessmentsBySupplier() {
  const rows = await app.db
    .selectFrom("assessments")
    .select(["supplier_id", sql<number>`count(*)`.as("n")])
    .where("org_id", "=", orgId)
    .where("status", "in", ["draft", "sent", "in_progress", "submitted", "changes_requested"])
    .groupBy("supplier_id")
    .execute();
  return new Map(rows.map((r) => [r.supplier_id, Number(r.n)]));
}

beforeAll(async () => {
  app = await startTestApp();
  const { db } = app;
  orgId = (await db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  for (const row of await db.selectFrom("suppliers").select(["id", "external_id"]).where("org_id", "=", orgId).execute()) ids[row.external_id] = row.id;

  // A second published version of the demo template (same question keys): reassessments must send it.
  const v1 = await db
    .selectFrom("template_versions")
    .select(["id", "template_id"])
    .where("org_id", "=", orgId)
    .where("version", "=", 1)
    .executeTakeFirstOrThrow();
  templateId = v1.template_id;
  v2Id = (
    await db
      .insertInto("template_versions")
      .values({ org_id: orgId, template_id: templateId, version: 2, status: "published", published_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await sql`
    insert into questions (org_id, template_version_id, section_key, section_title, key, position, text, help, type, config, required, weight, maps_to)
    select org_id, ${v2Id}, section_key, section_title, key, position, text, help, type, config, required, weight, maps_to
    from questions where template_version_id = ${v1.id}`.execute(db);

  // History: SUP-001 approved 7 months ago (due), SUP-003 due in 10 days, SUP-025 approved today.
  const approvedOn = async (externalId: string, day: string) =>
    db.updateTable("assessments").set({ reviewed_at: noon(day) }).where("org_id", "=", orgId).where("supplier_id", "=", ids[externalId]!).where("status", "=", "approved").execute();
  await approvedOn("SUP-001", addMonths(today, -7));
  await approvedOn("SUP-003", addDays(addMonths(today, -6), 10));
  // An archived critical vendor and a critical sub-supplier are never sent anything.
  const neverAssessedCritical = await db
    .selectFrom("suppliers as s")
    .select("s.id")
    .where("s.org_id", "=", orgId)
    .where("s.is_vendor", "=", true)
    .where("s.criticality", "=", "critical")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("assessments as a").select("a.id").whereRef("a.supplier_id", "=", "s.id"))))
    .orderBy("s.external_id")
    .execute();
  ids.archived = neverAssessedCritical[0]!.id;
  await db.updateTable("suppliers").set({ status: "archived" }).where("id", "=", ids.archived).execute();
  ids.subSupplier = (
    await db
      .insertInto("suppliers")
      .values({ org_id: orgId, external_id: "T2-CRIT", name: "Critical Tier Two Parts", normalized_name: "critical tier two parts", criticality: "critical", is_vendor: false })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

  // Another tenant's published template, whose id must not be accepted here.
  const otherOrg = await db.insertInto("organisations").values({ slug: "other-org", name: "Other Org" }).returning("id").executeTakeFirstOrThrow();
  otherOrgTemplateId = (
    await db.insertInto("questionnaire_templates").values({ org_id: otherOrg.id, key: "theirs", name: "Their questionnaire" }).returning("id").executeTakeFirstOrThrow()
  ).id;
  await db.insertInto("template_versions").values({ org_id: otherOrg.id, template_id: otherOrgTemplateId, version: 1, status: "published", published_at: new Date() }).execute();

  admin = await client("procurement");
});

afterAll(async () => {
  await app?.close();
});

/** Critical active vendors never sent a questionnaire, plus SUP-001 (approved 7 months ago). */
async function expectedCriticalDue() {
  const never = await app.db
    .selectFrom("suppliers as s")
    .select("s.id")
    .where("s.org_id", "=", orgId)
    .where("s.is_vendor", "=", true)
    .where("s.status", "=", "active")
    .where("s.criticality", "=", "critical")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("assessments as a").select("a.id").whereRef("a.supplier_id", "=", "s.id"))))
    .execute();
  return [...never.map((r) => r.id), ids["SUP-001"]!].sort();
}

describe("reassessment schedule", () => {
  it("shows suggested intervals, switched off, before anything is saved", async () => {
    const { response, html } = await admin.page("/questionnaires/schedule");
    expect(response.status).toBe(200);
    expect(html).toContain("Reassessment schedule");
    expect(html).toMatch(/name="critical.intervalMonths"[^>]*value="6"/);
    expect(html).toMatch(/name="high.intervalMonths"[^>]*value="12"/);
    expect(html).toMatch(/name="medium.intervalMonths"[^>]*value="24"/);
    expect(html).toMatch(/name="low.intervalMonths"(?![^>]*value="\d)/);
    // Off everywhere: nothing is due yet.
    for (const c of ["critical", "high", "medium", "low"]) expect(count(html, c, "due-now")).toBe(0);
    const index = await admin.page("/questionnaires");
    expect(index.html).toContain('href="/questionnaires/schedule"');
  });

  it("refuses invalid settings with the error next to the field, and saves nothing", async () => {
    await admin.page("/questionnaires/schedule");
    const cases: [Record<string, string>, string, string][] = [
      [{ "critical.enabled": "on", "critical.intervalMonths": "-3", "critical.templateId": templateId }, "critical.intervalMonths", "At least 1 month"],
      [{ "high.enabled": "on", "high.intervalMonths": "12", "high.templateId": "7d3f1c1e-0000-4000-8000-000000000000" }, "high.templateId", "Choose one of your published questionnaires"],
      [{ "medium.enabled": "on", "medium.intervalMonths": "24", "medium.templateId": otherOrgTemplateId }, "medium.templateId", "Choose one of your published questionnaires"],
      [{ "low.enabled": "on", "low.templateId": templateId }, "low.intervalMonths", "Set an interval to switch the schedule on"],
      [{ "critical.responseDays": "0" }, "critical.responseDays", "At least 1 day"],
    ];
    for (const [fields, field, message] of cases) {
      const response = await admin.post("/questionnaires/schedule", policyForm(fields));
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(html).toContain(`<p class="field-error" id="${field}-error">${message}</p>`);
      expect(html).toMatch(new RegExp(`name="${field.replace(".", "\\.")}"[^>]*aria-describedby="${field.replace(".", "\\.")}-error"|aria-describedby="${field.replace(".", "\\.")}-error"[^>]*name="${field.replace(".", "\\.")}"`));
      expect(html).toContain('role="alert"');
    }
    expect(await app.db.selectFrom("reassessment_policies").select("id").where("org_id", "=", orgId).execute()).toEqual([]);
  });

  it("refuses changes from analysts, vendors and forged forms; analysts may look", async () => {
    const analyst = await client("analyst");
    const view = await analyst.page("/questionnaires/schedule");
    expect(view.response.status).toBe(200);
    expect(view.html).toContain("Only procurement can change the schedule");
    expect(view.html).not.toContain("Save schedule");
    expect(view.html).not.toContain("Send due reassessments now");
    const valid = policyForm({ "critical.enabled": "on", "critical.intervalMonths": "6", "critical.templateId": templateId });
    expect((await analyst.post("/questionnaires/schedule", valid)).status).toBe(403);
    await analyst.page("/questionnaires");
    expect((await analyst.post("/questionnaires/schedule", { intent: "send-due" })).status).toBe(403);

    const vendor = await client("vendor");
    expect((await vendor.request("/questionnaires/schedule")).status).toBe(403);
    await vendor.page("/");
    expect((await vendor.post("/questionnaires/schedule", valid)).status).toBe(403);

    await admin.page("/questionnaires/schedule");
    expect((await admin.post("/questionnaires/schedule", valid, { withCsrf: false })).status).toBe(403);
    expect((await admin.post("/questionnaires/schedule", { intent: "send-due" }, { withCsrf: false })).status).toBe(403);
    expect(await app.db.selectFrom("reassessment_policies").select("id").where("org_id", "=", orgId).execute()).toEqual([]);
    expect(await app.db.selectFrom("audit_events").select("id").where("action", "=", "assessment.reassessment_sent").execute()).toEqual([]);
  });

  it("saves the policy (audited) and counts the vendors due now and within 30 days", async () => {
    await admin.page("/questionnaires/schedule");
    const response = await admin.post(
      "/questionnaires/schedule",
      policyForm({
        "critical.enabled": "on",
        "critical.intervalMonths": "6",
        "critical.templateId": templateId,
        "critical.responseDays": "21",
        "high.intervalMonths": "12",
        "high.templateId": templateId,
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Reassessment schedule saved.");
    const stored = await app.db
      .selectFrom("reassessment_policies")
      .select(["criticality", "enabled", "interval_months", "template_id", "response_days"])
      .where("org_id", "=", orgId)
      .orderBy("criticality")
      .execute();
    expect(stored).toEqual([
      { criticality: "critical", enabled: true, interval_months: 6, template_id: templateId, response_days: 21 },
      { criticality: "high", enabled: false, interval_months: 12, template_id: templateId, response_days: 30 },
      { criticality: "low", enabled: false, interval_months: null, template_id: null, response_days: 30 },
      { criticality: "medium", enabled: false, interval_months: null, template_id: null, response_days: 30 },
    ]);
    const audit = await app.db.selectFrom("audit_events").select("summary").where("action", "=", "reassessment_policy.updated").executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ after: { critical: { enabled: true, intervalMonths: 6, responseDays: 21 } } });

    const { html } = await admin.page("/questionnaires/schedule");
    const expected = await expectedCriticalDue();
    expect(expected.length).toBeGreaterThan(3);
    expect(count(html, "critical", "due-now")).toBe(expected.length);
    expect(count(html, "critical", "due-soon")).toBe(1); // SUP-003, due in 10 days
    expect(count(html, "high", "due-now")).toBe(0); // switched off
    expect(html).toContain("Every 6 months");
    expect(html).toContain(`${expected.length} vendors are due now.`);
  });

  it("sends exactly the due vendors the latest version, with the policy's due date and carried-forward answers", async () => {
    const expected = await expectedCriticalDue();
    const openBefore = await openAssessmentsBySupplier();
    await admin.page("/questionnaires/schedule");
    const response = await admin.post("/questionnaires/schedule", { intent: "send-due" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`Sent ${expected.length} reassessments (critical ${expected.length}).`);

    const created = await app.db
      .selectFrom("assessments")
      .select(["id", "supplier_id", "template_version_id", "status", sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as("due")])
      .where("org_id", "=", orgId)
      .where("template_version_id", "=", v2Id)
      .execute();
    expect(created.map((a) => a.supplier_id).sort()).toEqual(expected);
    for (const a of created) expect(a).toMatchObject({ status: "sent", due: addDays(today, 21) });
    // Vendors with an open questionnaire, the archived one and the sub-supplier got nothing new.
    const openAfter = await openAssessmentsBySupplier();
    for (const [supplierId, n] of openBefore) expect(openAfter.get(supplierId)).toBe(n);
    expect(openAfter.has(ids.archived!)).toBe(false);
    expect(openAfter.has(ids.subSupplier!)).toBe(false);

    // SUP-001's last approved answers are carried forward (same question keys in v2).
    const approved = await app.db
      .selectFrom("assessments as a")
      .innerJoin("answers as ans", "ans.assessment_id", "a.id")
      .select(sql<number>`count(*)`.as("n"))
      .where("a.supplier_id", "=", ids["SUP-001"]!)
      .where("a.status", "=", "approved")
      .executeTakeFirstOrThrow();
    const newOne = created.find((a) => a.supplier_id === ids["SUP-001"])!;
    const carried = await app.db.selectFrom("answers").select(sql<number>`count(*)`.as("n")).where("assessment_id", "=", newOne.id).executeTakeFirstOrThrow();
    expect(Number(approved.n)).toBeGreaterThan(0);
    expect(Number(carried.n)).toBe(Number(approved.n));
    const neverBefore = created.find((a) => a.supplier_id !== ids["SUP-001"])!;
    const blank = await app.db.selectFrom("answers").select(sql<number>`count(*)`.as("n")).where("assessment_id", "=", neverBefore.id).executeTakeFirstOrThrow();
    expect(Number(blank.n)).toBe(0);

    // Audited one by one, and each vendor is notified.
    const audits = await app.db.selectFrom("audit_events").select(["entity_id", "summary"]).where("action", "=", "assessment.reassessment_sent").execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual(created.map((a) => a.id).sort());
    expect(audits.find((a) => a.entity_id === newOne.id)!.summary).toMatchObject({ trigger: "manual", basis: "approved", version: 2, criticality: "critical" });
    const notices = await app.db.selectFrom("notifications").select(["supplier_id", "link"]).where("kind", "=", "questionnaire_sent").execute();
    expect(notices.map((n) => n.supplier_id).sort()).toEqual(expected);

    const page = await admin.page("/questionnaires/schedule");
    expect(count(page.html, "critical", "due-now")).toBe(0);
  });

  it("sends nothing twice: a second click, two runs at once, and the daily job from two instances", async () => {
    const total = async () => (await app.db.selectFrom("assessments").select("id").where("org_id", "=", orgId).execute()).length;
    const before = await total();
    await admin.page("/questionnaires/schedule");
    const again = await admin.post("/questionnaires/schedule", { intent: "send-due" });
    expect(await again.text()).toContain("Nothing was due, so nothing was sent.");
    expect(await total()).toBe(before);

    // Switch high on: its never-assessed vendors fall due. Two runs at once send each one once.
    await admin.page("/questionnaires/schedule");
    const saved = await admin.post(
      "/questionnaires/schedule",
      policyForm({ "critical.enabled": "on", "critical.intervalMonths": "6", "critical.templateId": templateId, "critical.responseDays": "21", "high.enabled": "on", "high.intervalMonths": "12", "high.templateId": templateId }),
    );
    expect(saved.status).toBe(200);
    const highDue = (await admin.page("/questionnaires/schedule")).html;
    const dueHigh = count(highDue, "high", "due-now");
    expect(dueHigh).toBeGreaterThan(0);
    const runs = await Promise.all([
      sendDueReassessments(app.db, orgId, { actorUserId: null, trigger: "schedule" }),
      sendDueReassessments(app.db, orgId, { actorUserId: null, trigger: "schedule" }),
    ]);
    expect(runs.map((r) => r.sent).sort()).toEqual([0, dueHigh]);
    expect(await total()).toBe(before + dueHigh);
    for (const [supplierId, n] of await openAssessmentsBySupplier()) expect(n, supplierId).toBe(1);

    // The daily job: two instances queue it at once, only one task runs, and it finds nothing due.
    const queued = (await Promise.all([queueDailyReassessments(app.db), queueDailyReassessments(app.db)])).flat();
    expect(queued).toHaveLength(1);
    expect(await queueDailyReassessments(app.db)).toEqual([]);
    let task = await app.db.selectFrom("background_tasks").selectAll().where("id", "=", queued[0]!).executeTakeFirstOrThrow();
    for (let waited = 0; (task.status === "queued" || task.status === "running") && waited < 30_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      task = await app.db.selectFrom("background_tasks").selectAll().where("id", "=", queued[0]!).executeTakeFirstOrThrow();
    }
    expect(task).toMatchObject({ kind: "reassessment", status: "succeeded", org_id: orgId });
    expect(task.result).toMatchObject({ sent: 0 });
    expect(await total()).toBe(before + dueHigh);
    const { html } = await admin.page("/questionnaires/schedule");
    expect(html).toContain(`Last automatic run: ${today}, 0 sent`);
  });

  it("the daily job sends what falls due later, with the same audit", async () => {
    // A critical vendor's questionnaire is approved; 6 months later (asOf) it is due again.
    const target = ids["SUP-001"]!;
    await app.db
      .updateTable("assessments")
      .set({ status: "approved", reviewed_at: noon(today) })
      .where("org_id", "=", orgId)
      .where("supplier_id", "=", target)
      .where("status", "=", "sent")
      .execute();
    const openFor = async () => (await openAssessmentsBySupplier()).get(target) ?? 0;
    await sendDueReassessments(app.db, orgId, { asOf: noon(addDays(addMonths(today, 6), -1)), actorUserId: null, trigger: "schedule" });
    expect(await openFor()).toBe(0);
    await sendDueReassessments(app.db, orgId, { asOf: noon(addMonths(today, 6)), actorUserId: null, trigger: "schedule" });
    expect(await openFor()).toBe(1);
    const latest = await app.db
      .selectFrom("assessments")
      .select([sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as("due"), "status"])
      .where("supplier_id", "=", target)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({ status: "sent", due: addDays(addMonths(today, 6), 21) });
  });
});
