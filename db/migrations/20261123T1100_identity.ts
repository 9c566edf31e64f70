import { sql, type Kysely } from "kysely";

/*
 * Identity and access: invitations, password resets, API tokens and rate-limit counters.
 * Every secret (invite, reset, API token) is stored only as its SHA-256; the clear value is shown once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("supplier_id", "uuid")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "timestamptz")
    .addForeignKeyConstraint("invitations_supplier_fk", ["org_id", "supplier_id"], "suppliers", ["org_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addCheckConstraint("invitations_role", sql`role in ('procurement', 'analyst', 'vendor')`)
    .addCheckConstraint("invitations_vendor_has_supplier", sql`(role = 'vendor') = (supplier_id is not null)`)
    .addCheckConstraint("invitations_email_lowercase", sql`email = lower(email)`)
    .execute();
  await db.schema.createIndex("invitations_org_idx").on("invitations").columns(["org_id", "created_at"]).execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    // First characters of the token, shown in lists so people can tell their tokens apart.
    .addColumn("token_prefix", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("api_tokens_role", sql`role in ('procurement', 'analyst')`)
    .execute();
  await db.schema.createIndex("api_tokens_org_idx").on("api_tokens").column("org_id").execute();

  // Fixed-window counters shared by every app instance (login, invitations, password resets).
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("rate_limits_pkey", ["key", "window_start"])
    .execute();

  await db.schema.createIndex("sessions_org_idx").on("sessions").columns(["org_id", "user_id"]).execute();
  await db.schema.createIndex("audit_events_org_action_idx").on("audit_events").columns(["org_id", "action", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_events_org_action_idx").ifExists().execute();
  await db.schema.dropIndex("sessions_org_idx").ifExists().execute();
  for (const table of ["rate_limits", "api_tokens", "password_resets", "invitations"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
