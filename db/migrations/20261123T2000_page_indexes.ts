import { sql, type Kysely } from "kysely";

/*
 * Pages must stay fast at 50,000 suppliers and ~200,000 findings (issue 10: p95 < 150 ms under 20
 * clients). Each index below serves one page query that otherwise sorts or scans a whole
 * organisation; the findings summary saves the dashboard from counting every open finding on
 * every visit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Supplier list: default order (name), order by ID, and the country filter in name order. The
  // country index replaces the narrower (org_id, country) one, whose lookups it still serves.
  await db.schema.createIndex("suppliers_org_status_name_idx").on("suppliers").columns(["org_id", "status", "name", "id"]).execute();
  await db.schema.createIndex("suppliers_org_status_external_id_idx").on("suppliers").columns(["org_id", "status", "external_id", "id"]).execute();
  await db.schema.createIndex("suppliers_org_country_name_idx").on("suppliers").columns(["org_id", "country", "status", "name", "id"]).execute();
  await db.schema.dropIndex("suppliers_org_country_idx").execute();

  // Supplier list sorted by a computed figure (supplier_results), worst first or best first.
  await db.schema.dropIndex("supplier_results_org_risk_idx").execute();
  await db.schema.dropIndex("supplier_results_org_tier_idx").execute();
  for (const column of ["effective_rto_min", "risk_score", "tier"]) {
    await db.schema.createIndex(`supplier_results_org_${column}_idx`).on("supplier_results").columns(["org_id", column, "supplier_id"]).execute();
  }

  // Dashboard "top findings": most severe first, oldest first. The expression must match the
  // ORDER BY in app/data/dashboard.server.ts exactly for the planner to use it.
  await sql`
    create index findings_org_status_rank_idx on findings
      (org_id, status, (case severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end) desc, first_seen_at, id)
  `.execute(db);

  // Findings list: the kinds present (a loose index scan) and the kind filter.
  await db.schema.createIndex("findings_org_kind_idx").on("findings").columns(["org_id", "kind"]).execute();

  // Dashboard: overdue questionnaires and evidence expiring soon, without scanning the organisation's.
  await sql`
    create index assessments_open_due_idx on assessments (org_id, due_date)
      where status not in ('submitted', 'approved', 'rejected')
  `.execute(db);
  await db.schema.createIndex("evidence_org_status_valid_to_idx").on("evidence").columns(["org_id", "status", "valid_to"]).execute();

  // Heat map: qualified alternates of a vendor for one service. Also the foreign keys that had no
  // index of their own (deleting a supplier scanned these tables).
  await db.schema.createIndex("alternates_for_service_idx").on("alternates").columns(["org_id", "for_service_id", "replaces_id"]).execute();
  await db.schema.createIndex("alternates_alternate_idx").on("alternates").columns(["org_id", "alternate_id"]).execute();
  await db.schema.createIndex("memberships_supplier_idx").on("memberships").columns(["org_id", "supplier_id"]).execute();
  await db.schema.createIndex("invitations_supplier_idx").on("invitations").columns(["org_id", "supplier_id"]).execute();
  // "Activity" on a supplier's page: its latest audit events, however long the organisation's log.
  await db.schema.createIndex("audit_events_entity_idx").on("audit_events").columns(["org_id", "entity_id", "id"]).execute();

  // Open findings per organisation, status and severity, kept by statement-level triggers so every
  // writer (recompute, status changes, deletes) keeps it right without knowing about it.
  await db.schema
    .createTable("finding_counts")
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("finding_counts_pkey", ["org_id", "status", "severity"])
    .execute();
  await sql`
    create function finding_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into finding_counts (org_id, status, severity, count)
          select o.org_id, o.status, o.severity, -count(*) from old_rows o
          where exists (select 1 from organisations g where g.id = o.org_id)
          group by 1, 2, 3
        on conflict (org_id, status, severity) do update set count = finding_counts.count + excluded.count;
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        insert into finding_counts (org_id, status, severity, count)
          select n.org_id, n.status, n.severity, count(*) from new_rows n group by 1, 2, 3
        on conflict (org_id, status, severity) do update set count = finding_counts.count + excluded.count;
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`create trigger finding_counts_insert after insert on findings referencing new table as new_rows for each statement execute function finding_counts_apply()`.execute(db);
  await sql`create trigger finding_counts_update after update on findings referencing old table as old_rows new table as new_rows for each statement execute function finding_counts_apply()`.execute(db);
  await sql`create trigger finding_counts_delete after delete on findings referencing old table as old_rows for each statement execute function finding_counts_apply()`.execute(db);
  await sql`
    insert into finding_counts (org_id, status, severity, count)
      select org_id, status, severity, count(*) from findings group by 1, 2, 3
  `.execute(db);

  // Suppliers per organisation and status, the same way: the unfiltered supplier list shows its
  // total without counting 50,000 rows on every page.
  await db.schema
    .createTable("supplier_counts")
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("supplier_counts_pkey", ["org_id", "status"])
    .execute();
  await sql`
    create function supplier_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into supplier_counts (org_id, status, count)
          select o.org_id, o.status, -count(*) from old_rows o
          where exists (select 1 from organisations g where g.id = o.org_id)
          group by 1, 2
        on conflict (org_id, status) do update set count = supplier_counts.count + excluded.count;
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        insert into supplier_counts (org_id, status, count)
          select n.org_id, n.status, count(*) from new_rows n group by 1, 2
        on conflict (org_id, status) do update set count = supplier_counts.count + excluded.count;
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`create trigger supplier_counts_insert after insert on suppliers referencing new table as new_rows for each statement execute function supplier_counts_apply()`.execute(db);
  await sql`create trigger supplier_counts_update after update on suppliers referencing old table as old_rows new table as new_rows for each statement execute function supplier_counts_apply()`.execute(db);
  await sql`create trigger supplier_counts_delete after delete on suppliers referencing old table as old_rows for each statement execute function supplier_counts_apply()`.execute(db);
  await sql`insert into supplier_counts (org_id, status, count) select org_id, status, count(*) from suppliers group by 1, 2`.execute(db);

  // Every statement that changes an organisation's supply graph appends a row here, so the cached
  // graph (app/data/supply-graph-cache.server.ts) knows it is stale, whoever wrote: the app, an
  // import, the CLI or a person with psql. Append-only, so writers never wait on each other; every
  // 256th change trims the organisation's older rows.
  await db.schema
    .createTable("graph_changes")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("org_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("graph_changes_org_idx").on("graph_changes").columns(["org_id", "id"]).execute();
  await sql`
    create function graph_changes_note(changed uuid) returns void language plpgsql as $$
    declare
      new_id bigint;
    begin
      -- Skipped while the organisation itself is being deleted (cascades).
      if exists (select 1 from organisations where id = changed) then
        insert into graph_changes (org_id) values (changed) returning id into new_id;
        if new_id % 256 = 0 then
          delete from graph_changes where org_id = changed and id < new_id;
        end if;
      end if;
    end $$
  `.execute(db);
  // Transition tables exist only for the operations a trigger is declared for, hence three branches.
  await sql`
    create function graph_changes_record() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform graph_changes_note(org_id) from (select distinct org_id from new_rows) c;
      elsif tg_op = 'DELETE' then
        perform graph_changes_note(org_id) from (select distinct org_id from old_rows) c;
      else
        perform graph_changes_note(org_id) from (select org_id from new_rows union select org_id from old_rows) c;
      end if;
      return null;
    end $$
  `.execute(db);
  for (const table of GRAPH_TABLES) {
    await sql`create trigger ${sql.id(`${table}_graph_insert`)} after insert on ${sql.table(table)} referencing new table as new_rows for each statement execute function graph_changes_record()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_graph_update`)} after update on ${sql.table(table)} referencing old table as old_rows new table as new_rows for each statement execute function graph_changes_record()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_graph_delete`)} after delete on ${sql.table(table)} referencing old table as old_rows for each statement execute function graph_changes_record()`.execute(db);
  }
}

const GRAPH_TABLES = ["suppliers", "dependencies", "alternates", "internal_services", "service_suppliers"] as const;

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of GRAPH_TABLES) {
    for (const op of ["insert", "update", "delete"]) await sql`drop trigger ${sql.id(`${table}_graph_${op}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function graph_changes_record()`.execute(db);
  await sql`drop function graph_changes_note(uuid)`.execute(db);
  await db.schema.dropTable("graph_changes").execute();
  for (const [table, kind] of [
    ["suppliers", "supplier_counts"],
    ["findings", "finding_counts"],
  ] as const) {
    for (const op of ["insert", "update", "delete"]) await sql`drop trigger ${sql.id(`${kind}_${op}`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function ${sql.id(`${kind}_apply`)}()`.execute(db);
    await db.schema.dropTable(kind).execute();
  }
  for (const index of [
    "audit_events_entity_idx",
    "invitations_supplier_idx",
    "memberships_supplier_idx",
    "alternates_alternate_idx",
    "alternates_for_service_idx",
    "evidence_org_status_valid_to_idx",
    "assessments_open_due_idx",
    "findings_org_kind_idx",
    "findings_org_status_rank_idx",
    "supplier_results_org_effective_rto_min_idx",
    "supplier_results_org_risk_score_idx",
    "supplier_results_org_tier_idx",
    "suppliers_org_country_name_idx",
    "suppliers_org_status_external_id_idx",
    "suppliers_org_status_name_idx",
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.createIndex("suppliers_org_country_idx").on("suppliers").columns(["org_id", "country"]).execute();
  await db.schema.createIndex("supplier_results_org_risk_idx").on("supplier_results").columns(["org_id", "risk_score"]).execute();
  await db.schema.createIndex("supplier_results_org_tier_idx").on("supplier_results").columns(["org_id", "tier"]).execute();
}
