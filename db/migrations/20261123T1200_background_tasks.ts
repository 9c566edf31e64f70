import { sql, type Kysely } from "kysely";

/*
 * Long work (imports, exports, recomputes) runs as jobs on the queue (pg-boss, in its own schema);
 * this table is what users see of it: who asked, progress, outcome, and the result to download.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("background_tasks")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message", "text")
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("result", "jsonb")
    .addColumn("error", "text")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addCheckConstraint("background_tasks_status", sql`status in ('queued', 'running', 'succeeded', 'failed')`)
    .addCheckConstraint("background_tasks_progress", sql`progress between 0 and 100`)
    .execute();
  await db.schema.createIndex("background_tasks_org_idx").on("background_tasks").columns(["org_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("background_tasks").ifExists().execute();
}
