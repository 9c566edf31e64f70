import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { recordAudit } from "../audit.server";
import { normalizeName, websiteDomain } from "../domain/names";
import { candidatePairs, findMatch, pairKey, type MatchReason, type ResolvableEntity } from "../domain/supply-map";
import type { Db } from "./types";

/*
 * Entity resolution against the supplier registry: find an existing company for a declared one,
 * list candidate duplicates for review, merge two suppliers (reversibly) or mark them distinct.
 */

export interface DeclaredCompany {
  name: string;
  country: string | null;
  lei?: string | null;
  duns?: string | null;
  website?: string | null;
}

const ENTITY_COLUMNS = ["id", "name", "country", "lei", "duns", "website", "external_id", "is_vendor", "status"] as const;

/** The existing active supplier that is this company, with why; null when none. One indexed query. */
export async function findExistingSupplier(db: Db, orgId: string, company: DeclaredCompany) {
  const normalized = normalizeName(company.name);
  const domain = websiteDomain(company.website);
  const candidates = await db
    .selectFrom("suppliers")
    .select([...ENTITY_COLUMNS])
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .where((eb) =>
      eb.or([
        ...(company.country ? [eb.and([eb("normalized_name", "=", normalized), eb("country", "=", company.country)])] : []),
        ...(company.lei ? [eb(sql<string>`upper(replace(lei, ' ', ''))`, "=", company.lei.replace(/\s+/g, "").toUpperCase())] : []),
        ...(company.duns ? [eb(sql<string>`regexp_replace(duns, '\\D', '', 'g')`, "=", company.duns.replace(/\D+/g, ""))] : []),
        ...(domain ? [eb("website", "ilike", `%${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)] : []),
      ]),
    )
    .limit(50)
    .execute();
  return findMatch(
    { name: company.name, country: company.country, lei: company.lei ?? null, duns: company.duns ?? null, website: company.website ?? null },
    candidates,
  );
}

/**
 * The supplier a declaration refers to: an existing one when entity resolution finds it, else a new
 * (non-vendor) supplier. Returns whether it was created and why it matched.
 */
export async function resolveOrCreateSupplier(
  db: Db,
  orgId: string,
  company: DeclaredCompany,
): Promise<{ id: string; name: string; created: boolean; reasons: MatchReason[] }> {
  const match = await findExistingSupplier(db, orgId, company);
  if (match) return { id: match.entity.id, name: match.entity.name, created: false, reasons: match.reasons };
  const row = await db
    .insertInto("suppliers")
    .values({
      org_id: orgId,
      external_id: `SUB-${randomBytes(5).toString("hex").toUpperCase()}`,
      name: company.name,
      normalized_name: normalizeName(company.name),
      country: company.country,
      is_vendor: false,
      lei: company.lei || null,
      duns: company.duns || null,
      website: company.website || null,
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, created: true, reasons: [] };
}

/** Candidate duplicate pairs among active suppliers, minus pairs procurement marked distinct. */
export async function listMergeCandidates(db: Db, orgId: string, limit = 200) {
  const [entities, distinct] = await Promise.all([
    db.selectFrom("suppliers").select([...ENTITY_COLUMNS]).where("org_id", "=", orgId).where("status", "=", "active").execute(),
    db.selectFrom("supplier_distinct_pairs").select(["a_id", "b_id"]).where("org_id", "=", orgId).execute(),
  ]);
  return candidatePairs<(typeof entities)[number] & ResolvableEntity>(entities, new Set(distinct.map((d) => pairKey(d.a_id, d.b_id))), limit);
}

export async function markDistinct(db: Db, orgId: string, x: string, y: string, userId: string) {
  const [a, b] = x < y ? [x, y] : [y, x];
  await db
    .insertInto("supplier_distinct_pairs")
    .values({ org_id: orgId, a_id: a, b_id: b, decided_by: userId })
    .onConflict((oc) => oc.columns(["org_id", "a_id", "b_id"]).doNothing())
    .execute();
}

export async function listMerges(db: Db, orgId: string, limit = 100) {
  return db
    .selectFrom("supplier_merges as m")
    .innerJoin("suppliers as k", "k.id", "m.kept_id")
    .innerJoin("suppliers as g", "g.id", "m.merged_id")
    .leftJoin("users as u", "u.id", "m.merged_by")
    .select([
      "m.id",
      "m.kept_id",
      "m.merged_id",
      "m.reason",
      "m.merged_at",
      "m.undone_at",
      "m.moved",
      "k.name as kept_name",
      "g.name as merged_name",
      "u.name as merged_by_name",
    ])
    .where("m.org_id", "=", orgId)
    .orderBy("m.merged_at", "desc")
    .limit(limit)
    .execute();
}

type Row = Record<string, unknown>;

export interface MergeRecord {
  /** Rows re-pointed from the merged supplier to the kept one: table → column → ids. */
  repointed: Record<string, Record<string, string[]>>;
  /** Rows removed because the kept supplier already had the same link (restored on undo). */
  removed: Record<string, Row[]>;
  previousStatus: string;
}

export type MergeOutcome = { ok: true; mergeId: string; record: MergeRecord } | { ok: false; status: number; message: string };

/**
 * Folds supplier `mergedId` into `keptId` in one transaction: its dependencies (both directions),
 * alternates, service links, evidence, assessments and vendor users move to the kept supplier
 * (links the kept supplier already has are removed instead of duplicated, as are links that would
 * become self-loops), it is archived, and what moved is recorded so the merge can be undone.
 */
export async function mergeSuppliers(
  db: Db,
  orgId: string,
  keptId: string,
  mergedId: string,
  actor: { userId: string; ip: string | null },
  reason = "",
): Promise<MergeOutcome> {
  if (keptId === mergedId) return { ok: false, status: 400, message: "A supplier cannot be merged into itself." };
  return db.transaction().execute(async (trx) => {
    const both = await trx
      .selectFrom("suppliers")
      .select(["id", "name", "status"])
      .where("org_id", "=", orgId)
      .where("id", "in", [keptId, mergedId])
      .forUpdate()
      .execute();
    const kept = both.find((s) => s.id === keptId);
    const merged = both.find((s) => s.id === mergedId);
    if (!kept || !merged) return { ok: false as const, status: 404, message: "Supplier not found." };
    if (kept.status !== "active" || merged.status !== "active") {
      return { ok: false as const, status: 409, message: "Both suppliers must be active to merge them." };
    }
    const record: MergeRecord = { repointed: {}, removed: {}, previousStatus: merged.status };
    const note = (table: string, column: string, ids: { id: string }[]) => {
      if (!ids.length) return;
      (record.repointed[table] ??= {})[column] = ids.map((r) => r.id);
    };
    const removed = (table: string, rows: Row[]) => {
      if (rows.length) (record.removed[table] ??= []).push(...rows);
    };

    // Dependencies of the merged supplier: drop those the kept one already has (or that would point at itself).
    removed(
      "dependencies",
      await trx
        .deleteFrom("dependencies as d")
        .where("d.org_id", "=", orgId)
        .where("d.supplier_id", "=", mergedId)
        .where((eb) =>
          eb.or([
            eb("d.depends_on_id", "=", keptId),
            eb.exists(
              eb
                .selectFrom("dependencies as x")
                .select("x.id")
                .where("x.org_id", "=", orgId)
                .where("x.supplier_id", "=", keptId)
                .whereRef("x.depends_on_id", "=", "d.depends_on_id"),
            ),
          ]),
        )
        .returningAll()
        .execute(),
    );
    note(
      "dependencies",
      "supplier_id",
      await trx.updateTable("dependencies").set({ supplier_id: keptId, updated_at: new Date() }).where("org_id", "=", orgId).where("supplier_id", "=", mergedId).returning("id").execute(),
    );
    // Dependencies on the merged supplier.
    removed(
      "dependencies",
      await trx
        .deleteFrom("dependencies as d")
        .where("d.org_id", "=", orgId)
        .where("d.depends_on_id", "=", mergedId)
        .where((eb) =>
          eb.or([
            eb("d.supplier_id", "=", keptId),
            eb.exists(
              eb
                .selectFrom("dependencies as x")
                .select("x.id")
                .where("x.org_id", "=", orgId)
                .where("x.depends_on_id", "=", keptId)
                .whereRef("x.supplier_id", "=", "d.supplier_id"),
            ),
          ]),
        )
        .returningAll()
        .execute(),
    );
    note(
      "dependencies",
      "depends_on_id",
      await trx.updateTable("dependencies").set({ depends_on_id: keptId, updated_at: new Date() }).where("org_id", "=", orgId).where("depends_on_id", "=", mergedId).returning("id").execute(),
    );

    // Alternates: drop those that would name the kept supplier as its own alternate, re-point the rest.
    removed(
      "alternates",
      await trx
        .deleteFrom("alternates")
        .where("org_id", "=", orgId)
        .where((eb) =>
          eb.or([
            eb.and([eb("replaces_id", "=", mergedId), eb("alternate_id", "=", keptId)]),
            eb.and([eb("replaces_id", "=", keptId), eb("alternate_id", "=", mergedId)]),
          ]),
        )
        .returningAll()
        .execute(),
    );
    for (const column of ["replaces_id", "alternate_id", "for_supplier_id"] as const) {
      note(
        "alternates",
        column,
        await trx.updateTable("alternates").set({ [column]: keptId, updated_at: new Date() }).where("org_id", "=", orgId).where(column, "=", mergedId).returning("id").execute(),
      );
    }

    // Service links (keyed by service + supplier).
    const links = await trx
      .deleteFrom("service_suppliers as ss")
      .where("ss.org_id", "=", orgId)
      .where("ss.supplier_id", "=", mergedId)
      .returningAll()
      .execute();
    if (links.length) {
      const existing = new Set(
        (
          await trx
            .selectFrom("service_suppliers")
            .select("service_id")
            .where("org_id", "=", orgId)
            .where("supplier_id", "=", keptId)
            .execute()
        ).map((r) => r.service_id),
      );
      const moved = links.filter((l) => !existing.has(l.service_id));
      removed("service_suppliers", links as unknown as Row[]);
      if (moved.length) {
        await trx
          .insertInto("service_suppliers")
          .values(moved.map((l) => ({ org_id: orgId, service_id: l.service_id, supplier_id: keptId, created_at: l.created_at })))
          .execute();
      }
      record.repointed.service_suppliers = { service_id: moved.map((l) => l.service_id) };
    }

    for (const table of ["evidence", "assessments", "memberships"] as const) {
      note(table, "supplier_id", await trx.updateTable(table).set({ supplier_id: keptId }).where("org_id", "=", orgId).where("supplier_id", "=", mergedId).returning("id").execute());
    }

    await trx.updateTable("suppliers").set({ status: "archived", updated_at: new Date() }).where("id", "=", mergedId).execute();
    const merge = await trx
      .insertInto("supplier_merges")
      .values({ org_id: orgId, kept_id: keptId, merged_id: mergedId, reason, moved: JSON.stringify(record), merged_by: actor.userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    const summary = { mergeId: merge.id, kept: { id: keptId, name: kept.name }, merged: { id: mergedId, name: merged.name }, reason, counts: countMoved(record) };
    for (const entityId of [keptId, mergedId]) {
      await recordAudit(trx, { orgId, actorUserId: actor.userId, action: "supplier.merged", entityType: "supplier", entityId, summary, ip: actor.ip });
    }
    return { ok: true as const, mergeId: merge.id, record };
  });
}

function countMoved(record: MergeRecord) {
  const counts: Record<string, number> = {};
  for (const [table, columns] of Object.entries(record.repointed)) {
    counts[table] = Object.values(columns).reduce((sum, ids) => sum + ids.length, 0);
  }
  for (const [table, rows] of Object.entries(record.removed)) counts[`${table}_removed`] = rows.length;
  return counts;
}

/** Undoes a merge: moves the recorded rows back, restores removed links and the merged supplier. */
export async function undoMerge(db: Db, orgId: string, mergeId: string, actor: { userId: string; ip: string | null }) {
  return db.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom("supplier_merges")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("id", "=", mergeId)
      .forUpdate()
      .executeTakeFirst();
    if (!merge) return { ok: false as const, status: 404, message: "Merge not found." };
    if (merge.undone_at) return { ok: false as const, status: 409, message: "This merge was already undone." };
    const record = merge.moved as unknown as MergeRecord;
    const { kept_id: keptId, merged_id: mergedId } = merge;
    const now = new Date();

    // Service links first: remove the moved ones from the kept supplier, then restore all of the merged one's.
    const movedServices = record.repointed.service_suppliers?.service_id ?? [];
    if (movedServices.length) {
      await trx.deleteFrom("service_suppliers").where("org_id", "=", orgId).where("supplier_id", "=", keptId).where("service_id", "in", movedServices).execute();
    }
    for (const [table, columns] of Object.entries(record.repointed)) {
      if (table === "service_suppliers") continue;
      for (const [column, ids] of Object.entries(columns)) {
        if (!ids.length) continue;
        await trx
          .updateTable(table as "dependencies")
          .set({ [column]: mergedId } as never)
          .where("org_id", "=", orgId)
          .where("id", "in", ids)
          .where(column as "supplier_id", "=", keptId)
          .execute();
      }
    }
    for (const [table, rows] of Object.entries(record.removed)) {
      if (!rows.length) continue;
      await trx
        .insertInto(table as "dependencies")
        .values(rows as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await trx.updateTable("suppliers").set({ status: "active", updated_at: now }).where("org_id", "=", orgId).where("id", "=", mergedId).execute();
    await trx.updateTable("supplier_merges").set({ undone_at: now, undone_by: actor.userId }).where("id", "=", mergeId).execute();
    for (const entityId of [keptId, mergedId]) {
      await recordAudit(trx, {
        orgId,
        actorUserId: actor.userId,
        action: "supplier.merge_undone",
        entityType: "supplier",
        entityId,
        summary: { mergeId, kept: keptId, merged: mergedId },
        ip: actor.ip,
      });
    }
    return { ok: true as const, keptId, mergedId };
  });
}
