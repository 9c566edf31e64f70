import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { deliverLink } from "./mail.server";

/** Days before the due date when vendors are reminded (QUESTIONNAIRE_REMINDER_DAYS, default 7). */
export function questionnaireReminderDays(): number {
  const days = Number(process.env.QUESTIONNAIRE_REMINDER_DAYS ?? 7);
  return Number.isFinite(days) && days >= 0 ? days : 7;
}

const DAY_MS = 86_400_000;

/**
 * In-app reminders (and e-mail when a transport is configured) for open questionnaires: once when
 * the due date comes within N days, and once a week while overdue. Deduplicated, so running it
 * more often (several instances, restarts) sends nothing twice.
 */
export async function sendQuestionnaireReminders(db: Kysely<Database>, asOf: Date, daysBefore = questionnaireReminderDays()) {
  const today = asOf.toISOString().slice(0, 10);
  const until = new Date(asOf.getTime() + daysBefore * DAY_MS).toISOString().slice(0, 10);
  const open = await db
    .selectFrom("assessments as a")
    .innerJoin("suppliers as s", (j) => j.onRef("s.id", "=", "a.supplier_id").onRef("s.org_id", "=", "a.org_id"))
    .innerJoin("template_versions as v", "v.id", "a.template_version_id")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select(["a.id", "a.org_id", "a.supplier_id", "a.due_date", "t.name as template_name"])
    .where("a.status", "in", ["sent", "in_progress", "changes_requested"])
    .where("s.status", "=", "active")
    .where("a.due_date", "is not", null)
    .where("a.due_date", "<=", sql<Date>`cast(${until} as date)`)
    .execute();
  let created = 0;
  for (const assessment of open) {
    const due = assessment.due_date!.toISOString().slice(0, 10);
    const overdue = due < today;
    const daysLeft = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    // One "due soon" reminder per due date; one "overdue" reminder per week overdue.
    const dedupeKey = overdue
      ? `questionnaire-overdue:${assessment.id}:${due}:week-${Math.floor(-daysLeft / 7)}`
      : `questionnaire-due:${assessment.id}:${due}`;
    const title = overdue
      ? `Questionnaire “${assessment.template_name}” is overdue (was due ${due})`
      : `Questionnaire “${assessment.template_name}” is due ${daysLeft === 0 ? "today" : `in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`} (${due})`;
    const inserted = await db
      .insertInto("notifications")
      .values({
        org_id: assessment.org_id,
        supplier_id: assessment.supplier_id,
        kind: overdue ? "questionnaire_overdue" : "questionnaire_due",
        title,
        body: "Your answers are saved as you go; submit when every required question is answered.",
        link: `/assessments/${assessment.id}`,
        dedupe_key: dedupeKey,
      })
      .onConflict((oc) => oc.columns(["org_id", "dedupe_key"]).doNothing())
      .returning(["id"])
      .executeTakeFirst();
    if (!inserted) continue;
    created++;
    const recipients = await db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("u.email")
      .where("m.org_id", "=", assessment.org_id)
      .where("m.supplier_id", "=", assessment.supplier_id)
      .where("m.role", "=", "vendor")
      .where("m.is_active", "=", true)
      .where("u.is_active", "=", true)
      .execute();
    for (const r of recipients) await deliverLink({ to: r.email, subject: title, url: `/assessments/${assessment.id}` });
  }
  return created;
}
