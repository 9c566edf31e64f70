import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { DEFAULT_REMINDER_DAYS, KIND_LABELS, daysUntil, isoDate } from "../domain/evidence";
import { deliverLink } from "../mail.server";
import { sendQuestionnaireReminders } from "../questionnaire-reminders.server";
import { S3BlobStore, getBlobStore } from "../storage.server";
import { EVIDENCE_KEY_PREFIX } from "./upload.server";

/*
 * Housekeeping for the vault, run at start-up and daily:
 *  - blobs of uploads that never finished (server killed mid-upload) are removed once they are
 *    older than a grace period, so a running upload on another instance is never touched;
 *  - vendors get an in-app reminder (and an e-mail through the mail transport) N days before a
 *    current accepted item expires.
 */

export function uploadGraceMinutes(): number {
  const v = Number(process.env.EVIDENCE_UPLOAD_GRACE_MINUTES);
  return Number.isFinite(v) && v >= 0 ? v : 360;
}

export function reminderDays(): number {
  const v = Number(process.env.EVIDENCE_REMINDER_DAYS);
  return Number.isFinite(v) && v > 0 ? Math.round(v) : DEFAULT_REMINDER_DAYS;
}

/** The upload start time (ms) in an evidence blob key: `evidence:<org>:<id>:<ms>`, or the older `evidence:<ms>:<uuid>`. */
export function uploadStartedAt(key: string): number | null {
  const parts = key.split(":");
  if (parts[0] !== EVIDENCE_KEY_PREFIX) return null;
  const ms = parts.length === 4 ? parts[3] : parts.length === 3 ? parts[1] : undefined;
  return ms && /^[0-9]{1,15}$/.test(ms) ? Number(ms) : null;
}

/**
 * Deletes evidence blobs no evidence row refers to, from uploads started before `startedBefore`;
 * returns how many chunks (database store) or objects (S3) went.
 */
export async function removeOrphanedEvidenceBlobs(db: Kysely<Database>, startedBefore: Date): Promise<number> {
  const store = getBlobStore(db);
  if (store instanceof S3BlobStore) return removeOrphanedObjects(db, store, startedBefore);
  const result = await sql`
    delete from blob_chunks c
    where c.storage_key like ${`${EVIDENCE_KEY_PREFIX}:%`}
      and (case
             when split_part(c.storage_key, ':', 4) ~ '^[0-9]{1,15}$' then split_part(c.storage_key, ':', 4)::bigint
             when split_part(c.storage_key, ':', 4) = '' and split_part(c.storage_key, ':', 2) ~ '^[0-9]{1,15}$' then split_part(c.storage_key, ':', 2)::bigint
           end) < ${startedBefore.getTime()}
      and not exists (select 1 from evidence e where e.storage_key = c.storage_key)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/*
 * S3: list the evidence objects, check old ones against the evidence rows in batches. Multipart
 * uploads cut off by a crash never become objects; a bucket lifecycle rule removes their parts
 * (see docs/evidence.md).
 */
async function removeOrphanedObjects(db: Kysely<Database>, store: S3BlobStore, startedBefore: Date): Promise<number> {
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const known = await db.selectFrom("evidence").select("storage_key").where("storage_key", "in", batch).execute();
    const referenced = new Set(known.map((r) => r.storage_key));
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await store.delete(key);
      removed++;
    }
    batch = [];
  };
  for await (const object of store.list(`${EVIDENCE_KEY_PREFIX}:`)) {
    const started = uploadStartedAt(object.key);
    if (started === null || started >= startedBefore.getTime()) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return removed;
}

/** Creates the due expiry reminders (once per item and expiry date) and e-mails the supplier's vendor users. */
export async function sendExpiryReminders(db: Kysely<Database>, asOf: Date, daysBefore = reminderDays()): Promise<number> {
  const today = isoDate(asOf);
  const until = isoDate(new Date(asOf.getTime() + daysBefore * 86_400_000));
  const due = await db
    .selectFrom("evidence as e")
    .innerJoin("suppliers as s", (j) => j.onRef("s.id", "=", "e.supplier_id").onRef("s.org_id", "=", "e.org_id"))
    .select(["e.id", "e.org_id", "e.supplier_id", "e.kind", "e.title", "e.valid_to"])
    .where("e.status", "=", "accepted")
    .where("s.status", "=", "active")
    .where("e.valid_to", ">=", sql<Date>`cast(${today} as date)`)
    .where("e.valid_to", "<=", sql<Date>`cast(${until} as date)`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("evidence as n").select("n.id").whereRef("n.supersedes_id", "=", "e.id").where("n.status", "<>", "rejected"))))
    .execute();
  let created = 0;
  for (const item of due) {
    const validTo = isoDate(item.valid_to!);
    const days = daysUntil(validTo, asOf);
    const inserted = await db
      .insertInto("notifications")
      .values({
        org_id: item.org_id,
        supplier_id: item.supplier_id,
        kind: "evidence_expiring",
        title: `${KIND_LABELS[item.kind]} “${item.title}” expires ${days === 0 ? "today" : `in ${days} day${days === 1 ? "" : "s"}`} (${validTo})`,
        body: "Upload a new version before it expires, so your company's evidence stays current.",
        link: `/suppliers/${item.supplier_id}/evidence?replace=${item.id}`,
        dedupe_key: `evidence-expiring:${item.id}:${validTo}`,
      })
      .onConflict((oc) => oc.columns(["org_id", "dedupe_key"]).doNothing())
      .returning(["id", "title", "link"])
      .executeTakeFirst();
    if (!inserted) continue;
    created++;
    const recipients = await db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("u.email")
      .where("m.org_id", "=", item.org_id)
      .where("m.supplier_id", "=", item.supplier_id)
      .where("m.role", "=", "vendor")
      .where("m.is_active", "=", true)
      .where("u.is_active", "=", true)
      .execute();
    for (const r of recipients) await deliverLink({ to: r.email, subject: inserted.title, url: inserted.link ?? "/" });
    await db.updateTable("notifications").set({ emailed_at: new Date() }).where("id", "=", inserted.id).execute();
  }
  return created;
}

export async function runEvidenceMaintenance(db: Kysely<Database>, now = new Date()) {
  const orphans = await removeOrphanedEvidenceBlobs(db, new Date(now.getTime() - uploadGraceMinutes() * 60_000));
  const reminders = await sendExpiryReminders(db, now);
  const questionnaireReminders = await sendQuestionnaireReminders(db, now);
  return { orphans, reminders, questionnaireReminders };
}

const STATE_KEY = Symbol.for("resilience-portal.evidence-maintenance");
const holder = globalThis as typeof globalThis & { [STATE_KEY]?: { timer: NodeJS.Timeout } };

/**
 * Runs the housekeeping now and then daily, once per process (later calls do nothing). Called by
 * the evidence pages on first use; server start-up should call it too.
 */
export function ensureEvidenceMaintenance(db: Kysely<Database>): void {
  if (holder[STATE_KEY]) return;
  const run = () =>
    runEvidenceMaintenance(db).then(
      ({ orphans, reminders }) => {
        if (orphans || reminders) console.log(`[evidence] removed ${orphans} orphaned chunk(s), created ${reminders} reminder(s)`);
      },
      (error: unknown) => console.error("[evidence] maintenance failed:", error),
    );
  const timer = setInterval(run, 24 * 60 * 60 * 1000);
  timer.unref();
  holder[STATE_KEY] = { timer };
  void run();
}
