import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOrganisation, type GenerateResult } from "../../../bench/generate";
import { deleteOrganisation } from "../../../bench/lib/org";
import { normalizeName } from "../../../app/domain/names";
import { openDatabase, type DatabaseHandle } from "../../../db/connection";
import { migrateToLatest } from "../../../db/migrate";

/*
 * The benchmark data generator on an in-memory PGlite with a small organisation: the same seed gives
 * the same rows, and the graph has the promised shape (valid edges, tiers 1–5, cycles, services with
 * vendors, correct blob hashes).
 */

const REFERENCE_DATE = new Date("2026-11-23T00:00:00Z");
const SUPPLIERS = 300;

let handle: DatabaseHandle;
let first: GenerateResult;

beforeAll(async () => {
  handle = openDatabase({ kind: "pglite", dataDir: ":memory:" });
  await migrateToLatest(handle.db);
  first = await generateOrganisation(handle.db, { slug: "gen-a", suppliers: SUPPLIERS, services: 40, seed: 42, referenceDate: REFERENCE_DATE });
}, 60_000);

afterAll(async () => {
  await handle?.db.destroy();
});

/** Everything that must not depend on the run: rows keyed by external ids instead of uuids. */
async function contentOf(orgId: string) {
  const db = handle.db;
  const suppliers = await db
    .selectFrom("suppliers")
    .select(["id", "external_id", "name", "normalized_name", "country", "is_vendor", "criticality", "contact_email", "lei", "duns", "website", "declared_rto_min", "declared_rpo_min", "tested_rto_min", "tested_rpo_min", "tested_at"])
    .where("org_id", "=", orgId)
    .orderBy("external_id")
    .execute();
  const ext = new Map(suppliers.map((s) => [s.id, s.external_id]));
  const services = await db.selectFrom("internal_services").selectAll().where("org_id", "=", orgId).orderBy("external_id").execute();
  const svc = new Map(services.map((s) => [s.id, s.external_id]));
  const edges = (await db.selectFrom("dependencies").selectAll().where("org_id", "=", orgId).execute())
    .map((d) => `${ext.get(d.supplier_id)}>${ext.get(d.depends_on_id)} ${d.supplies} ${d.single_source} ${d.buffer_min} ${d.declared_by}`)
    .sort();
  const alternates = (await db.selectFrom("alternates").selectAll().where("org_id", "=", orgId).execute())
    .map((a) => [ext.get(a.replaces_id), ext.get(a.alternate_id), a.for_supplier_id && ext.get(a.for_supplier_id), a.for_service_id && svc.get(a.for_service_id), a.status, a.switchover_min, a.capacity_pct].join(" "))
    .sort();
  const links = (await db.selectFrom("service_suppliers").selectAll().where("org_id", "=", orgId).execute())
    .map((l) => `${svc.get(l.service_id)}>${ext.get(l.supplier_id)}`)
    .sort();
  const assessments = (
    await db
      .selectFrom("assessments")
      .leftJoin("answers", "answers.assessment_id", "assessments.id")
      .leftJoin("questions", "questions.id", "answers.question_id")
      .select(["assessments.supplier_id", "assessments.status", "assessments.due_date", "questions.key", "answers.value"])
      .where("assessments.org_id", "=", orgId)
      .execute()
  )
    .map((a) => `${ext.get(a.supplier_id)} ${a.status} ${a.due_date?.toISOString()} ${a.key} ${JSON.stringify(a.value)}`)
    .sort();
  const evidence = (await db.selectFrom("evidence").selectAll().where("org_id", "=", orgId).execute())
    .map((e) => `${ext.get(e.supplier_id)} ${e.kind} ${e.status} ${e.sha256} ${e.size_bytes} ${e.test_date?.toISOString()} ${e.valid_to?.toISOString()}`)
    .sort();
  return {
    suppliers: suppliers.map(({ id: _id, ...rest }) => rest),
    services: services.map(({ id: _id, org_id: _org, created_at: _c, updated_at: _u, ...rest }) => rest),
    edges,
    alternates,
    links,
    assessments,
    evidence,
  };
}

describe("bench/generate: generateOrganisation", () => {
  it("writes identical rows for the same seed, different ones for another seed", async () => {
    const second = await generateOrganisation(handle.db, { slug: "gen-b", suppliers: SUPPLIERS, services: 40, seed: 42, referenceDate: REFERENCE_DATE });
    expect(second.counts).toEqual(first.counts);
    const [a, b] = [await contentOf(first.orgId), await contentOf(second.orgId)];
    expect(a.suppliers).toHaveLength(SUPPLIERS);
    expect(a.suppliers[0]!.external_id).toBe("G-000001");
    expect(a.suppliers.at(-1)!.external_id).toBe("G-000300");
    expect(b).toEqual(a);

    const other = await generateOrganisation(handle.db, { slug: "gen-c", suppliers: SUPPLIERS, services: 40, seed: 43, referenceDate: REFERENCE_DATE });
    const c = await contentOf(other.orgId);
    expect(c.suppliers.map((s) => s.name)).not.toEqual(a.suppliers.map((s) => s.name));
    expect(c.edges).not.toEqual(a.edges);

    // Clean-up helper used by the harness: removes an organisation completely.
    expect(await deleteOrganisation(handle.db, "gen-c")).toBe(true);
    expect(await handle.db.selectFrom("suppliers").select("id").where("org_id", "=", other.orgId).execute()).toEqual([]);
    expect(await deleteOrganisation(handle.db, "gen-c")).toBe(false);
  }, 30_000);

  it("refuses an existing slug unless asked to replace it", async () => {
    await expect(generateOrganisation(handle.db, { slug: "gen-a", suppliers: 20, seed: 1 })).rejects.toThrow();
    const replaced = await generateOrganisation(handle.db, { slug: "gen-d", suppliers: 20, services: 3, seed: 1 });
    const again = await generateOrganisation(handle.db, { slug: "gen-d", suppliers: 20, services: 3, seed: 1, replace: true });
    expect(again.orgId).not.toBe(replaced.orgId);
    const orgs = await handle.db.selectFrom("organisations").select("id").where("slug", "=", "gen-d").execute();
    expect(orgs).toEqual([{ id: again.orgId }]);
  }, 30_000);

  it("produces a valid tiered graph with hubs and cycles", async () => {
    const db = handle.db;
    const orgId = first.orgId;
    const suppliers = await db.selectFrom("suppliers").select(["id", "is_vendor", "name", "normalized_name"]).where("org_id", "=", orgId).execute();
    const ids = new Set(suppliers.map((s) => s.id));
    const edges = await db.selectFrom("dependencies").select(["supplier_id", "depends_on_id"]).where("org_id", "=", orgId).execute();
    expect(edges.length).toBe(first.counts.dependencies);
    expect(edges.length).toBeGreaterThan(SUPPLIERS * 5);

    // Both ends in the organisation, no self-loops, no duplicates.
    const keys = new Set<string>();
    for (const e of edges) {
      expect(ids.has(e.supplier_id)).toBe(true);
      expect(ids.has(e.depends_on_id)).toBe(true);
      expect(e.supplier_id).not.toBe(e.depends_on_id);
      keys.add(`${e.supplier_id}>${e.depends_on_id}`);
    }
    expect(keys.size).toBe(edges.length);

    const out = new Map<string, string[]>();
    const indegree = new Map<string, number>();
    for (const e of edges) {
      (out.get(e.supplier_id) ?? out.set(e.supplier_id, []).get(e.supplier_id)!).push(e.depends_on_id);
      indegree.set(e.depends_on_id, (indegree.get(e.depends_on_id) ?? 0) + 1);
    }

    // Tiers: breadth-first from the vendors; every supplier is reached, down to tier ≥ 4.
    const vendors = suppliers.filter((s) => s.is_vendor).map((s) => s.id);
    expect(vendors.length).toBe(SUPPLIERS / 10);
    const tier = new Map(vendors.map((v) => [v, 1]));
    for (let frontier = vendors, t = 1; frontier.length; t++) {
      const next: string[] = [];
      for (const u of frontier) {
        for (const w of out.get(u) ?? []) {
          if (tier.has(w)) continue;
          tier.set(w, t + 1);
          next.push(w);
        }
      }
      frontier = next;
    }
    expect(tier.size).toBe(SUPPLIERS);
    expect(Math.max(...tier.values())).toBeGreaterThanOrEqual(4);

    // Concentration: some sub-supplier sits behind far more customers than the average.
    const maxIn = Math.max(...indegree.values());
    expect(maxIn).toBeGreaterThan((edges.length / SUPPLIERS) * 3);

    // At least one cycle (iterative depth-first search, grey/black colouring).
    const colour = new Map<string, 1 | 2>();
    let cycle = false;
    for (const start of ids) {
      if (cycle) break;
      if (colour.has(start)) continue;
      const stack: [string, number][] = [[start, 0]];
      colour.set(start, 1);
      while (stack.length && !cycle) {
        const top = stack[stack.length - 1]!;
        const next = out.get(top[0])?.[top[1]++];
        if (next === undefined) {
          colour.set(top[0], 2);
          stack.pop();
        } else if (colour.get(next) === 1) {
          cycle = true;
        } else if (!colour.has(next)) {
          colour.set(next, 1);
          stack.push([next, 0]);
        }
      }
    }
    expect(cycle).toBe(true);

    // Names in several scripts, normalised with the app's normalizeName.
    for (const s of suppliers) expect(s.normalized_name).toBe(normalizeName(s.name));
    const names = suppliers.map((s) => s.name).join("\n");
    expect(names).toMatch(/\p{Script=Han}/u);
    expect(names).toMatch(/\p{Script=Cyrillic}/u);
    expect(names).toMatch(/\p{Script=Arabic}/u);
    expect(names).toMatch(/[À-ž]/u);
  }, 20_000);

  it("gives every service at least one vendor and keeps alternates, questionnaires and evidence consistent", async () => {
    const db = handle.db;
    const orgId = first.orgId;
    const services = await db
      .selectFrom("internal_services")
      .leftJoin("service_suppliers", "service_suppliers.service_id", "internal_services.id")
      .leftJoin("suppliers", "suppliers.id", "service_suppliers.supplier_id")
      .select(["internal_services.id", "internal_services.required_rto_min", "internal_services.mtpd_min", "suppliers.is_vendor", "suppliers.org_id"])
      .where("internal_services.org_id", "=", orgId)
      .execute();
    const perService = new Map<string, number>();
    for (const s of services) {
      expect(s.required_rto_min).toBeLessThanOrEqual(s.mtpd_min);
      expect(s.is_vendor).toBe(true);
      expect(s.org_id).toBe(orgId);
      perService.set(s.id, (perService.get(s.id) ?? 0) + 1);
    }
    expect(perService.size).toBe(40);
    for (const count of perService.values()) expect(count).toBeGreaterThanOrEqual(1);

    const alternates = await db.selectFrom("alternates").selectAll().where("org_id", "=", orgId).execute();
    expect(alternates.length).toBeGreaterThan(0);
    expect(new Set(alternates.map((a) => a.status)).size).toBeGreaterThan(1);

    const assessments = await db.selectFrom("assessments").select(["id", "status"]).where("org_id", "=", orgId).execute();
    expect(assessments.length).toBe(first.counts.assessments);
    expect(first.counts.answers).toBeGreaterThan(0);

    const evidence = await db
      .selectFrom("evidence")
      .innerJoin("blob_chunks", "blob_chunks.storage_key", "evidence.storage_key")
      .select(["evidence.sha256", "evidence.size_bytes", "evidence.storage_key", "blob_chunks.data"])
      .where("evidence.org_id", "=", orgId)
      .execute();
    expect(evidence.length).toBe(first.counts.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.storage_key).toMatch(/^db:[0-9a-f-]{36}$/);
      expect(e.size_bytes).toBe(e.data.length);
      expect(createHash("sha256").update(e.data).digest("hex")).toBe(e.sha256);
      expect(Buffer.from(e.data.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    }
  }, 20_000);
});
