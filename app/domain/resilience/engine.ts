/**
 * The resilience engine: effective RTO per supplier, recovery and RPO per service, with the path
 * that explains every value. Pure and synchronous; integer indices and typed arrays inside.
 *
 * Model (docs/DESIGN "The resilience model"):
 *   own(s)  = tested RTO if present and current (≤ 12 months old at asOf), else declared, else unknown
 *   rec(d)  = max(0, min(E(t), best qualified alternate switch-over for d) − buffer(d))  for d = s → t
 *   E(s)    = max(own(s), max over d of rec(d)); members of a cycle share one E; unknown propagates
 *   service = max over its vendors v of min(E(v), best qualified alternate switch-over for v on it)
 *
 * Internally "unknown" is +Infinity, which gives exactly the required algebra:
 * min(∞, a) = a, ∞ − b = ∞, max(x, ∞) = ∞. It is turned back into `null` on output.
 *
 * Cycles: strongly connected components (iterative Tarjan) are processed in reverse topological
 * order, so every component is computed once, after everything it relies on. Paths are parent
 * pointers (one cause per supplier) materialised on demand. Ties go to the own figure, then to
 * the smallest supplier id, so the output is deterministic.
 *
 * Ids referenced by a dependency or a service but missing from `suppliers` become "unlisted"
 * suppliers with unknown figures (never zero). Duplicate supplier ids are a programming error.
 */
import { Hasher } from "./fingerprint";
import { bfsLevels, cappedUpstreamOrigins, groupBy, stronglyConnectedComponents } from "./graph";
import type { CappedSets, Components } from "./graph";
import type {
  AlternateInput,
  AlternateStep,
  DependencyInput,
  FigureSource,
  PathStep,
  ResilienceInput,
  RpoStatus,
  RtoStatus,
  ServiceInput,
  ServiceResult,
  SupplierInput,
  SupplierResult,
  SupplierStep,
} from "./types";

/** A DR test older than this many months (at `asOf`) is stale: its figures are not used. */
export const STALE_TEST_MONTHS = 12;

/** Counts of vendors / services relying on a supplier are exact up to this value, then reported as this value. */
export const CONCENTRATION_COUNT_CAP = 50;

/** Cause of a supplier's effective RTO (parent pointer for path building). */
export const Cause = {
  /** Its own figure. */
  Own: 0,
  /** rec of out-edge `causeEdge` (continue at the edge's target). */
  Dependency: 1,
  /** rec of out-edge `causeEdge`, capped by the qualified alternate `outAltIdx[edge]` (path ends). */
  Alternate: 2,
  /** Inside a cycle: same value as the member at the end of out-edge `causeEdge`. */
  CycleHop: 3,
  Unset: 255,
} as const;

const SOURCE_TESTED = 0;
const SOURCE_DECLARED = 1;
const SOURCE_UNKNOWN = 2;
const SOURCES: readonly FigureSource[] = ["tested", "declared", "unknown"];

/** Start of the staleness window: tests dated before this instant are stale. */
export function staleCutoff(asOf: Date): number {
  const d = new Date(asOf.getTime());
  d.setUTCMonth(d.getUTCMonth() - STALE_TEST_MONTHS);
  return d.getTime();
}

/** True when a test dated `testedAt` is current at `asOf` (a test without a date is never current). */
export function isTestCurrent(testedAt: Date | null, asOf: Date): boolean {
  return testedAt !== null && testedAt.getTime() >= staleCutoff(asOf);
}

/** Infinity (internal "unknown") → null. */
export function toNullable(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Everything the engine computed, integer-indexed; shared with findings.ts and risk-score.ts. */
export interface EngineState {
  input: ResilienceInput;
  alternates: readonly AlternateInput[];
  services: readonly ServiceInput[];
  asOf: Date;
  /** Node count (listed suppliers first, then unlisted referenced ids). */
  n: number;
  nListed: number;
  ids: string[];
  index: Map<string, number>;
  /** Input record of each listed node (undefined for unlisted ids). */
  supplierOf: readonly SupplierInput[];
  own: Float64Array;
  ownSource: Uint8Array;
  ownRpo: Float64Array;
  rpoSource: Uint8Array;
  /** 1 when the node is a vendor (isVendor, or needed directly by a service). */
  isVendor: Uint8Array;
  /** Hop count from the organisation; -1 when unreachable. */
  tier: Int32Array;
  /** 1 when the node declared at least one dependency (self-loops included). */
  declaresDependencies: Uint8Array;
  /** Out-edges in CSR order (self-loops dropped). */
  m: number;
  outStart: Int32Array;
  outDst: Int32Array;
  /** Index of the dependency in `input.dependencies`. */
  outDep: Int32Array;
  outBuf: Float64Array;
  outSingleSource: Uint8Array;
  /** 1 when the edge's input has a qualified alternate (known switch-over or not). */
  outHasQualifiedAlt: Uint8Array;
  /** Distinct single-source inputs without a qualified alternate, per node. */
  singleSourceGaps: Int32Array;
  /** 1 when the node has tested figures whose test is not current (stale or undated). */
  staleTest: Uint8Array;
  /** Best qualified alternate (with a known switch-over) for the edge's input; -1 = none. */
  outAltIdx: Int32Array;
  /** In-CSR: suppliers relying on v are `inSrc[inStart[v] .. inStart[v+1]-1]`, through out-edges `inEdge[…]`. */
  inStart: Int32Array;
  inSrc: Int32Array;
  inEdge: Int32Array;
  comps: Components;
  /** Effective RTO (Infinity = unknown). */
  eff: Float64Array;
  causeType: Uint8Array;
  causeEdge: Int32Array;
  /** Vendor ordinal → node, and the capped sets of vendor ordinals / service indices relying on each component. */
  vendorNodes: Int32Array;
  vendorSets: CappedSets;
  serviceSets: CappedSets;
  reliedOnByVendors: Int32Array;
  reliedOnByServices: Int32Array;
  supplierResults: SupplierResult[];
  serviceResults: ServiceResult[];
  cycles: string[][];
}

/** Name of a node (id for unlisted ids). */
export function nodeName(st: EngineState, v: number): string {
  return st.supplierOf[v]?.name ?? st.ids[v]!;
}

function cleanMinutes(x: number | null | undefined): number {
  return x === null || x === undefined || Number.isNaN(x) ? Infinity : x;
}

function cleanBuffer(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/** One supplier step for node v reached through `link` (edge `edge` for dependency/cycle links). */
export function supplierStep(st: EngineState, v: number, link: SupplierStep["link"], edge: number): SupplierStep {
  const dep: DependencyInput | undefined = edge >= 0 ? st.input.dependencies[st.outDep[edge]!] : undefined;
  return {
    kind: "supplier",
    supplierId: st.ids[v]!,
    link,
    supplies: dep?.supplies ?? null,
    singleSource: dep?.singleSource ?? null,
    bufferMin: link === "dependency" ? st.outBuf[edge]! : 0,
    ownRtoMin: toNullable(st.own[v]!),
    rtoSource: SOURCES[st.ownSource[v]!]!,
    effectiveRtoMin: toNullable(st.eff[v]!),
  };
}

function alternateStep(
  alt: AlternateInput,
  link: AlternateStep["link"],
  supplies: string | null,
  bufferMin: number,
): AlternateStep {
  return {
    kind: "alternate",
    alternateId: alt.alternateId,
    replacesId: alt.replacesId,
    link,
    supplies,
    bufferMin,
    switchoverMin: alt.switchoverMin ?? 0,
    capacityPct: alt.capacityPct,
  };
}

const LINK_CODE = { start: 1, service: 2, dependency: 3, cycle: 4 } as const satisfies Record<SupplierStep["link"], number>;

/*
 * Fingerprints of path steps, fed straight from the engine's arrays: the same fields as
 * supplierStep / alternateStep plus the names that reasons show for them (describeChain).
 */

/**
 * Sub-hashes of ids, names and "supplies" texts, computed once per node / edge and then fed as two
 * numbers: a path step is hashed many times over (every finding and path that passes through it).
 */
interface StringHashCache {
  sub: Hasher;
  /** [lo, hi] per node, for its id and its name; per out-edge for its "supplies" text. */
  id: Int32Array;
  name: Int32Array;
  supplies: Int32Array;
  has: Uint8Array;
  hasSupplies: Uint8Array;
}
const stringHashCaches = new WeakMap<EngineState, StringHashCache>();

function cacheOf(st: EngineState): StringHashCache {
  let c = stringHashCaches.get(st);
  if (c === undefined) {
    c = {
      sub: new Hasher(),
      id: new Int32Array(2 * st.n),
      name: new Int32Array(2 * st.n),
      supplies: new Int32Array(2 * st.m),
      has: new Uint8Array(st.n),
      hasSupplies: new Uint8Array(st.m),
    };
    stringHashCaches.set(st, c);
  }
  return c;
}

function nodeStrings(st: EngineState, c: StringHashCache, v: number): void {
  if (c.has[v]) return;
  c.sub.reset().str(st.ids[v]);
  c.id[2 * v] = c.sub.lo;
  c.id[2 * v + 1] = c.sub.hi;
  c.sub.reset().str(nodeName(st, v));
  c.name[2 * v] = c.sub.lo;
  c.name[2 * v + 1] = c.sub.hi;
  c.has[v] = 1;
}

/** Feeds the fingerprint of node v's name (as `nodeName` gives it). */
export function hashNodeName(h: Hasher, st: EngineState, v: number): void {
  const c = cacheOf(st);
  nodeStrings(st, c, v);
  h.hash(c.name[2 * v]!, c.name[2 * v + 1]!);
}

/** Fingerprint of `supplierStep(st, v, link, edge)` (and, with `names`, of the name reasons show for it). */
export function hashSupplierStep(h: Hasher, st: EngineState, v: number, link: SupplierStep["link"], edge: number, names: boolean): void {
  const c = cacheOf(st);
  nodeStrings(st, c, v);
  h.int(0x5e).hash(c.id[2 * v]!, c.id[2 * v + 1]!);
  if (names) h.hash(c.name[2 * v]!, c.name[2 * v + 1]!);
  h.int(LINK_CODE[link]);
  if (edge >= 0) {
    if (!c.hasSupplies[edge]) {
      c.sub.reset().str(st.input.dependencies[st.outDep[edge]!]!.supplies);
      c.supplies[2 * edge] = c.sub.lo;
      c.supplies[2 * edge + 1] = c.sub.hi;
      c.hasSupplies[edge] = 1;
    }
    h.hash(c.supplies[2 * edge]!, c.supplies[2 * edge + 1]!).int(st.outSingleSource[edge]!);
  } else h.int(-1);
  h.num(link === "dependency" ? st.outBuf[edge]! : 0)
    .num(st.own[v]!)
    .int(st.ownSource[v]!)
    .num(st.eff[v]!);
}

/** Fingerprint of any built path step (for paths that are materialised anyway: services, countries). */
export function hashPathStep(h: Hasher, st: EngineState, step: PathStep, names: boolean): void {
  const nameOf = (id: string): string => {
    const v = st.index.get(id);
    return v === undefined ? id : nodeName(st, v);
  };
  switch (step.kind) {
    case "service":
      h.int(0x5f).str(step.serviceId);
      return;
    case "supplier":
      h.int(0x5e).str(step.supplierId);
      if (names) h.str(nameOf(step.supplierId));
      h.int(LINK_CODE[step.link]);
      if (step.supplies === null && step.singleSource === null) h.int(-1);
      else h.str(step.supplies).bool(step.singleSource);
      h.num(step.bufferMin).num(step.ownRtoMin ?? Infinity).int(SOURCES.indexOf(step.rtoSource)).num(step.effectiveRtoMin ?? Infinity);
      return;
    case "alternate":
      hashAlternateStep(h, st, step.alternateId, step.replacesId, step.link, step.supplies, step.bufferMin, step.switchoverMin, step.capacityPct, names);
  }
}

function hashAlternateStep(
  h: Hasher,
  st: EngineState,
  alternateId: string,
  replacesId: string,
  link: AlternateStep["link"],
  supplies: string | null,
  bufferMin: number,
  switchoverMin: number,
  capacityPct: number | null,
  names: boolean,
): void {
  const nameOf = (id: string): string => {
    const v = st.index.get(id);
    return v === undefined ? id : nodeName(st, v);
  };
  h.int(0x5a).str(alternateId).str(replacesId);
  if (names) h.str(nameOf(alternateId)).str(nameOf(replacesId));
  h.int(LINK_CODE[link])
    .str(supplies)
    .num(bufferMin)
    .num(switchoverMin)
    .num(capacityPct);
}

/** Fingerprint of `supplierPath(st, v, firstLink)` without building it. */
export function hashSupplierPath(h: Hasher, st: EngineState, v: number, firstLink: "start" | "service", names: boolean): void {
  hashSupplierStep(h, st, v, firstLink, -1, names);
  let cur = v;
  let steps = 1;
  for (;;) {
    const cause = st.causeType[cur]!;
    if (cause === Cause.Own || cause === Cause.Unset) break;
    const e = st.causeEdge[cur]!;
    steps++;
    if (cause === Cause.Alternate) {
      const dep = st.input.dependencies[st.outDep[e]!]!;
      const alt = st.alternates[st.outAltIdx[e]!]!;
      hashAlternateStep(h, st, alt.alternateId, alt.replacesId, "dependency", dep.supplies, st.outBuf[e]!, alt.switchoverMin ?? 0, alt.capacityPct, names);
      break;
    }
    cur = st.outDst[e]!;
    hashSupplierStep(h, st, cur, cause === Cause.CycleHop ? "cycle" : "dependency", e, names);
  }
  h.int(steps);
}

/** Materialises the path of node v by following the parent pointers (O(path length)). */
export function supplierPath(st: EngineState, v: number, firstLink: "start" | "service"): PathStep[] {
  const steps: PathStep[] = [supplierStep(st, v, firstLink, -1)];
  let cur = v;
  for (;;) {
    const cause = st.causeType[cur]!;
    if (cause === Cause.Own || cause === Cause.Unset) return steps;
    const e = st.causeEdge[cur]!;
    if (cause === Cause.Alternate) {
      const dep = st.input.dependencies[st.outDep[e]!]!;
      steps.push(alternateStep(st.alternates[st.outAltIdx[e]!]!, "dependency", dep.supplies, st.outBuf[e]!));
      return steps;
    }
    cur = st.outDst[e]!;
    steps.push(supplierStep(st, cur, cause === Cause.CycleHop ? "cycle" : "dependency", e));
  }
}

/** Supplier result with a lazily materialised (and memoised) path. */
class SupplierResultImpl implements SupplierResult {
  readonly id: string;
  readonly name: string;
  readonly listed: boolean;
  readonly ownRtoMin: number | null;
  readonly rtoSource: FigureSource;
  readonly ownRpoMin: number | null;
  readonly rpoSource: FigureSource;
  readonly effectiveRtoMin: number | null;
  readonly tier: number | null;
  readonly cycleId: number | null;
  readonly cycle: readonly string[] | null;
  readonly reliedOnByVendors: number;
  readonly reliedOnByServices: number;
  readonly staleTest: boolean;
  readonly singleSourcesWithoutAlternate: number;
  readonly #state: EngineState;
  readonly #node: number;
  #path: readonly PathStep[] | null = null;

  constructor(st: EngineState, v: number, cycleId: number | null) {
    this.#state = st;
    this.#node = v;
    this.id = st.ids[v]!;
    this.name = nodeName(st, v);
    this.listed = v < st.nListed;
    this.ownRtoMin = toNullable(st.own[v]!);
    this.rtoSource = SOURCES[st.ownSource[v]!]!;
    this.ownRpoMin = toNullable(st.ownRpo[v]!);
    this.rpoSource = SOURCES[st.rpoSource[v]!]!;
    this.effectiveRtoMin = toNullable(st.eff[v]!);
    this.tier = st.tier[v]! >= 0 ? st.tier[v]! : null;
    this.cycleId = cycleId;
    this.cycle = cycleId === null ? null : st.cycles[cycleId]!;
    this.reliedOnByVendors = st.reliedOnByVendors[v]!;
    this.reliedOnByServices = st.reliedOnByServices[v]!;
    this.staleTest = st.staleTest[v] === 1;
    this.singleSourcesWithoutAlternate = st.singleSourceGaps[v]!;
  }

  get path(): readonly PathStep[] {
    this.#path ??= supplierPath(this.#state, this.#node, "start");
    return this.#path;
  }

  /** Feeds the fingerprint of `path` into `h` without building the path. */
  hashPath(h: Hasher): void {
    hashSupplierPath(h, this.#state, this.#node, "start", false);
  }

  toJSON(): Omit<SupplierResult, "path"> & { path: readonly PathStep[] } {
    return {
      id: this.id,
      name: this.name,
      listed: this.listed,
      ownRtoMin: this.ownRtoMin,
      rtoSource: this.rtoSource,
      ownRpoMin: this.ownRpoMin,
      rpoSource: this.rpoSource,
      effectiveRtoMin: this.effectiveRtoMin,
      tier: this.tier,
      cycleId: this.cycleId,
      cycle: this.cycle,
      reliedOnByVendors: this.reliedOnByVendors,
      reliedOnByServices: this.reliedOnByServices,
      staleTest: this.staleTest,
      singleSourcesWithoutAlternate: this.singleSourcesWithoutAlternate,
      path: this.path,
    };
  }
}

/** Feeds the fingerprint of `result.path` into `h` (from the engine's arrays when possible). */
export function hashSupplierResultPath(h: Hasher, result: SupplierResult): void {
  if (result instanceof SupplierResultImpl) result.hashPath(h);
  else h.str(JSON.stringify(result.path));
}

function rtoStatusOf(recovery: number, service: ServiceInput): RtoStatus {
  if (!Number.isFinite(recovery)) return "unknown";
  if (recovery <= service.requiredRtoMin) return "meets";
  if (recovery <= service.mtpdMin) return "gap";
  return "beyond_mtpd";
}

function rpoStatusOf(rpo: number, service: ServiceInput): RpoStatus {
  if (!Number.isFinite(rpo)) return "unknown";
  return rpo <= service.requiredRpoMin ? "meets" : "gap";
}

/** Runs the model; returns the integer-indexed state (used by computeResilience and tests). */
export function analyse(input: ResilienceInput): EngineState {
  const asOf = input.asOf;
  const alternates = input.alternates ?? [];
  const services = input.services ?? [];
  const deps = input.dependencies;

  // --- Index suppliers (listed first, then ids only referenced by dependencies / services).
  const index = new Map<string, number>();
  const ids: string[] = [];
  for (const s of input.suppliers) {
    if (index.has(s.id)) throw new Error(`computeResilience: duplicate supplier id ${JSON.stringify(s.id)}`);
    index.set(s.id, ids.length);
    ids.push(s.id);
  }
  const nListed = ids.length;
  const nodeOf = (id: string): number => {
    let v = index.get(id);
    if (v === undefined) {
      v = ids.length;
      index.set(id, v);
      ids.push(id);
    }
    return v;
  };
  // Resolve the ids of every dependency (rows are usually grouped by supplier: reuse the last lookup).
  // rawSrc[i] = -1 marks a self-loop, which cannot change anything and is ignored.
  const rawSrc = new Int32Array(deps.length);
  const rawDst = new Int32Array(deps.length);
  const selfLoopSuppliers: number[] = [];
  let m = 0;
  let lastId: string | null = null;
  let lastNode = -1;
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i]!;
    const s = d.supplierId === lastId ? lastNode : nodeOf(d.supplierId);
    lastId = d.supplierId;
    lastNode = s;
    const t = nodeOf(d.dependsOnId);
    if (s === t) {
      selfLoopSuppliers.push(s);
      rawSrc[i] = -1;
      continue;
    }
    rawSrc[i] = s;
    rawDst[i] = t;
    m++;
  }
  const serviceVendors: number[][] = services.map((svc) => {
    const seen = new Set<number>();
    const out: number[] = [];
    for (const id of svc.supplierIds) {
      const v = nodeOf(id);
      if (!seen.has(v)) {
        seen.add(v);
        out.push(v);
      }
    }
    return out;
  });
  const n = ids.length;

  // --- Own figures.
  const cutoff = staleCutoff(asOf);
  const own = new Float64Array(n).fill(Infinity);
  const ownSource = new Uint8Array(n).fill(SOURCE_UNKNOWN);
  const ownRpo = new Float64Array(n).fill(Infinity);
  const rpoSource = new Uint8Array(n).fill(SOURCE_UNKNOWN);
  const isVendor = new Uint8Array(n);
  const staleTest = new Uint8Array(n);
  const supplierOf = input.suppliers;
  for (let v = 0; v < nListed; v++) {
    const s = supplierOf[v]!;
    const current = s.testedAt !== null && s.testedAt.getTime() >= cutoff;
    if (!current && (s.testedRtoMin !== null || s.testedRpoMin !== null)) staleTest[v] = 1;
    if (current && s.testedRtoMin !== null) {
      own[v] = cleanMinutes(s.testedRtoMin);
      ownSource[v] = SOURCE_TESTED;
    } else if (s.declaredRtoMin !== null) {
      own[v] = cleanMinutes(s.declaredRtoMin);
      ownSource[v] = SOURCE_DECLARED;
    }
    if (current && s.testedRpoMin !== null) {
      ownRpo[v] = cleanMinutes(s.testedRpoMin);
      rpoSource[v] = SOURCE_TESTED;
    } else if (s.declaredRpoMin !== null) {
      ownRpo[v] = cleanMinutes(s.declaredRpoMin);
      rpoSource[v] = SOURCE_DECLARED;
    }
    if (s.isVendor) isVendor[v] = 1;
  }
  for (const vs of serviceVendors) for (const v of vs) isVendor[v] = 1;

  // --- Out-CSR with per-edge buffer and best qualified alternate.
  // Counting sort by supplier, reading the dependency rows once more in order.
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < deps.length; i++) if (rawSrc[i] !== -1) outStart[rawSrc[i]! + 1]!++;
  for (let v = 0; v < n; v++) outStart[v + 1]! += outStart[v]!;
  const outDst = new Int32Array(m);
  const outDep = new Int32Array(m);
  const outBuf = new Float64Array(m);
  const outSingleSource = new Uint8Array(m);
  const outAltIdx = new Int32Array(m).fill(-1);
  {
    const fill = outStart.slice(0, n);
    for (let i = 0; i < deps.length; i++) {
      const s = rawSrc[i]!;
      if (s === -1) continue;
      const k = fill[s]!++;
      const d = deps[i]!;
      outDst[k] = rawDst[i]!;
      outDep[k] = i;
      outBuf[k] = cleanBuffer(d.bufferMin);
      outSingleSource[k] = d.singleSource ? 1 : 0;
    }
  }
  // Switch-over of each alternate (Infinity when not usable as a cap).
  const altSwitchover = new Float64Array(alternates.length).fill(Infinity);
  const declaresDependencies = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (outStart[v + 1]! > outStart[v]!) declaresDependencies[v] = 1;
  for (const v of selfLoopSuppliers) declaresDependencies[v] = 1;
  // Qualified supplier alternates, grouped by the relying supplier (only those with a known
  // switch-over cap a recovery; any qualified one clears a single-source flag).
  const altsBySupplier = new Map<number, number[]>();
  const serviceAlt = new Map<string, number>(); // `${serviceId}\0${replacesId}` → alternate index
  const better = (a: number, b: number): boolean => {
    const x = alternates[a]!;
    const y = alternates[b]!;
    return x.switchoverMin! < y.switchoverMin! || (x.switchoverMin === y.switchoverMin && x.alternateId < y.alternateId);
  };
  for (let i = 0; i < alternates.length; i++) {
    const a = alternates[i]!;
    if (a.status !== "qualified") continue;
    if (a.forSupplierId !== null) {
      const s = index.get(a.forSupplierId);
      if (s === undefined || !index.has(a.replacesId)) continue;
      const list = altsBySupplier.get(s);
      if (list) list.push(i);
      else altsBySupplier.set(s, [i]);
    } else if (a.forServiceId !== null && a.switchoverMin !== null && !Number.isNaN(a.switchoverMin)) {
      const key = `${a.forServiceId}\0${a.replacesId}`;
      const prev = serviceAlt.get(key);
      if (prev === undefined || better(i, prev)) serviceAlt.set(key, i);
    }
  }
  const outHasQualifiedAlt = new Uint8Array(m);
  for (let i = 0; i < alternates.length; i++) {
    const a = alternates[i]!;
    if (a.status === "qualified" && a.switchoverMin !== null && !Number.isNaN(a.switchoverMin))
      altSwitchover[i] = Math.max(0, a.switchoverMin);
  }
  for (const [s, list] of altsBySupplier) {
    for (let k = outStart[s]!; k < outStart[s + 1]!; k++) {
      const t = ids[outDst[k]!]!;
      for (const i of list) {
        const a = alternates[i]!;
        if (a.replacesId !== t) continue;
        outHasQualifiedAlt[k] = 1;
        if (a.switchoverMin === null || Number.isNaN(a.switchoverMin)) continue;
        if (outAltIdx[k] === -1 || better(i, outAltIdx[k]!)) outAltIdx[k] = i;
      }
    }
  }

  // --- In-CSR.
  const inStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) inStart[outDst[k]! + 1]!++;
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inSrc = new Int32Array(m);
  const inEdge = new Int32Array(m);
  {
    const fill = inStart.slice(0, n);
    for (let v = 0; v < n; v++) {
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const pos = fill[outDst[k]!]!++;
        inSrc[pos] = v;
        inEdge[pos] = k;
      }
    }
  }

  // --- Single-source inputs without a qualified alternate (distinct input suppliers).
  const singleSourceGaps = new Int32Array(n);
  {
    const seen = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) {
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const t = outDst[k]!;
        if (!outSingleSource[k] || outHasQualifiedAlt[k] || seen[t] === v) continue;
        seen[t] = v;
        singleSourceGaps[v]!++;
      }
    }
  }

  // --- Strongly connected components; ids come out in reverse topological order, so
  //     processing them in increasing order sees every upstream component first.
  const comps = stronglyConnectedComponents(n, outStart, outDst);
  const { comp, count, start: compStart, members } = comps;
  const eff = new Float64Array(n);
  const causeType = new Uint8Array(n).fill(Cause.Unset);
  const causeEdge = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const rec = (k: number): number => {
    const ai = outAltIdx[k]!;
    const r = Math.min(eff[outDst[k]!]!, ai < 0 ? Infinity : altSwitchover[ai]!) - outBuf[k]!;
    return r > 0 ? r : 0;
  };
  // Worst out-edge of v leaving component c that beats `initial` (ties: the smallest target id;
  // `initial` itself wins ties). Result in bestValue / bestEdgeIdx (-1 = none beats `initial`).
  let bestValue = 0;
  let bestEdgeIdx = -1;
  const findBestEdge = (v: number, c: number, initial: number): void => {
    let best = initial;
    let edge = -1;
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const t = outDst[k]!;
      if (comp[t] === c) continue;
      const r = rec(k);
      if (r > best || (r === best && edge !== -1 && ids[t]! < ids[outDst[edge]!]!)) {
        best = r;
        edge = k;
      }
    }
    bestValue = best;
    bestEdgeIdx = edge;
  };
  const setCause = (v: number, k: number): void => {
    if (k === -1) {
      causeType[v] = Cause.Own;
    } else {
      const ai = outAltIdx[k]!;
      causeType[v] = ai >= 0 && altSwitchover[ai]! < eff[outDst[k]!]! ? Cause.Alternate : Cause.Dependency;
      causeEdge[v] = k;
    }
  };
  const cycles: string[][] = [];
  const cycleComps: number[] = [];

  for (let c = 0; c < count; c++) {
    const cs = compStart[c]!;
    const ce = compStart[c + 1]!;
    if (ce - cs === 1) {
      // Acyclic node (the common case): own figure wins ties, then the smallest target id.
      const v = members[cs]!;
      findBestEdge(v, c, own[v]!);
      eff[v] = bestValue;
      setCause(v, bestEdgeIdx);
      continue;
    }
    // A cycle: one shared value, the worst own figure or worst rec of an edge leaving it.
    let shared = -Infinity;
    for (let k = cs; k < ce; k++) {
      const v = members[k]!;
      findBestEdge(v, c, own[v]!);
      if (bestValue > shared) shared = bestValue;
    }
    // Members whose own figure or leaving edge attains it are path targets; every other member
    // points, through a shortest chain inside the cycle, at the nearest target (multi-source BFS
    // over reversed cycle edges).
    const targets: number[] = [];
    for (let k = cs; k < ce; k++) {
      const v = members[k]!;
      eff[v] = shared;
      if (own[v] === shared) {
        causeType[v] = Cause.Own;
        targets.push(v);
      } else {
        findBestEdge(v, c, -Infinity);
        if (bestEdgeIdx !== -1 && bestValue === shared) {
          setCause(v, bestEdgeIdx);
          targets.push(v);
        }
      }
    }
    targets.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    let head = 0;
    let tail = 0;
    for (const v of targets) queue[tail++] = v;
    while (head < tail) {
      const x = queue[head++]!;
      for (let j = inStart[x]!; j < inStart[x + 1]!; j++) {
        const y = inSrc[j]!;
        if (comp[y] !== c || causeType[y] !== Cause.Unset) continue;
        causeType[y] = Cause.CycleHop;
        causeEdge[y] = inEdge[j]!;
        queue[tail++] = y;
      }
    }
    const memberIds: string[] = [];
    for (let k = cs; k < ce; k++) memberIds.push(ids[members[k]!]!);
    memberIds.sort();
    cycles.push(memberIds);
    cycleComps.push(c);
  }
  // Deterministic cycle numbering: by smallest member id.
  const cycleOrder = cycles.map((_, i) => i).sort((a, b) => (cycles[a]![0]! < cycles[b]![0]! ? -1 : 1));
  const sortedCycles = cycleOrder.map((i) => cycles[i]!);
  const cycleIdOfComp = new Map<number, number>();
  cycleOrder.forEach((i, rank) => cycleIdOfComp.set(cycleComps[i]!, rank));

  // --- Tiers: BFS from the vendors.
  const vendorList: number[] = [];
  for (let v = 0; v < n; v++) if (isVendor[v]) vendorList.push(v);
  const tier = bfsLevels(n, vendorList, outStart, outDst);

  // --- Concentration: how many vendors / services rely on each supplier (capped sets over the condensation).
  const vendorNodes = Int32Array.from(vendorList);
  const seedKeys = new Int32Array(vendorList.length);
  vendorList.forEach((v, i) => (seedKeys[i] = comp[v]!));
  const vendorSeeds = groupBy(count, seedKeys, vendorList.length); // seed item = vendor ordinal
  const vendorSets = cappedUpstreamOrigins(
    comps,
    inStart,
    inSrc,
    vendorSeeds.start,
    vendorSeeds.edge,
    vendorList.length,
    CONCENTRATION_COUNT_CAP,
  );
  const svcSeedComp: number[] = [];
  const svcSeedItem: number[] = [];
  serviceVendors.forEach((vs, j) => {
    for (const v of vs) {
      svcSeedComp.push(comp[v]!);
      svcSeedItem.push(j);
    }
  });
  const svcSeedGroups = groupBy(count, Int32Array.from(svcSeedComp), svcSeedComp.length);
  const svcSeedItems = new Int32Array(svcSeedItem.length);
  for (let i = 0; i < svcSeedItems.length; i++) svcSeedItems[i] = svcSeedItem[svcSeedGroups.edge[i]!]!;
  const serviceSets = cappedUpstreamOrigins(
    comps,
    inStart,
    inSrc,
    svcSeedGroups.start,
    svcSeedItems,
    services.length,
    CONCENTRATION_COUNT_CAP,
  );
  const reliedOnByVendors = new Int32Array(n);
  const reliedOnByServices = new Int32Array(n);
  const limit = CONCENTRATION_COUNT_CAP + 1;
  for (let v = 0; v < n; v++) {
    const c = comp[v]!;
    const vs = vendorSets.size[c]!;
    reliedOnByVendors[v] = vs >= limit ? CONCENTRATION_COUNT_CAP : vs - isVendor[v]!;
    reliedOnByServices[v] = Math.min(serviceSets.size[c]!, CONCENTRATION_COUNT_CAP);
  }

  const st: EngineState = {
    input,
    alternates,
    services,
    asOf,
    n,
    nListed,
    ids,
    index,
    supplierOf,
    own,
    ownSource,
    ownRpo,
    rpoSource,
    isVendor,
    tier,
    declaresDependencies,
    m,
    outStart,
    outDst,
    outDep,
    outBuf,
    outSingleSource,
    outHasQualifiedAlt,
    singleSourceGaps,
    staleTest,
    outAltIdx,
    inStart,
    inSrc,
    inEdge,
    comps,
    eff,
    causeType,
    causeEdge,
    vendorNodes,
    vendorSets,
    serviceSets,
    reliedOnByVendors,
    reliedOnByServices,
    supplierResults: [],
    serviceResults: [],
    cycles: sortedCycles,
  };

  // --- Supplier results (paths are built lazily).
  for (let v = 0; v < n; v++) {
    const cycleId = compStart[comp[v]! + 1]! - compStart[comp[v]!]! > 1 ? cycleIdOfComp.get(comp[v]!)! : null;
    st.supplierResults.push(new SupplierResultImpl(st, v, cycleId));
  }

  // --- Services.
  for (let j = 0; j < services.length; j++) {
    const svc = services[j]!;
    const vs = serviceVendors[j]!;
    let recovery = 0;
    let worst = -1;
    let worstAlt = -1;
    let rpo = 0;
    let rpoWorst = -1;
    for (const v of vs) {
      const altIdx = serviceAlt.get(`${svc.id}\0${ids[v]!}`);
      const sw = altIdx === undefined ? Infinity : Math.max(0, alternates[altIdx]!.switchoverMin!);
      const value = Math.min(eff[v]!, sw);
      if (worst === -1 || value > recovery || (value === recovery && ids[v]! < ids[worst]!)) {
        recovery = value;
        worst = v;
        worstAlt = altIdx !== undefined && sw < eff[v]! ? altIdx : -1;
      }
      const r = ownRpo[v]!;
      if (rpoWorst === -1 || r > rpo || (r === rpo && ids[v]! < ids[rpoWorst]!)) {
        rpo = r;
        rpoWorst = v;
      }
    }
    const head: PathStep = { kind: "service", serviceId: svc.id };
    let path: PathStep[];
    if (worst === -1) path = [head];
    else if (worstAlt !== -1) path = [head, alternateStep(alternates[worstAlt]!, "service", null, 0)];
    else path = [head, ...supplierPath(st, worst, "service")];
    st.serviceResults.push({
      id: svc.id,
      name: svc.name,
      requiredRtoMin: svc.requiredRtoMin,
      requiredRpoMin: svc.requiredRpoMin,
      mtpdMin: svc.mtpdMin,
      recoveryMin: toNullable(recovery),
      rtoStatus: rtoStatusOf(recovery, svc),
      path,
      rpoMin: toNullable(rpo),
      rpoStatus: rpoStatusOf(rpo, svc),
      rpoVendorId: rpoWorst === -1 ? null : ids[rpoWorst]!,
      rpoPath: rpoWorst === -1 ? [head] : [head, supplierStep(st, rpoWorst, "service", -1)],
    });
  }
  return st;
}
