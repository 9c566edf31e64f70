import type { Kysely } from "kysely";
import type { DatabaseHandle } from "../../db/connection";
import type { Database } from "../../db/schema";
import type { GenerateResult } from "../generate";
import { RssSampler } from "./rss";
import { median, percentile } from "./stats";

/**
 * The benchmark harness's extension point.
 *
 * A benchmark is a pair of operations measured in the same process, against the same database and the
 * same generated organisation: the operation itself and a baseline that does the irreducible part of
 * the same work (bare inserts, a count, a static response, …). Both run BENCH_RUNS times,
 * interleaved; the report gives the median and p95 of each and the ratio of the medians, which is
 * what stays comparable from one machine to another.
 *
 * Register from a suite module in bench/suites/ (loaded by bench/run.ts after the organisation is
 * generated), at import time:
 *
 *   registerBenchmark((ctx) => ({
 *     name: "recompute the resilience model",
 *     baselineName: "read the graph",
 *     run: async () => { ... },
 *     baseline: async () => { ... },
 *   }));
 */
export type Measure = "time" | "rss";
export type Phase = "run" | "baseline";

export interface Benchmark {
  name: string;
  baselineName: string;
  run: () => Promise<void>;
  baseline: () => Promise<void>;
  /** What is compared: wall time (default) or the peak growth of the resident set during the call. */
  measure?: Measure;
  /** Measured runs of each of run and baseline; default BENCH_RUNS. */
  runs?: number;
  /** Unmeasured runs of each before measuring (JIT, caches); default 1. */
  warmup?: number;
  /** Unmeasured preparation before every call of run or baseline (e.g. deleting what the last call made). */
  beforeEach?: (phase: Phase) => Promise<void>;
  /** Unmeasured clean-up once the benchmark is done. */
  teardown?: () => Promise<void>;
  /** A remark printed under the table (what the baseline is, caveats). */
  note?: string;
}

/** What every benchmark can use: the database and the organisation generated for this run. */
export interface BenchContext {
  db: Kysely<Database>;
  handle: DatabaseHandle;
  database: { kind: "postgres" | "pglite"; label: string; version: string };
  /** The organisation generated once for the whole run (slug "bench"). */
  org: GenerateResult;
  suppliers: number;
  services: number;
  seed: number;
  runs: number;
  /** A scratch directory for files (exports, uploads), removed at the end. */
  tmpDir: string;
}

export type BenchmarkFactory = (ctx: BenchContext) => Benchmark | Benchmark[] | Promise<Benchmark | Benchmark[]>;

const registry: BenchmarkFactory[] = [];

/** Adds benchmarks to the run: a benchmark, or a function of the run's context that returns some. */
export function registerBenchmark(entry: Benchmark | BenchmarkFactory): void {
  registry.push(typeof entry === "function" ? entry : () => entry);
}

export async function instantiateBenchmarks(ctx: BenchContext): Promise<Benchmark[]> {
  const all: Benchmark[] = [];
  for (const factory of registry) {
    const made = await factory(ctx);
    all.push(...(Array.isArray(made) ? made : [made]));
  }
  return all;
}

export interface Sample {
  ms: number;
  /** Peak RSS growth during the call, bytes. */
  rssBytes: number;
}

export interface SeriesStats {
  name: string;
  samples: Sample[];
  /** In the benchmark's measure: ms for time, bytes for rss. */
  median: number;
  p95: number;
}

export interface BenchmarkResult {
  name: string;
  measure: Measure;
  runs: number;
  run: SeriesStats;
  baseline: SeriesStats;
  /** median(run) / median(baseline). */
  ratio: number;
  note?: string;
  error?: string;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function sample(fn: () => Promise<void>): Promise<Sample> {
  gc?.();
  const sampler = new RssSampler().start(10);
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const { startRss, peakRss } = sampler.stop();
  return { ms, rssBytes: Math.max(0, peakRss - startRss) };
}

function stats(name: string, samples: Sample[], measure: Measure): SeriesStats {
  const values = samples.map((s) => (measure === "rss" ? s.rssBytes : s.ms));
  return { name, samples, median: median(values), p95: percentile(values, 95) };
}

/** Runs one benchmark: warm-up, then `runs` interleaved pairs of run and baseline. */
export async function measureBenchmark(b: Benchmark, defaultRuns: number, log: (line: string) => void = () => {}): Promise<BenchmarkResult> {
  const measure = b.measure ?? "time";
  const runs = Math.max(1, b.runs ?? defaultRuns);
  const runSamples: Sample[] = [];
  const baselineSamples: Sample[] = [];
  try {
    for (let i = 0; i < (b.warmup ?? 1); i++) {
      await b.beforeEach?.("run");
      await b.run();
      await b.beforeEach?.("baseline");
      await b.baseline();
    }
    for (let i = 0; i < runs; i++) {
      await b.beforeEach?.("run");
      runSamples.push(await sample(b.run));
      await b.beforeEach?.("baseline");
      baselineSamples.push(await sample(b.baseline));
      log(`  ${b.name}: run ${i + 1}/${runs} ${runSamples.at(-1)!.ms.toFixed(1)} ms, baseline ${baselineSamples.at(-1)!.ms.toFixed(1)} ms`);
    }
  } catch (error) {
    return {
      name: b.name,
      measure,
      runs: runSamples.length,
      run: stats(b.name, runSamples, measure),
      baseline: stats(b.baselineName, baselineSamples, measure),
      ratio: Number.NaN,
      note: b.note,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await b.teardown?.();
  }
  const run = stats(b.name, runSamples, measure);
  const baseline = stats(b.baselineName, baselineSamples, measure);
  return { name: b.name, measure, runs, run, baseline, ratio: run.median / baseline.median, note: b.note };
}
