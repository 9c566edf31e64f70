import { recomputeOrganisation } from "../../app/resilience.server";
import type { BenchContext } from "./harness";

/**
 * The generator writes only an organisation's inputs. Suites that measure what users see (pages,
 * the risk register with its findings) call this first, untimed: the results are computed once.
 */
export async function ensureResultsComputed(ctx: BenchContext): Promise<void> {
  const org = await ctx.db.selectFrom("organisations").select("results_computed_at").where("id", "=", ctx.org.orgId).executeTakeFirstOrThrow();
  if (!org.results_computed_at) await recomputeOrganisation(ctx.db, ctx.org.orgId);
}
