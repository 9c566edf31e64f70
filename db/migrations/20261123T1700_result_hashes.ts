import type { Kysely } from "kysely";

/*
 * A hash of each stored result's content, so a recompute writes only what changed: at 50,000
 * suppliers most rows are identical from one run to the next.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("supplier_results").addColumn("content_hash", "text").execute();
  await db.schema.alterTable("service_results").addColumn("content_hash", "text").execute();
  await db.schema.alterTable("findings").addColumn("content_hash", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("findings").dropColumn("content_hash").execute();
  await db.schema.alterTable("service_results").dropColumn("content_hash").execute();
  await db.schema.alterTable("supplier_results").dropColumn("content_hash").execute();
}
