import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * The questionnaire template builder over HTTP, as procurement uses it: create a template, add
 * questions (with a condition and a supplier mapping), get validation errors next to the fields,
 * publish, find the published version frozen, copy it into a new draft, and send only published
 * versions — an assessment keeps the version it was sent with.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let admin: TestClient;
let vendorSupplierId: string;
let v1: string;
let v2: string;
let otherOrgVersion: string;
const procurementUser = DEMO_USERS.find((u) => u.role === "procurement")!;
const analystUser = DEMO_USERS.find((u) => u.role === "analyst")!;
const vendorUser = DEMO_USERS.find((u) => u.role === "vendor")!;

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  admin = await loggedIn(procurementUser.email);
  vendorSupplierId = (
    await app.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.supplier_id")
      .where("u.email", "=", vendorUser.email)
      .executeTakeFirstOrThrow()
  ).supplier_id!;
  // Another tenant with a template version of its own.
  const otherOrg = await app.db.insertInto("organisations").values({ slug: "other-builder", name: "Other Builder Org" }).returning("id").executeTakeFirstOrThrow();
  const template = await app.db.insertInto("questionnaire_templates").values({ org_id: otherOrg.id, key: "secret", name: "Secret template" }).returning("id").executeTakeFirstOrThrow();
  otherOrgVersion = (await app.db.insertInto("template_versions").values({ org_id: otherOrg.id, template_id: template.id, version: 1, status: "draft" }).returning("id").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await app?.close();
});

async function loggedIn(email: string) {
  const client = new TestClient(app.baseUrl);
  expect((await client.login(email, DEMO_PASSWORD)).status, `login as ${email}`).toBe(302);
  await client.page("/");
  return client;
}

const decode = (html: string) => html.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
/** The text shown under a field of the question form, or null. */
const fieldError = (html: string, field: string) => {
  const match = html.match(new RegExp(`id="qf-${field}-error"[^>]*>([^<]*)<`));
  return match ? decode(match[1]!) : null;
};
const editor = (id: string) => `/questionnaires/templates/${id}`;

const blank = { section: "Recovery", key: "", text: "", type: "text", options: "", required: "yes", weight: "1", help: "", condition: "", maps_to: "", good_answer: "" };
function saveQuestion(versionId: string, fields: Partial<typeof blank> & { questionId?: string }, client = admin) {
  return client.post(editor(versionId), { intent: "save", questionId: "", ...blank, ...fields });
}
async function questionsOf(versionId: string) {
  return app.db.selectFrom("questions").selectAll().where("template_version_id", "=", versionId).orderBy("position").execute();
}
async function auditActions(versionId: string) {
  const rows = await app.db.selectFrom("audit_events").select("action").where("entity_id", "=", versionId).orderBy("id").execute();
  return rows.map((r) => r.action);
}

describe("building a template", () => {
  it("creates an empty template as a version 1 draft", async () => {
    await admin.page("/questionnaires/templates");
    const created = await admin.post("/questionnaires/templates", { intent: "create", name: "Cloud hosting continuity", description: "For hosting providers" });
    expect(created.status).toBe(302);
    v1 = created.headers.get("Location")!.split("/").pop()!;
    const version = await app.db
      .selectFrom("template_versions as v")
      .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
      .select(["v.org_id", "v.version", "v.status", "v.published_at", "t.name", "t.key", "t.description"])
      .where("v.id", "=", v1)
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({ org_id: orgId, version: 1, status: "draft", published_at: null, name: "Cloud hosting continuity", key: "cloud_hosting_continuity", description: "For hosting providers" });
    const page = await admin.page(editor(v1));
    expect(page.response.status).toBe(200);
    expect(page.html).toContain("Cloud hosting continuity — version 1");
    expect(page.html).toContain("No questions yet.");
    // A nameless template is refused next to the field.
    const nameless = await admin.post("/questionnaires/templates", { intent: "create", name: "  ", description: "" });
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toMatch(/id="new-name-error"[^>]*>Give the template a name</);
  });

  it("adds questions of several types, with a condition and a supplier mapping, in order", async () => {
    const added = [
      await saveQuestion(v1, { section: "Hosting", key: "hosting_model", text: "Where is our service hosted?", type: "single_choice", options: "own = Own data centre = 0.5\ncloud = Public cloud = 1", weight: "2" }),
      await saveQuestion(v1, { section: "Recovery", key: "has_dr_site", text: "Do you run a secondary site?", type: "yes_no", good_answer: "yes", weight: "3", help: "A site that can take over within a day." }),
      await saveQuestion(v1, { key: "dr_rto", text: "Recovery time of the secondary site?", type: "duration", condition: "has_dr_site = yes", maps_to: "declared_rto" }),
      await saveQuestion(v1, { key: "last_test", text: "When was fail-over last tested?", type: "date", maps_to: "last_dr_test_date", required: "" }),
      await saveQuestion(v1, { section: "Supply chain", key: "subcontractors", text: "Who do you rely on?", type: "table", options: "name = Company = text\ncountry = Country = country\nhours = Buffer = duration", maps_to: "sub_suppliers" }),
      await saveQuestion(v1, { section: "Supply chain", key: "certs", text: "Which certifications?", type: "multi_choice", options: "iso22301 = ISO 22301\niso27001 = ISO 27001", required: "" }),
    ];
    expect(added.map((r) => r.status)).toEqual([302, 302, 302, 302, 302, 302]);
    expect(added[2]!.headers.get("Location")).toBe(`${editor(v1)}?done=saved#question-dr_rto`);
    const stored = await questionsOf(v1);
    expect(stored.map((q) => [q.position, q.key, q.type, q.section_title, q.section_key])).toEqual([
      [0, "hosting_model", "single_choice", "Hosting", "hosting"],
      [1, "has_dr_site", "yes_no", "Recovery", "recovery"],
      [2, "dr_rto", "duration", "Recovery", "recovery"],
      [3, "last_test", "date", "Recovery", "recovery"],
      [4, "subcontractors", "table", "Supply chain", "supply_chain"],
      [5, "certs", "multi_choice", "Supply chain", "supply_chain"],
    ]);
    expect(stored[0]!.config).toEqual({ options: [{ value: "own", label: "Own data centre", score: 0.5 }, { value: "cloud", label: "Public cloud", score: 1 }] });
    expect(stored[1]).toMatchObject({ required: true, weight: 3, help: "A site that can take over within a day.", config: { goodAnswer: true } });
    expect(stored[2]).toMatchObject({ maps_to: "declared_rto", config: { condition: { questionKey: "has_dr_site", equals: true } } });
    expect(stored[3]).toMatchObject({ required: false, maps_to: "last_dr_test_date" });
    expect(stored[4]!.config).toEqual({ columns: [{ key: "name", label: "Company", type: "text" }, { key: "country", label: "Country", type: "country" }, { key: "hours", label: "Buffer", type: "duration" }] });
    const page = await admin.page(editor(v1));
    expect(page.html).toContain("Questions in order (6)");
    expect(page.html).toContain("has_dr_site = yes");
    expect((await auditActions(v1)).filter((a) => a === "questionnaire_template.question_added")).toHaveLength(6);
  });

  it("shows validation errors next to the fields and saves nothing", async () => {
    const before = await questionsOf(v1);
    const badKey = await saveQuestion(v1, { key: "Bad Key!", text: "Anything?" });
    expect(badKey.status).toBe(400);
    const badKeyHtml = await badKey.text();
    expect(fieldError(badKeyHtml, "key")).toMatch(/must be snake_case/);
    expect(badKeyHtml).toMatch(/id="qf-key"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="qf-key"/);
    // The form keeps what was typed.
    expect(badKeyHtml).toContain('value="Bad Key!"');

    const duplicate = await saveQuestion(v1, { key: "has_dr_site", text: "Again?", type: "yes_no" });
    expect(duplicate.status).toBe(400);
    expect(fieldError(await duplicate.text(), "key")).toBe('Key "has_dr_site" is already used by question 2');

    // A condition may only look at questions above: hosting_model (question 1) cannot depend on has_dr_site (question 2).
    const hosting = before[0]!;
    const forward = await saveQuestion(v1, {
      questionId: hosting.id,
      section: "Hosting",
      key: "hosting_model",
      text: "Where is our service hosted?",
      type: "single_choice",
      options: "own = Own data centre = 0.5\ncloud = Public cloud = 1",
      condition: "has_dr_site = yes",
    });
    expect(forward.status).toBe(400);
    expect(fieldError(await forward.text(), "condition")).toBe('The condition must refer to an earlier question; "has_dr_site" is not above this question');

    const wrongMapping = await saveQuestion(v1, { key: "rto_text", text: "RTO as text?", type: "text", maps_to: "declared_rto" });
    expect(wrongMapping.status).toBe(400);
    expect(fieldError(await wrongMapping.text(), "maps_to")).toBe("declared_rto needs a duration question");

    const several = await saveQuestion(v1, { key: "choice", text: "Pick", type: "single_choice", options: "only = One", condition: "hosting_model = mainframe", weight: "1.5" });
    expect(several.status).toBe(400);
    const severalHtml = await several.text();
    expect(fieldError(severalHtml, "options")).toMatch(/at least two options/);
    expect(fieldError(severalHtml, "condition")).toBe('"mainframe" is not an option of "hosting_model"');
    expect(fieldError(severalHtml, "weight")).toMatch(/whole number/);
    expect(severalHtml).toMatch(/role="alert"[^>]*><p[^>]*>3 problems in the question; nothing was saved/);

    expect(await questionsOf(v1)).toEqual(before);
  });

  it("edits, moves and deletes questions; publishing refuses a condition that points below", async () => {
    const [hosting, hasDr, drRto] = await questionsOf(v1);
    const edited = await saveQuestion(v1, { questionId: hasDr!.id, key: "has_dr_site", text: "Do you run a secondary data centre?", type: "yes_no", good_answer: "yes", weight: "3" });
    expect(edited.status).toBe(302);
    const page = await admin.page(`${editor(v1)}?edit=${drRto!.id}`);
    expect(page.html).toContain("Edit question 3 (dr_rto)");
    expect(page.html).toContain('value="has_dr_site = yes"');

    // Move dr_rto above its condition's question: allowed while drafting, refused at publish.
    expect((await admin.post(editor(v1), { intent: "move", questionId: drRto!.id, direction: "up" })).status).toBe(302);
    expect((await questionsOf(v1)).map((q) => q.key).slice(0, 3)).toEqual(["hosting_model", "dr_rto", "has_dr_site"]);
    const refused = await admin.post(editor(v1), { intent: "publish" });
    expect(refused.status).toBe(400);
    const refusedHtml = decode(await refused.text());
    expect(refusedHtml).toContain("1 problem to fix before publishing.");
    expect(refusedHtml).toContain('"has_dr_site" is not above this question');
    expect((await app.db.selectFrom("template_versions").select("status").where("id", "=", v1).executeTakeFirstOrThrow()).status).toBe("draft");
    expect((await admin.post(editor(v1), { intent: "move", questionId: drRto!.id, direction: "down" })).status).toBe(302);

    // A throw-away question, deleted again.
    expect((await saveQuestion(v1, { key: "scratch", text: "Temporary?" })).status).toBe(302);
    const scratch = (await questionsOf(v1)).find((q) => q.key === "scratch")!;
    expect((await admin.post(editor(v1), { intent: "delete", questionId: scratch.id })).status).toBe(302);
    const after = await questionsOf(v1);
    expect(after.map((q) => [q.position, q.key])).toEqual([
      [0, "hosting_model"],
      [1, "has_dr_site"],
      [2, "dr_rto"],
      [3, "last_test"],
      [4, "subcontractors"],
      [5, "certs"],
    ]);
    expect(after[0]!.id).toBe(hosting!.id);
    expect(after[1]!.text).toBe("Do you run a secondary data centre?");
    const actions = await auditActions(v1);
    for (const action of ["questionnaire_template.question_updated", "questionnaire_template.question_moved", "questionnaire_template.question_deleted"]) {
      expect(actions).toContain(action);
    }
  });

  it("publishes, after which the version is read-only and the server refuses every change with 409", async () => {
    const published = await admin.post(editor(v1), { intent: "publish" });
    expect(published.status).toBe(302);
    const version = await app.db.selectFrom("template_versions").select(["status", "published_at"]).where("id", "=", v1).executeTakeFirstOrThrow();
    expect(version.status).toBe("published");
    expect(version.published_at).toBeInstanceOf(Date);
    expect(await auditActions(v1)).toContain("questionnaire_template.published");

    const before = await questionsOf(v1);
    const page = await admin.page(editor(v1));
    expect(page.html).toContain("A published version is read-only");
    expect(page.html).not.toContain('value="save"');
    expect(page.html).not.toContain('value="delete"');
    expect(page.html).not.toContain('value="move"');
    expect(page.html).toContain("New draft version");

    const attempts = [
      await saveQuestion(v1, { questionId: before[0]!.id, key: "hosting_model", text: "Changed after publishing?", type: "single_choice", options: "a = A\nb = B" }),
      await saveQuestion(v1, { key: "late_addition", text: "Added after publishing?" }),
      await admin.post(editor(v1), { intent: "delete", questionId: before[0]!.id }),
      await admin.post(editor(v1), { intent: "move", questionId: before[1]!.id, direction: "up" }),
      await admin.post(editor(v1), { intent: "publish" }),
      await admin.post(editor(v1), { intent: "discard" }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([409, 409, 409, 409, 409, 409]);
    expect(await attempts[0]!.text()).toContain("can no longer be changed");
    expect(await questionsOf(v1)).toEqual(before);
  });

  it("copies a published version into a new draft version, one draft at a time", async () => {
    await admin.page("/questionnaires/templates");
    const copied = await admin.post("/questionnaires/templates", { intent: "new-draft", versionId: v1 });
    expect(copied.status).toBe(302);
    v2 = copied.headers.get("Location")!.split("/").pop()!;
    expect(v2).not.toBe(v1);
    const version = await app.db.selectFrom("template_versions").select(["version", "status", "template_id"]).where("id", "=", v2).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ version: 2, status: "draft" });
    const strip = (rows: Awaited<ReturnType<typeof questionsOf>>) => rows.map(({ id: _id, template_version_id: _v, ...rest }) => rest);
    const original = await questionsOf(v1);
    const copy = await questionsOf(v2);
    expect(strip(copy)).toEqual(strip(original));
    expect(copy.map((q) => q.id).filter((id) => original.some((o) => o.id === id))).toEqual([]);
    expect(await auditActions(v2)).toEqual(["questionnaire_template.draft_created"]);

    const second = await admin.post("/questionnaires/templates", { intent: "new-draft", versionId: v1 });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("already has a draft (version 2)");
    // A draft cannot be the source of another draft.
    expect((await admin.post("/questionnaires/templates", { intent: "new-draft", versionId: v2 })).status).toBe(409);
    expect(await app.db.selectFrom("template_versions").select("id").where("template_id", "=", version.template_id).execute()).toHaveLength(2);
    const list = await admin.page("/questionnaires/templates");
    expect(list.html).toContain(`href="/questionnaires/templates/${v2}"`);
  });

  it("sends only published versions; an assessment sent with v1 keeps v1's questions after v2 is published", async () => {
    const send = await admin.page("/questionnaires/send");
    expect(send.html).toContain(`value="${v1}"`);
    expect(send.html).not.toContain(`value="${v2}"`);
    const draftSend = await admin.post("/questionnaires/send", { versionId: v2, dueDate: "2030-01-31", supplierId: vendorSupplierId });
    expect(draftSend.status).toBe(404);
    expect(await app.db.selectFrom("assessments").select("id").where("template_version_id", "=", v2).execute()).toEqual([]);

    expect((await admin.post("/questionnaires/send", { versionId: v1, dueDate: "2030-01-31", supplierId: vendorSupplierId })).status).toBe(200);
    const assessment = await app.db.selectFrom("assessments").select(["id", "template_version_id"]).where("template_version_id", "=", v1).where("supplier_id", "=", vendorSupplierId).executeTakeFirstOrThrow();

    // Change v2: reword a question, add one, publish.
    await admin.page(editor(v2));
    const hasDr = (await questionsOf(v2)).find((q) => q.key === "has_dr_site")!;
    expect((await saveQuestion(v2, { questionId: hasDr.id, key: "has_dr_site", text: "Is a second region ready to take over?", type: "yes_no", good_answer: "yes", weight: "3" })).status).toBe(302);
    expect((await saveQuestion(v2, { section: "Supply chain", key: "exit_plan", text: "Do you have an exit plan?", type: "yes_no" })).status).toBe(302);
    expect((await admin.post(editor(v2), { intent: "publish" })).status).toBe(302);

    const v1Questions = await questionsOf(v1);
    expect(v1Questions.map((q) => q.key)).not.toContain("exit_plan");
    expect(v1Questions.find((q) => q.key === "has_dr_site")!.text).toBe("Do you run a secondary data centre?");
    expect((await app.db.selectFrom("assessments").select("template_version_id").where("id", "=", assessment.id).executeTakeFirstOrThrow()).template_version_id).toBe(v1);
    const vendor = await loggedIn(vendorUser.email);
    const form = await vendor.page(`/assessments/${assessment.id}`);
    expect(form.response.status).toBe(200);
    expect(form.html).toContain("Do you run a secondary data centre?");
    expect(form.html).not.toContain("Is a second region ready to take over?");
    expect(form.html).not.toContain("Do you have an exit plan?");

    const sendAfter = await admin.page("/questionnaires/send");
    expect(sendAfter.html).toContain(`value="${v2}"`);
  });

  it("previews a version the way a vendor sees it", async () => {
    const preview = await admin.page(`${editor(v2)}/preview`);
    expect(preview.response.status).toBe(200);
    const html = decode(preview.html);
    expect(html).toContain("Is a second region ready to take over?");
    expect(html).toContain("Shown only when “Is a second region ready to take over?” is answered “Yes”.");
    // The vendor's controls, outside any form: nothing can be posted from here.
    expect(html).toContain('name="q.has_dr_site"');
    expect(html).not.toContain('value="save"');
  });

  it("discards a draft", async () => {
    const created = await admin.post("/questionnaires/templates", { intent: "create", name: "Throw away", description: "" });
    const id = created.headers.get("Location")!.split("/").pop()!;
    expect((await admin.post(editor(id), { intent: "publish" })).status).toBe(400);
    expect((await admin.post(editor(id), { intent: "discard" })).status).toBe(302);
    expect(await app.db.selectFrom("questionnaire_templates").select("id").where("org_id", "=", orgId).where("name", "=", "Throw away").execute()).toEqual([]);
    expect((await admin.request(editor(id))).status).toBe(404);
  });
});

describe("who may build templates", () => {
  it("refuses analysts and vendors with 403, pages and forms alike", async () => {
    for (const email of [analystUser.email, vendorUser.email]) {
      const client = await loggedIn(email);
      for (const path of ["/questionnaires/templates", editor(v1), `${editor(v1)}/preview`]) {
        expect((await client.request(path)).status, `${email} ${path}`).toBe(403);
      }
      expect((await saveQuestion(v2, { key: "intruder", text: "?" }, client)).status).toBe(403);
      expect((await client.post("/questionnaires/templates", { intent: "create", name: "Intruder" })).status).toBe(403);
    }
    expect((await questionsOf(v2)).map((q) => q.key)).not.toContain("intruder");
  });

  it("answers 404 for another organisation's version and for made-up ids", async () => {
    await admin.page("/questionnaires/templates");
    for (const id of [otherOrgVersion, "00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
      expect((await admin.request(editor(id))).status, id).toBe(404);
      expect((await admin.request(`${editor(id)}/preview`)).status, id).toBe(404);
      expect((await saveQuestion(id, { key: "planted", text: "Planted?" })).status, id).toBe(404);
      expect((await admin.post(editor(id), { intent: "publish" })).status, id).toBe(404);
      expect((await admin.post("/questionnaires/templates", { intent: "new-draft", versionId: id })).status, id).toBe(404);
    }
    expect(await app.db.selectFrom("questions").select("id").where("template_version_id", "=", otherOrgVersion).execute()).toEqual([]);
    const list = await admin.page("/questionnaires/templates");
    expect(list.html).not.toContain("Secret template");
  });

  it("refuses a forged form without the CSRF token", async () => {
    const draft = await admin.post("/questionnaires/templates", { intent: "create", name: "Forgery target", description: "" });
    const id = draft.headers.get("Location")!.split("/").pop()!;
    const forged = [
      await admin.post("/questionnaires/templates", { intent: "create", name: "Forged template" }, { withCsrf: false }),
      await admin.post(editor(id), { intent: "save", ...blank, key: "forged", text: "Forged?" }, { withCsrf: false }),
      await admin.post(editor(id), { intent: "publish" }, { withCsrf: false }),
      await admin.post("/questionnaires/templates", { intent: "new-draft", versionId: v2 }, { withCsrf: false }),
    ];
    expect(forged.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await questionsOf(id)).toEqual([]);
    expect(await app.db.selectFrom("questionnaire_templates").select("id").where("name", "=", "Forged template").execute()).toEqual([]);
    expect((await app.db.selectFrom("template_versions").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("draft");
  });
});
