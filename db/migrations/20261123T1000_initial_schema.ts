import { sql, type Kysely } from "kysely";

/*
 * Initial schema for the whole domain of DESIGN.md. Frozen once released: change the schema with a
 * new migration, never by editing this one.
 *
 * Conventions: uuid keys; every tenant-owned table carries org_id (tenant isolation and the future
 * Citus distribution key); durations are whole minutes (integer, >= 0); enums are text + CHECK so
 * adding a value is a plain migration.
 */

const id = sql`gen_random_uuid()`;
const now = sql`now()`;

function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

function nonNegative(column: string) {
  return sql.raw(`${column} is null or ${column} >= 0`);
}

export const ROLES = ["procurement", "analyst", "vendor"] as const;
export const CRITICALITIES = ["critical", "high", "medium", "low"] as const;
export const ALTERNATE_STATUSES = ["identified", "qualifying", "qualified"] as const;
export const ASSESSMENT_STATUSES = [
  "draft",
  "sent",
  "in_progress",
  "submitted",
  "changes_requested",
  "approved",
  "rejected",
] as const;
export const EVIDENCE_KINDS = ["bcp_plan", "dr_test", "iso22301", "insurance", "other"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("seeded_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("organisations_slug_format", sql`slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'`)
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("users_email_lowercase", sql`email = lower(email)`)
    .execute();
  await db.schema.createIndex("users_email_key").on("users").column("email").unique().execute();

  await db.schema
    .createTable("suppliers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("normalized_name", "text", (c) => c.notNull())
    .addColumn("country", "char(2)")
    .addColumn("is_vendor", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("criticality", "text", (c) => c.notNull().defaultTo("medium"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("contact_email", "text")
    .addColumn("lei", "text")
    .addColumn("duns", "text")
    .addColumn("website", "text")
    .addColumn("declared_rto_min", "integer")
    .addColumn("declared_rpo_min", "integer")
    .addColumn("tested_rto_min", "integer")
    .addColumn("tested_rpo_min", "integer")
    .addColumn("tested_at", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("suppliers_org_external_id_key", ["org_id", "external_id"])
    .addCheckConstraint("suppliers_criticality", oneOf("criticality", CRITICALITIES))
    .addCheckConstraint("suppliers_status", oneOf("status", ["active", "archived"]))
    .addCheckConstraint("suppliers_country_format", sql`country is null or country ~ '^[A-Z]{2}$'`)
    .addCheckConstraint("suppliers_declared_rto", nonNegative("declared_rto_min"))
    .addCheckConstraint("suppliers_declared_rpo", nonNegative("declared_rpo_min"))
    .addCheckConstraint("suppliers_tested_rto", nonNegative("tested_rto_min"))
    .addCheckConstraint("suppliers_tested_rpo", nonNegative("tested_rpo_min"))
    .execute();
  // Composite unique key so child tables can prove a supplier belongs to the same organisation.
  await db.schema.createIndex("suppliers_org_id_id_key").on("suppliers").columns(["org_id", "id"]).unique().execute();
  await db.schema.createIndex("suppliers_org_name_idx").on("suppliers").columns(["org_id", "normalized_name"]).execute();
  await db.schema.createIndex("suppliers_org_country_idx").on("suppliers").columns(["org_id", "country"]).execute();
  await db.schema.createIndex("suppliers_org_lei_idx").on("suppliers").columns(["org_id", "lei"]).execute();
  await db.schema.createIndex("suppliers_org_duns_idx").on("suppliers").columns(["org_id", "duns"]).execute();

  await db.schema
    .createTable("memberships")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("supplier_id", "uuid")
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("memberships_org_user_key", ["org_id", "user_id"])
    .addForeignKeyConstraint("memberships_supplier_fk", ["org_id", "supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addCheckConstraint("memberships_role", oneOf("role", ROLES))
    .addCheckConstraint(
      "memberships_vendor_has_supplier",
      sql`(role = 'vendor') = (supplier_id is not null)`,
    )
    .execute();
  await db.schema.createIndex("memberships_user_idx").on("memberships").column("user_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    // SHA-256 of the random cookie token: a leaked table cannot be replayed as cookies.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("org_id", "uuid", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("internal_services")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("description", "text")
    .addColumn("required_rto_min", "integer", (c) => c.notNull())
    .addColumn("required_rpo_min", "integer", (c) => c.notNull())
    .addColumn("mtpd_min", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("internal_services_org_external_id_key", ["org_id", "external_id"])
    .addCheckConstraint("internal_services_rto", sql`required_rto_min >= 0`)
    .addCheckConstraint("internal_services_rpo", sql`required_rpo_min >= 0`)
    .addCheckConstraint("internal_services_rto_within_mtpd", sql`required_rto_min <= mtpd_min`)
    .execute();
  await db.schema
    .createIndex("internal_services_org_id_id_key")
    .on("internal_services")
    .columns(["org_id", "id"])
    .unique()
    .execute();

  await db.schema
    .createTable("service_suppliers")
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("service_id", "uuid", (c) => c.notNull())
    .addColumn("supplier_id", "uuid", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("service_suppliers_pkey", ["service_id", "supplier_id"])
    .addForeignKeyConstraint("service_suppliers_service_fk", ["org_id", "service_id"], "internal_services", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("service_suppliers_supplier_fk", ["org_id", "supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("service_suppliers_supplier_idx").on("service_suppliers").column("supplier_id").execute();

  await db.schema
    .createTable("dependencies")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("supplier_id", "uuid", (c) => c.notNull())
    .addColumn("depends_on_id", "uuid", (c) => c.notNull())
    .addColumn("supplies", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("single_source", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("buffer_min", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("declared_by", "text", (c) => c.notNull().defaultTo("procurement"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("dependencies_edge_key", ["org_id", "supplier_id", "depends_on_id"])
    .addForeignKeyConstraint("dependencies_supplier_fk", ["org_id", "supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("dependencies_depends_on_fk", ["org_id", "depends_on_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addCheckConstraint("dependencies_no_self_loop", sql`supplier_id <> depends_on_id`)
    .addCheckConstraint("dependencies_buffer", sql`buffer_min >= 0`)
    .addCheckConstraint("dependencies_declared_by", oneOf("declared_by", ["procurement", "vendor", "import"]))
    .execute();
  await db.schema.createIndex("dependencies_depends_on_idx").on("dependencies").columns(["org_id", "depends_on_id"]).execute();

  await db.schema
    .createTable("alternates")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("replaces_id", "uuid", (c) => c.notNull())
    .addColumn("alternate_id", "uuid", (c) => c.notNull())
    .addColumn("for_supplier_id", "uuid")
    .addColumn("for_service_id", "uuid")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("identified"))
    .addColumn("switchover_min", "integer")
    .addColumn("capacity_pct", "integer")
    .addColumn("declared_by", "text", (c) => c.notNull().defaultTo("procurement"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint("alternates_replaces_fk", ["org_id", "replaces_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("alternates_alternate_fk", ["org_id", "alternate_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("alternates_for_supplier_fk", ["org_id", "for_supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("alternates_for_service_fk", ["org_id", "for_service_id"], "internal_services", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addCheckConstraint("alternates_exactly_one_target", sql`(for_supplier_id is null) <> (for_service_id is null)`)
    .addCheckConstraint("alternates_not_itself", sql`replaces_id <> alternate_id`)
    .addCheckConstraint("alternates_status", oneOf("status", ALTERNATE_STATUSES))
    .addCheckConstraint("alternates_switchover", nonNegative("switchover_min"))
    .addCheckConstraint("alternates_capacity", sql`capacity_pct is null or capacity_pct between 0 and 100`)
    .addCheckConstraint("alternates_declared_by", oneOf("declared_by", ["procurement", "vendor", "import"]))
    .execute();
  await db.schema.createIndex("alternates_replaces_idx").on("alternates").columns(["org_id", "replaces_id"]).execute();

  await db.schema
    .createTable("questionnaire_templates")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("questionnaire_templates_org_key", ["org_id", "key"])
    .execute();

  await db.schema
    .createTable("template_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("template_id", "uuid", (c) => c.notNull().references("questionnaire_templates.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("template_versions_template_version_key", ["template_id", "version"])
    .addCheckConstraint("template_versions_status", oneOf("status", ["draft", "published"]))
    .addCheckConstraint("template_versions_version", sql`version >= 1`)
    .execute();

  await db.schema
    .createTable("questions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("template_version_id", "uuid", (c) => c.notNull().references("template_versions.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    .addColumn("section_title", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("help", "text")
    .addColumn("type", "text", (c) => c.notNull())
    // Options, table columns, condition and scoring: shape checked by zod in app/domain.
    .addColumn("config", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("required", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("weight", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("maps_to", "text")
    .addUniqueConstraint("questions_version_key", ["template_version_id", "key"])
    .addCheckConstraint(
      "questions_type",
      oneOf("type", ["yes_no", "single_choice", "multi_choice", "text", "number", "date", "duration", "file", "table"]),
    )
    .addCheckConstraint(
      "questions_maps_to",
      sql`maps_to is null or maps_to in ('declared_rto', 'declared_rpo', 'last_dr_test_date', 'sub_suppliers', 'alternates')`,
    )
    .addCheckConstraint("questions_weight", sql`weight >= 0`)
    .execute();

  await db.schema
    .createTable("assessments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("supplier_id", "uuid", (c) => c.notNull())
    .addColumn("template_version_id", "uuid", (c) => c.notNull().references("template_versions.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("due_date", "date")
    .addColumn("sent_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("score", "integer")
    .addColumn("snapshot", "jsonb")
    .addColumn("snapshot_sha256", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint("assessments_supplier_fk", ["org_id", "supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addCheckConstraint("assessments_status", oneOf("status", ASSESSMENT_STATUSES))
    .addCheckConstraint("assessments_score", sql`score is null or score between 0 and 100`)
    .execute();
  await db.schema.createIndex("assessments_supplier_idx").on("assessments").columns(["org_id", "supplier_id"]).execute();
  await db.schema.createIndex("assessments_status_idx").on("assessments").columns(["org_id", "status"]).execute();

  await db.schema
    .createTable("answers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("assessment_id", "uuid", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("question_id", "uuid", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("value", "jsonb")
    // Optimistic concurrency: a save names the revision it started from.
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("answers_assessment_question_key", ["assessment_id", "question_id"])
    .execute();

  await db.schema
    .createTable("evidence")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(id))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("supplier_id", "uuid", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("review_note", "text")
    .addColumn("supersedes_id", "uuid", (c) => c.references("evidence.id").onDelete("set null"))
    // Kind-specific fields (nullable; which apply depends on kind).
    .addColumn("document_version", "text")
    .addColumn("approval_date", "date")
    .addColumn("test_date", "date")
    .addColumn("test_scope", "text")
    .addColumn("achieved_rto_min", "integer")
    .addColumn("achieved_rpo_min", "integer")
    .addColumn("test_passed", "boolean")
    .addColumn("issuer", "text")
    .addColumn("certificate_number", "text")
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewed_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint("evidence_supplier_fk", ["org_id", "supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addCheckConstraint("evidence_kind", oneOf("kind", EVIDENCE_KINDS))
    .addCheckConstraint("evidence_status", oneOf("status", ["pending", "accepted", "rejected"]))
    .addCheckConstraint("evidence_size", sql`size_bytes >= 0`)
    .addCheckConstraint("evidence_sha256_format", sql`sha256 ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint("evidence_achieved_rto", nonNegative("achieved_rto_min"))
    .addCheckConstraint("evidence_achieved_rpo", nonNegative("achieved_rpo_min"))
    .addCheckConstraint("evidence_validity", sql`valid_from is null or valid_to is null or valid_from <= valid_to`)
    .execute();
  await db.schema.createIndex("evidence_supplier_idx").on("evidence").columns(["org_id", "supplier_id"]).execute();
  await db.schema.createIndex("evidence_valid_to_idx").on("evidence").columns(["org_id", "valid_to"]).execute();

  // Blobs in the database (the default store): content split into chunks so reads and writes stream.
  await db.schema
    .createTable("blob_chunks")
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("data", "bytea", (c) => c.notNull())
    .addPrimaryKeyConstraint("blob_chunks_pkey", ["storage_key", "seq"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // No cascades here: the trail outlives what it describes, and the trigger below forbids edits.
    .addColumn("org_id", "uuid", (c) => c.references("organisations.id"))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text")
    .addColumn("entity_id", "text")
    .addColumn("summary", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("ip", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("audit_events_org_time_idx").on("audit_events").columns(["org_id", "created_at"]).execute();

  // The audit log is append-only for the application: updates and deletes are rejected by the database.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_events",
    "blob_chunks",
    "evidence",
    "answers",
    "assessments",
    "questions",
    "template_versions",
    "questionnaire_templates",
    "alternates",
    "dependencies",
    "service_suppliers",
    "internal_services",
    "sessions",
    "memberships",
    "suppliers",
    "users",
    "organisations",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop function if exists audit_events_append_only()`.execute(db);
}
