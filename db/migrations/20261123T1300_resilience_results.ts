import { sql, type Kysely } from "kysely";

/*
 * Stored results of the resilience engine, so pages read them with plain queries; findings with
 * their workflow (owner, accepted risk, mitigation) and history; daily snapshots for trends; and
 * saved what-if scenarios.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("supplier_results")
    .addColumn("supplier_id", "uuid", (c) => c.primaryKey().references("suppliers.id").onDelete("cascade"))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("tier", "integer")
    .addColumn("own_rto_min", "integer")
    .addColumn("rto_source", "text", (c) => c.notNull())
    .addColumn("effective_rto_min", "integer")
    .addColumn("rpo_min", "integer")
    .addColumn("in_cycle", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("path", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("risk_score", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("risk_parts", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("open_findings", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("worst_severity", "text")
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("supplier_results_risk", sql`risk_score between 0 and 100`)
    .execute();
  await db.schema.createIndex("supplier_results_org_tier_idx").on("supplier_results").columns(["org_id", "tier"]).execute();
  await db.schema.createIndex("supplier_results_org_risk_idx").on("supplier_results").columns(["org_id", "risk_score"]).execute();

  await db.schema
    .createTable("service_results")
    .addColumn("service_id", "uuid", (c) => c.primaryKey().references("internal_services.id").onDelete("cascade"))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("recovery_min", "integer")
    .addColumn("rto_status", "text", (c) => c.notNull())
    .addColumn("rpo_min", "integer")
    .addColumn("rpo_status", "text", (c) => c.notNull())
    .addColumn("path", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("computed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("service_results_rto_status", sql`rto_status in ('meets', 'gap', 'beyond_mtpd', 'unknown')`)
    .addCheckConstraint("service_results_rpo_status", sql`rpo_status in ('meets', 'gap', 'unknown')`)
    .execute();
  await db.schema.createIndex("service_results_org_idx").on("service_results").column("org_id").execute();

  await db.schema
    .createTable("findings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    // Stable identity across recomputes (kind + subject + detail), so workflow state survives.
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    // A supplier or service uuid, or an ISO country code for country concentration.
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("path", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("owner_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("accepted_reason", "text")
    .addColumn("accepted_until", "date")
    .addColumn("first_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addUniqueConstraint("findings_org_fingerprint_key", ["org_id", "fingerprint"])
    .addCheckConstraint("findings_severity", sql`severity in ('critical', 'high', 'medium', 'low')`)
    .addCheckConstraint("findings_status", sql`status in ('open', 'accepted', 'mitigated', 'resolved')`)
    .addCheckConstraint("findings_subject_type", sql`subject_type in ('service', 'supplier', 'country')`)
    .addCheckConstraint("findings_acceptance", sql`status <> 'accepted' or (accepted_reason is not null and accepted_until is not null)`)
    .execute();
  await db.schema.createIndex("findings_org_status_idx").on("findings").columns(["org_id", "status", "severity"]).execute();
  await db.schema.createIndex("findings_subject_idx").on("findings").columns(["org_id", "subject_id"]).execute();

  await db.schema
    .createTable("finding_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("finding_id", "uuid", (c) => c.notNull().references("findings.id").onDelete("cascade"))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("finding_events_finding_idx").on("finding_events").columns(["finding_id", "id"]).execute();

  await db.schema
    .createTable("daily_snapshots")
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("figures", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("daily_snapshots_pkey", ["org_id", "day"])
    .execute();

  await db.schema
    .createTable("scenarios")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull())
    .addColumn("result", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("scenarios_org_idx").on("scenarios").columns(["org_id", "created_at"]).execute();

  await db.schema.alterTable("organisations").addColumn("results_computed_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("results_computed_at").execute();
  for (const table of ["scenarios", "daily_snapshots", "finding_events", "findings", "service_results", "supplier_results"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
