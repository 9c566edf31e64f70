import { sql, type Kysely } from "kysely";

/*
 * Evidence vault support: in-app notifications (expiry reminders for vendors, one row per supplier
 * and reminder, de-duplicated by key), links from evidence to the questionnaire question it
 * answers, and indexes for the review queue, version history and orphaned-blob clean-up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    // For the vendor users of this supplier; null = for the buying organisation's staff.
    .addColumn("supplier_id", "uuid", (c) => c.references("suppliers.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text")
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("emailed_at", "timestamptz")
    .addColumn("read_at", "timestamptz")
    .addColumn("read_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("notifications_dedupe_key", ["org_id", "dedupe_key"])
    .execute();
  await db.schema.createIndex("notifications_supplier_idx").on("notifications").columns(["org_id", "supplier_id", "created_at"]).execute();

  await db.schema
    .createTable("evidence_questions")
    .addColumn("evidence_id", "uuid", (c) => c.notNull().references("evidence.id").onDelete("cascade"))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("assessment_id", "uuid", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("question_id", "uuid", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("evidence_questions_pkey", ["evidence_id", "assessment_id", "question_id"])
    .execute();
  await db.schema.createIndex("evidence_questions_assessment_idx").on("evidence_questions").columns(["assessment_id", "question_id"]).execute();

  await db.schema.createIndex("evidence_org_status_idx").on("evidence").columns(["org_id", "status", "created_at"]).execute();
  await db.schema.createIndex("evidence_supersedes_idx").on("evidence").column("supersedes_id").execute();
  await db.schema.createIndex("evidence_storage_key_idx").on("evidence").column("storage_key").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("evidence_storage_key_idx").ifExists().execute();
  await db.schema.dropIndex("evidence_supersedes_idx").ifExists().execute();
  await db.schema.dropIndex("evidence_org_status_idx").ifExists().execute();
  await db.schema.dropTable("evidence_questions").ifExists().execute();
  await db.schema.dropTable("notifications").ifExists().execute();
}
