import { sql, type Kysely } from "kysely";

/*
 * Reassessment schedule: per organisation and supplier criticality, how often vendors are sent the
 * questionnaire again (interval in months, or none), which template (its latest published version
 * is sent), and how many days they get to answer. `reassessment_runs` records the one scheduled run
 * per organisation and day, so several app instances never start it twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Lets child tables prove a template belongs to the same organisation (composite FK), like suppliers.
  await sql`create unique index if not exists questionnaire_templates_org_id_id_key on questionnaire_templates (org_id, id)`.execute(db);

  await db.schema
    .createTable("reassessment_policies")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("criticality", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("interval_months", "integer")
    .addColumn("template_id", "uuid")
    .addColumn("response_days", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("reassessment_policies_org_criticality_key", ["org_id", "criticality"])
    // A template a policy sends cannot be deleted from under it.
    .addForeignKeyConstraint("reassessment_policies_template_fk", ["org_id", "template_id"], "questionnaire_templates", ["org_id", "id"], (fk) =>
      fk.onDelete("restrict"),
    )
    .addCheckConstraint("reassessment_policies_criticality", sql`criticality in ('critical', 'high', 'medium', 'low')`)
    .addCheckConstraint("reassessment_policies_interval", sql`interval_months is null or interval_months between 1 and 120`)
    .addCheckConstraint("reassessment_policies_response_days", sql`response_days between 1 and 365`)
    .addCheckConstraint("reassessment_policies_enabled_complete", sql`not enabled or (interval_months is not null and template_id is not null)`)
    .execute();

  await db.schema
    .createTable("reassessment_runs")
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("run_on", "date", (c) => c.notNull())
    .addColumn("task_id", "uuid", (c) => c.references("background_tasks.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("reassessment_runs_pkey", ["org_id", "run_on"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reassessment_runs").ifExists().execute();
  await db.schema.dropTable("reassessment_policies").ifExists().execute();
  await sql`drop index if exists questionnaire_templates_org_id_id_key`.execute(db);
}
