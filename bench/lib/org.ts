import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Deletes an organisation and everything it owns, quickly enough for benchmark set-up and tear-down.
 * As a superuser, in one transaction with foreign-key triggers off (see below); otherwise:
 *
 * A plain `delete from organisations` cascades row by row: each of 50,000 suppliers then runs one
 * lookup per referencing foreign key, and a few of those keys have no index of their own
 * (alternates.alternate_id, alternates.for_supplier_id, memberships.supplier_id, …): PostgreSQL then
 * rescans every alternate of the organisation for every supplier. So:
 * 1. one transaction deletes, children first, every row that carries this org_id except the suppliers
 *    (tables found in the catalog, so tables added by later migrations are covered) and the evidence
 *    blobs (blob_chunks has no org_id; found through evidence.storage_key);
 * 2. VACUUM of the tables that reference suppliers drops the dead index entries;
 * 3. a second transaction deletes the suppliers and the organisation.
 * Not atomic: if it fails half-way, running it again finishes the job.
 * Returns false when there is no such organisation.
 */
export async function deleteOrganisation(db: Kysely<Database>, slug: string): Promise<boolean> {
  const org = await db.selectFrom("organisations").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!org) return false;
  const orgId = org.id;
  // audit_events references organisations without a cascade and is append-only.
  const audited = await db.selectFrom("audit_events").select("id").where("org_id", "=", orgId).limit(1).executeTakeFirst();
  if (audited) throw new Error(`Organisation "${slug}" has audit events (append-only), so it cannot be deleted.`);

  const { rows: tableRows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where column_name = 'org_id' and table_schema = current_schema() and table_name <> 'audit_events'`.execute(db);
  const { rows: fkRows } = await sql<{ child: string; parent: string }>`
    select cc.relname as child, pc.relname as parent
    from pg_constraint k
    join pg_class cc on cc.oid = k.conrelid
    join pg_class pc on pc.oid = k.confrelid
    join pg_namespace n on n.oid = cc.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const orgTables = new Set(tableRows.map((r) => r.table_name));
  const order = childrenFirst(orgTables, fkRows);
  const referencingSuppliers = [...new Set(fkRows.filter((f) => f.parent === "suppliers" && f.child !== "suppliers").map((f) => f.child))];

  // Fast path: as a superuser (PGlite always, a local PostgreSQL usually), with foreign-key triggers
  // off for this transaction, when every table that references an organisation's rows carries org_id
  // itself (so deleting by org_id leaves nothing dangling). evidence.supersedes_id (ON DELETE SET NULL,
  // no index) alone would otherwise scan the whole evidence table once per deleted evidence row.
  const superuser = (await sql<{ on: string }>`select current_setting('is_superuser') as on`.execute(db)).rows[0]?.on === "on";
  const outsideReferences = fkRows.some((f) => orgTables.has(f.parent) && !orgTables.has(f.child) && f.child !== "audit_events");
  if (superuser && !outsideReferences) {
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from blob_chunks where storage_key in (select storage_key from evidence where org_id = ${orgId})`.execute(trx);
      for (const table of order) await sql`delete from ${sql.table(table)} where org_id = ${orgId}`.execute(trx);
      await trx.deleteFrom("organisations").where("id", "=", orgId).execute();
    });
    return true;
  }

  await db.transaction().execute(async (trx) => {
    await sql`delete from blob_chunks where storage_key in (select storage_key from evidence where org_id = ${orgId})`.execute(trx);
    for (const table of order) {
      if (table === "suppliers") continue;
      await sql`delete from ${sql.table(table)} where org_id = ${orgId}`.execute(trx);
    }
  });
  if (referencingSuppliers.length) {
    await sql`vacuum ${sql.join(referencingSuppliers.map((t) => sql.table(t)))}`.execute(db);
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("suppliers").where("org_id", "=", orgId).execute();
    await trx.deleteFrom("organisations").where("id", "=", orgId).execute();
  });
  return true;
}

/** Tables ordered so that a table comes before every table it references (self-references ignored). */
function childrenFirst(tables: Set<string>, fks: readonly { child: string; parent: string }[]): string[] {
  const pending = new Set(tables);
  const order: string[] = [];
  while (pending.size) {
    // A table is ready when no other pending table references it.
    const ready = [...pending]
      .filter((t) => !fks.some((f) => f.parent === t && f.child !== t && pending.has(f.child)))
      .sort();
    const next = ready.length ? ready : [...pending].sort().slice(0, 1); // FK cycle: break it anywhere
    for (const t of next) {
      pending.delete(t);
      order.push(t);
    }
  }
  return order;
}
