import { sql, type Kysely } from "kysely";

/*
 * Questionnaire workflow: every submission is kept as an immutable snapshot (with its SHA-256),
 * and reviewers comment per question.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assessment_submissions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("assessment_id", "uuid", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("submitted_by", "uuid", (c) => c.references("users.id"))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("assessment_submissions_sha256", sql`sha256 ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema.createIndex("assessment_submissions_assessment_idx").on("assessment_submissions").columns(["assessment_id", "submitted_at"]).execute();
  await sql`
    create function assessment_submissions_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'a submitted questionnaire snapshot cannot be changed';
    end $$`.execute(db);
  await sql`
    create trigger assessment_submissions_no_update before update on assessment_submissions
    for each row execute function assessment_submissions_immutable()`.execute(db);

  await db.schema
    .createTable("answer_comments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("assessment_id", "uuid", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("question_id", "uuid", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("author_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("answer_comments_assessment_idx").on("answer_comments").columns(["assessment_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("answer_comments").ifExists().execute();
  await db.schema.dropTable("assessment_submissions").ifExists().execute();
  await sql`drop function if exists assessment_submissions_immutable()`.execute(db);
}
