import { computeResilience } from "../../app/domain/resilience";
import { loadResilienceInput, recomputeOrganisation } from "../../app/resilience.server";
import { registerBenchmark } from "../lib/harness";

/*
 * The full resilience recompute (read the graph, run the engine, store supplier/service results,
 * findings and the daily snapshot) against its baseline: one pass reading the same rows.
 * Also the pure engine alone, to show where the time goes.
 */
registerBenchmark((ctx) => [
  {
    name: "engine recompute (read + compute + store)",
    baselineName: "read the engine's input rows",
    run: async () => {
      await recomputeOrganisation(ctx.db, ctx.org.orgId);
    },
    baseline: async () => {
      await loadResilienceInput(ctx.db, ctx.org.orgId, new Date());
    },
    runs: Math.min(ctx.runs, 3),
    note: "Target at 50,000 suppliers / 500,000 dependencies on PostgreSQL: < 3 s.",
  },
  {
    name: "engine compute only (pure, in memory)",
    baselineName: "read the engine's input rows",
    ...(() => {
      let input: Awaited<ReturnType<typeof loadResilienceInput>>["input"] | null = null;
      return {
        beforeEach: async () => {
          input ??= (await loadResilienceInput(ctx.db, ctx.org.orgId, new Date())).input;
        },
        run: async () => {
          const result = computeResilience(input!);
          // Findings and paths are built on first access: touch them as storing would.
          for (const f of result.findings) void f.reason;
        },
        baseline: async () => {
          await loadResilienceInput(ctx.db, ctx.org.orgId, new Date());
        },
      };
    })(),
    runs: Math.min(ctx.runs, 3),
  },
]);
