import { sql, type Kysely } from "kysely";

/*
 * Supply-chain map: reversible supplier merges (entity resolution) and "not the same company"
 * decisions, so a candidate pair that procurement split is not proposed again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("supplier_merges")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    // The supplier that stays, and the one folded into it (archived, never deleted, so undo can restore it).
    .addColumn("kept_id", "uuid", (c) => c.notNull())
    .addColumn("merged_id", "uuid", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    // Exactly what moved (row ids re-pointed, duplicate rows removed with their full content), for undo.
    .addColumn("moved", "jsonb", (c) => c.notNull())
    .addColumn("merged_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("merged_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("undone_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("undone_at", "timestamptz")
    .addForeignKeyConstraint("supplier_merges_kept_fk", ["org_id", "kept_id"], "suppliers", ["org_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("supplier_merges_merged_fk", ["org_id", "merged_id"], "suppliers", ["org_id", "id"], (fk) => fk.onDelete("cascade"))
    .addCheckConstraint("supplier_merges_distinct", sql`kept_id <> merged_id`)
    .execute();
  await db.schema.createIndex("supplier_merges_org_idx").on("supplier_merges").columns(["org_id", "merged_at"]).execute();
  // A supplier can be folded into another only once at a time.
  await db.schema
    .createIndex("supplier_merges_active_key")
    .on("supplier_merges")
    .columns(["org_id", "merged_id"])
    .unique()
    .where(sql.ref("undone_at"), "is", null)
    .execute();

  await db.schema
    .createTable("supplier_distinct_pairs")
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    // Stored with a_id < b_id so each pair appears once.
    .addColumn("a_id", "uuid", (c) => c.notNull())
    .addColumn("b_id", "uuid", (c) => c.notNull())
    .addColumn("decided_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("supplier_distinct_pairs_pkey", ["org_id", "a_id", "b_id"])
    .addForeignKeyConstraint("supplier_distinct_pairs_a_fk", ["org_id", "a_id"], "suppliers", ["org_id", "id"], (fk) => fk.onDelete("cascade"))
    .addForeignKeyConstraint("supplier_distinct_pairs_b_fk", ["org_id", "b_id"], "suppliers", ["org_id", "id"], (fk) => fk.onDelete("cascade"))
    .addCheckConstraint("supplier_distinct_pairs_order", sql`a_id < b_id`)
    .execute();

  await db.schema.createIndex("alternates_for_supplier_idx").on("alternates").columns(["org_id", "for_supplier_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("alternates_for_supplier_idx").ifExists().execute();
  await db.schema.dropTable("supplier_distinct_pairs").ifExists().execute();
  await db.schema.dropTable("supplier_merges").ifExists().execute();
}
