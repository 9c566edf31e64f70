import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { loadQuestions } from "../../app/data/assessments.server";
import { visibleQuestions, type AnswerValue, type Question } from "../../app/domain/questionnaire/answers";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * The vendor's questionnaire journey over HTTP: send → draft with conditions → conflicts between
 * two tabs → submit (blocked until complete) → immutable snapshot → review with comments →
 * resubmit → approve → the supplier's declared figures and sub-suppliers change.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let admin: TestClient;
let vendor: TestClient;
let vendorSupplierId: string;
let assessmentId: string;
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
});
afterAll(async () => {
  await app?.close();
});

/** Form fields answering every visible question validly (used to complete a questionnaire). */
function completeAnswers(all: Question[], overrides: Record<string, AnswerValue> = {}) {
  const values = new Map<string, AnswerValue>();
  // Resolve conditions in order: answer "yes"/first option so follow-ups appear, then answer them too.
  for (const q of all) {
    if (q.key in overrides) values.set(q.key, overrides[q.key]!);
    else if (q.type === "yes_no") values.set(q.key, true);
    else if (q.type === "single_choice") values.set(q.key, q.config.options![0]!.value);
  }
  const fields: [string, string][] = [];
  for (const q of visibleQuestions(all, values)) {
    fields.push(["present", q.key]);
    const name = `q.${q.key}`;
    const v = overrides[q.key];
    switch (q.type) {
      case "yes_no":
        fields.push([name, values.get(q.key) ? "yes" : "no"]);
        break;
      case "single_choice":
        fields.push([name, String(values.get(q.key))]);
        break;
      case "multi_choice":
        fields.push([name, q.config.options![0]!.value]);
        break;
      case "number":
        fields.push([name, "3"]);
        break;
      case "date":
        fields.push([name, "2026-09-01"]);
        break;
      case "duration":
        fields.push([name, v === undefined ? "4" : String(v)], [`${name}.unit`, "h"]);
        break;
      case "table":
        if (q.mapsTo === "sub_suppliers") {
          fields.push(
            [`${name}.0.name`, "FOXCONN TECHNOLOGY CO LTD"],
            [`${name}.0.country`, "tw"],
            [`${name}.0.supplies`, "PCB assembly"],
            [`${name}.0.single_source`, "yes"],
            [`${name}.0.buffer`, "2"],
            [`${name}.0.buffer.unit`, "d"],
          );
        } else {
          const first = q.config.columns![0]!;
          fields.push([`${name}.0.${first.key}`, "n/a"]);
        }
        break;
      default:
        fields.push([name, "Documented in our BCP, section 4."]);
    }
  }
  return fields;
}

async function post(client: TestClient, fields: [string, string][], intent: string) {
  const body = new URLSearchParams(fields);
  body.set("intent", intent);
  body.set("csrf", client.csrfToken!);
  for (const q of questions) if (!body.has(`rev.${q.key}`)) body.set(`rev.${q.key}`, String(await revisionOf(q.id)));
  return client.request(`/assessments/${assessmentId}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function revisionOf(questionId: string) {
  const row = await app.db.selectFrom("answers").select("revision").where("assessment_id", "=", assessmentId).where("question_id", "=", questionId).executeTakeFirst();
  return row?.revision ?? 0;
}

describe("questionnaire journey", () => {
  it("procurement sends the default questionnaire to selected vendors, skipping open ones", async () => {
    const page = await admin.page("/questionnaires/send");
    const versionId = page.html.match(/name="versionId"[^>]*>\s*<option value="([0-9a-f-]{36})"/)![1]!;
    const fresh = await app.db
      .selectFrom("suppliers as s")
      .select("s.id")
      .where("s.org_id", "=", orgId)
      .where("s.is_vendor", "=", true)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("assessments as a").select("a.id").whereRef("a.supplier_id", "=", "s.id"))))
      .executeTakeFirstOrThrow();
    const sent = await admin.post("/questionnaires/send", { versionId, dueDate: "2030-01-31", supplierId: fresh.id });
    expect(await sent.text()).toContain("Sent to 1 vendor");
    // The vendor is told: an in-app notification linking to the new questionnaire (and e-mail when configured).
    const created = await app.db.selectFrom("assessments").select("id").where("supplier_id", "=", fresh.id).executeTakeFirstOrThrow();
    const notices = await app.db.selectFrom("notifications").select(["title", "link"]).where("supplier_id", "=", fresh.id).where("kind", "=", "questionnaire_sent").execute();
    expect(notices).toEqual([{ title: expect.stringContaining("to answer by 2030-01-31"), link: `/assessments/${created.id}` }]);
    expect((await vendor.page("/notifications")).html).not.toContain(`/assessments/${created.id}`);
    const again = await admin.post("/questionnaires/send", { versionId, dueDate: "2030-01-31", supplierId: fresh.id });
    expect(await again.text()).toContain("1 already had one open and were skipped");
    expect(await app.db.selectFrom("notifications").select("id").where("supplier_id", "=", fresh.id).execute()).toHaveLength(1);
  });

  it("the vendor finds its open questionnaire with the form to answer it", async () => {
    const assessment = await app.db
      .selectFrom("assessments")
      .select(["id", "template_version_id"])
      .where("supplier_id", "=", vendorSupplierId)
      .where("status", "in", ["sent", "in_progress", "changes_requested"])
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    assessmentId = assessment.id;
    questions = await loadQuestions(app.db, orgId, assessment.template_version_id);
    const home = await vendor.page("/");
    expect(home.html).toContain(`/assessments/${assessmentId}`);
    const form = await vendor.page(`/assessments/${assessmentId}`);
    expect(form.response.status).toBe(200);
    expect(form.html).toContain("Save draft");
  });

  it("shows a follow-up question only when its condition holds", async () => {
    const conditional = questions.find((q) => q.config.condition && questions.find((p) => p.key === q.config.condition!.questionKey)?.type === "yes_no")!;
    const parent = questions.find((p) => p.key === conditional.config.condition!.questionKey)!;
    await vendor.page(`/assessments/${assessmentId}`);
    const saved = await post(vendor, [["present", parent.key], [`q.${parent.key}`, conditional.config.condition!.equals ? "no" : "yes"]], "save");
    expect(saved.status).toBe(200);
    let html = (await vendor.page(`/assessments/${assessmentId}`)).html;
    expect(html).toMatch(new RegExp(`id="question-${conditional.key}" hidden`));
    await post(vendor, [["present", parent.key], [`q.${parent.key}`, conditional.config.condition!.equals ? "yes" : "no"]], "save");
    html = (await vendor.page(`/assessments/${assessmentId}`)).html;
    expect(html).not.toMatch(new RegExp(`id="question-${conditional.key}" hidden`));
  });

  it("never silently loses an answer between two tabs: same question conflicts, different questions merge", async () => {
    const [a, b] = questions.filter((q) => q.type === "text" && !q.config.condition);
    const base = { a: await revisionOf(a!.id), b: await revisionOf(b!.id) };
    const tab1 = [["present", a!.key], [`q.${a!.key}`, "Answer from tab 1"], [`rev.${a!.key}`, String(base.a)]] as [string, string][];
    const tab2 = [
      ["present", a!.key],
      [`q.${a!.key}`, "Answer from tab 2"],
      [`rev.${a!.key}`, String(base.a)],
      ["present", b!.key],
      [`q.${b!.key}`, "Only tab 2 wrote this"],
      [`rev.${b!.key}`, String(base.b)],
    ] as [string, string][];
    expect((await post(vendor, tab1, "save")).status).toBe(200);
    const second = await post(vendor, tab2, "save");
    expect(second.status).toBe(409);
    const text = await second.text();
    expect(text).toContain("Answer from tab 1");
    const stored = await app.db.selectFrom("answers").select(["question_id", "value"]).where("assessment_id", "=", assessmentId).where("question_id", "in", [a!.id, b!.id]).execute();
    expect(stored.find((s) => s.question_id === a!.id)!.value).toBe("Answer from tab 1");
    expect(stored.find((s) => s.question_id === b!.id)!.value).toBe("Only tab 2 wrote this");
  });

  it("blocks submission while required answers are missing, naming them", async () => {
    const response = await post(vendor, [], "submit");
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/required questions? (is|are) not answered yet/);
  });

  it("submits a complete questionnaire as an immutable snapshot", async () => {
    const rto = questions.find((q) => q.mapsTo === "declared_rto")!;
    const response = await post(vendor, completeAnswers(questions, { [rto.key]: 6 }), "submit");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Submitted");
    const assessment = await app.db.selectFrom("assessments").select(["status", "snapshot_sha256"]).where("id", "=", assessmentId).executeTakeFirstOrThrow();
    expect(assessment.status).toBe("submitted");
    expect(assessment.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(app.db.updateTable("assessment_submissions").set({ sha256: "0".repeat(64) }).where("assessment_id", "=", assessmentId).execute()).rejects.toThrow(/cannot be changed/);
    const late = await post(vendor, [["present", rto.key], [`q.${rto.key}`, "1"], [`q.${rto.key}.unit`, "h"]], "save");
    expect(late.status).toBe(409);
  });

  it("procurement comments and requests changes; the vendor sees the comment and resubmits", async () => {
    const rto = questions.find((q) => q.mapsTo === "declared_rto")!;
    await admin.page(`/assessments/${assessmentId}`);
    expect((await admin.post(`/assessments/${assessmentId}`, { intent: "comment", questionId: rto.id, body: "Is 6 h tested? Please attach the DR report." })).status).toBe(200);
    expect((await admin.post(`/assessments/${assessmentId}`, { intent: "request-changes" })).status).toBe(200);
    const page = await vendor.page(`/assessments/${assessmentId}`);
    expect(page.html).toContain("Is 6 h tested?");
    const again = await post(vendor, completeAnswers(questions, { [rto.key]: 5 }), "submit");
    expect(again.status).toBe(200);
    const submissions = await app.db.selectFrom("assessment_submissions").select("sha256").where("assessment_id", "=", assessmentId).execute();
    expect(submissions).toHaveLength(2);
  });

  it("approval updates the supplier's declared RTO and declared sub-suppliers, and audits it", async () => {
    expect((await admin.post(`/assessments/${assessmentId}`, { intent: "approve" })).status).toBe(200);
    const supplier = await app.db.selectFrom("suppliers").select(["declared_rto_min"]).where("id", "=", vendorSupplierId).executeTakeFirstOrThrow();
    expect(supplier.declared_rto_min).toBe(300);
    const subs = await app.db
      .selectFrom("dependencies as d")
      .innerJoin("suppliers as s", "s.id", "d.depends_on_id")
      .select(["s.name", "d.declared_by", "d.buffer_min", "d.single_source"])
      .where("d.supplier_id", "=", vendorSupplierId)
      .where("d.declared_by", "=", "vendor")
      .execute();
    expect(subs).toContainEqual({ name: "FOXCONN TECHNOLOGY CO LTD", declared_by: "vendor", buffer_min: 2880, single_source: true });
    const audit = await app.db.selectFrom("audit_events").select("action").where("entity_id", "=", vendorSupplierId).execute();
    expect(audit.map((a) => a.action)).toContain("supplier.updated_from_questionnaire");
    const status = await app.db.selectFrom("assessments").select(["status", "score"]).where("id", "=", assessmentId).executeTakeFirstOrThrow();
    expect(status.status).toBe("approved");
    expect(status.score).toBeGreaterThan(0);
  });

  it("keeps every vendor to its own questionnaires", async () => {
    const other = await app.db.selectFrom("assessments").select("id").where("org_id", "=", orgId).where("supplier_id", "<>", vendorSupplierId).executeTakeFirstOrThrow();
    expect((await vendor.request(`/assessments/${other.id}`)).status).toBe(404);
    expect((await vendor.request("/questionnaires")).status).toBe(403);
    const forged = new URLSearchParams({ intent: "save", csrf: vendor.csrfToken! });
    const post = await vendor.request(`/assessments/${other.id}`, { method: "POST", body: forged, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(post.status).toBe(404);
  });
});
