import { loadSupplyGraphInput } from "../../app/data/dependencies.server";
import { buildMapView, buildSupplyGraph, computeConcentration, singlePointsOfFailure, DEFAULT_NODE_CAP } from "../../app/domain/supply-map";
import { registerBenchmark } from "../lib/harness";

/*
 * The supply-chain map's loaders at scale: tiers, cycles and concentration over the whole graph
 * (what /concentration does) and the capped map view (what /map does), against reading the same
 * graph from the database.
 */
registerBenchmark((ctx) => [
  {
    name: "tiers, cycles and concentration (/concentration)",
    baselineName: "read the graph (map input)",
    run: async () => {
      const input = await loadSupplyGraphInput(ctx.db, ctx.org.orgId);
      const result = computeConcentration(buildSupplyGraph(input));
      singlePointsOfFailure(result);
    },
    baseline: async () => {
      await loadSupplyGraphInput(ctx.db, ctx.org.orgId);
    },
    runs: Math.min(ctx.runs, 3),
  },
  {
    name: "map view capped at 1,500 nodes (/map)",
    baselineName: "read the graph (map input)",
    run: async () => {
      const input = await loadSupplyGraphInput(ctx.db, ctx.org.orgId);
      buildMapView(buildSupplyGraph(input), {}, DEFAULT_NODE_CAP);
    },
    baseline: async () => {
      await loadSupplyGraphInput(ctx.db, ctx.org.orgId);
    },
    runs: Math.min(ctx.runs, 3),
  },
]);
