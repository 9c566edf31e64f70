import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendQuestionnaireReminders } from "../../app/questionnaire-reminders.server";
import { seedDemo } from "../../db/seed/seed";
import { createFreshDatabase } from "../support/database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
beforeAll(async () => {
  database = await createFreshDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await database?.cleanup();
});

describe("questionnaire reminders", () => {
  it("reminds vendors of open questionnaires due soon or overdue, once each", async () => {
    const { db } = database;
    const created = await sendQuestionnaireReminders(db, new Date(), 7);
    const notes = await db.selectFrom("notifications").select(["kind", "title", "link", "supplier_id"]).where("kind", "like", "questionnaire_%").execute();
    expect(created).toBe(notes.length);
    // The demo has open questionnaires that are overdue (and none closed ones get reminded).
    expect(notes.some((n) => n.kind === "questionnaire_overdue")).toBe(true);
    const closed = await db.selectFrom("assessments").select("id").where("status", "in", ["submitted", "approved", "rejected"]).execute();
    for (const c of closed) expect(notes.some((n) => n.link === `/assessments/${c.id}`)).toBe(false);
    // Running again (another instance, a restart) sends nothing twice.
    expect(await sendQuestionnaireReminders(db, new Date(), 7)).toBe(0);
  });
});
