import { sql } from "kysely";
import { computeResilience } from "../../app/domain/resilience";
import { loadResilienceInput, recomputeOrganisation } from "../../app/resilience.server";
import { registerBenchmark } from "../lib/harness";

/*
 * The full resilience recompute (read the graph, run the engine, fingerprint every row, store the
 * supplier/service results and findings that changed, and the daily snapshot) against its baseline:
 * one pass reading the same rows. Three situations: nothing changed since the last recompute (the
 * common case: a recompute runs after every edit), one supplier's RTO changed, and the first
 * compute ever (every row written). Also the pure engine alone, to show where the time goes.
 */
registerBenchmark((ctx) => {
  const { db } = ctx;
  const orgId = ctx.org.orgId;
  const baseline = async () => {
    await loadResilienceInput(db, orgId, new Date());
  };
  const runs = Math.min(ctx.runs, 3);
  const target = "Target at 50,000 suppliers / 500,000 dependencies on PostgreSQL: < 3 s.";
  let supplier: { id: string; declared_rto_min: number | null } | undefined;
  let flip = 0;
  return [
    {
      name: "engine recompute (read + compute + store), nothing changed",
      baselineName: "read the engine's input rows",
      run: async () => {
        await recomputeOrganisation(db, orgId);
      },
      baseline,
      runs,
      note: `${target} The warm-up stores everything once; every measured run finds all rows unchanged.`,
    },
    {
      name: "engine recompute (read + compute + store), one supplier changed",
      baselineName: "read the engine's input rows",
      beforeEach: async (phase) => {
        if (phase !== "run") return;
        // A vendor's declared RTO goes up and down by an hour: its own row, its findings and
        // whatever relies on it change.
        supplier ??= await db
          .selectFrom("suppliers")
          .select(["id", "declared_rto_min"])
          .where("org_id", "=", orgId)
          .where("is_vendor", "=", true)
          .where("declared_rto_min", "is not", null)
          .orderBy("id")
          .executeTakeFirstOrThrow();
        flip = 1 - flip;
        await db
          .updateTable("suppliers")
          .set({ declared_rto_min: (supplier.declared_rto_min ?? 0) + 60 * flip })
          .where("id", "=", supplier.id)
          .execute();
      },
      run: async () => {
        await recomputeOrganisation(db, orgId);
      },
      baseline,
      runs,
      teardown: async () => {
        if (supplier) await db.updateTable("suppliers").set({ declared_rto_min: supplier.declared_rto_min }).where("id", "=", supplier.id).execute();
        await recomputeOrganisation(db, orgId);
      },
    },
    {
      name: "engine first compute (read + compute + store everything)",
      baselineName: "read the engine's input rows",
      beforeEach: async (phase) => {
        if (phase !== "run") return;
        // Untimed: forget every stored result, as for an organisation computed for the first time.
        await db.deleteFrom("findings").where("org_id", "=", orgId).execute();
        await db.deleteFrom("supplier_results").where("org_id", "=", orgId).execute();
        await db.deleteFrom("service_results").where("org_id", "=", orgId).execute();
        await sql`vacuum analyze findings, supplier_results, service_results`.execute(db);
      },
      run: async () => {
        await recomputeOrganisation(db, orgId);
      },
      baseline,
      runs: Math.min(ctx.runs, 2),
      warmup: 0,
      note: "Writes every supplier result (path and risk parts as JSON) and every finding (reason and path).",
    },
    {
      name: "engine compute only (pure, in memory)",
      baselineName: "read the engine's input rows",
      ...(() => {
        let input: Awaited<ReturnType<typeof loadResilienceInput>>["input"] | null = null;
        return {
          beforeEach: async () => {
            input ??= (await loadResilienceInput(db, orgId, new Date())).input;
          },
          run: async () => {
            const result = computeResilience(input!);
            // Findings and paths are built on first access: touch them as a first compute would.
            for (const f of result.findings) void f.reason;
          },
          baseline,
        };
      })(),
      runs,
    },
  ];
});
