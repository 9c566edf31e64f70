import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { deliverLink } from "./mail.server";

type Db = Kysely<Database>;

export interface SentQuestionnaire {
  assessmentId: string;
  supplierId: string;
  templateName: string;
  answerBy: string;
}

export interface QuestionnaireNotice {
  id: string;
  supplierId: string;
  title: string;
  link: string;
}

/**
 * Tells each supplier's vendor users about a questionnaire sent to them: an in-app notification
 * (once per questionnaire). Call inside the sending transaction; e-mail the returned notices with
 * `emailQuestionnaireNotices` after it commits, so no mail goes out for a rolled-back send.
 */
export async function noteQuestionnairesSent(db: Db, orgId: string, sent: readonly SentQuestionnaire[], body: string): Promise<QuestionnaireNotice[]> {
  const notices: QuestionnaireNotice[] = [];
  for (const item of sent) {
    const title = `New questionnaire “${item.templateName}” to answer by ${item.answerBy}`;
    const link = `/assessments/${item.assessmentId}`;
    const inserted = await db
      .insertInto("notifications")
      .values({ org_id: orgId, supplier_id: item.supplierId, kind: "questionnaire_sent", title, body, link, dedupe_key: `questionnaire-sent:${item.assessmentId}` })
      .onConflict((oc) => oc.columns(["org_id", "dedupe_key"]).doNothing())
      .returning(["id"])
      .executeTakeFirst();
    if (inserted) notices.push({ id: inserted.id, supplierId: item.supplierId, title, link });
  }
  return notices;
}

/** E-mails each notice to the supplier's active vendor users (through the optional mail transport). */
export async function emailQuestionnaireNotices(db: Db, orgId: string, notices: readonly QuestionnaireNotice[]): Promise<void> {
  for (const notice of notices) {
    const recipients = await db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("u.email")
      .where("m.org_id", "=", orgId)
      .where("m.supplier_id", "=", notice.supplierId)
      .where("m.role", "=", "vendor")
      .where("m.is_active", "=", true)
      .where("u.is_active", "=", true)
      .execute();
    for (const r of recipients) await deliverLink({ to: r.email, subject: notice.title, url: notice.link });
    if (recipients.length) await db.updateTable("notifications").set({ emailed_at: new Date() }).where("id", "=", notice.id).execute();
  }
}
