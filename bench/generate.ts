/**
 * Deterministic generator of an enterprise-size organisation for benchmarks.
 *
 *   tsx bench/generate.ts --suppliers 50000 --slug bench [--services 500] [--seed 1] [--replace]
 *
 * against DATABASE_URL, else the embedded PGlite under PGLITE_DIR (default ./data); migrations run
 * first. The same seed (and reference date) gives the same rows: external ids, names, figures,
 * edges, alternates, services, questionnaires and evidence. Only the uuids differ between runs.
 *
 * Shape of the supply graph (N suppliers):
 * - tiers: 10 % vendors (tier 1, is_vendor), the rest over tiers 2–5 (22/26/27/25 %). Every supplier
 *   of tier k ≥ 2 has at least one customer in tier k − 1, and forward edges only go from tier k to
 *   tier k + 1, so a supplier's tier is exactly its shortest distance from the organisation;
 * - tiers 1–4 declare 4–21 sub-suppliers each (mean ≈ 12.5, so ≈ 10·N dependencies in all); a
 *   quarter of the edges go to a few "hub" suppliers of the next tier (0.5 % of it, power-law
 *   skewed), so some sub-suppliers sit behind thousands of vendors (concentration);
 * - hubs depend only on the next tier's hubs, so nothing but hubs is reachable from a hub;
 * - back-edges: ≈ 1.6 % of the non-hub suppliers of tiers 2–5 depend on one of their own ancestors
 *   (mostly 1–2 hops up their first-customer chain, rarely 3–4), which always closes a cycle; at
 *   50,000 suppliers that is ≈ 600 cycles of 2–6 suppliers and one knot of ≈ 300; no self-loops, no
 *   duplicate edges;
 * - alternates for ≈ 2 % of the edges plus some for services (identified / qualifying / qualified);
 * - services (default 500), each needing 1–8 vendors, a third of those picked among a few key vendors;
 * - figures: declared RTO/RPO (unknown more often deeper down), tested figures for some suppliers
 *   (a quarter of them stale, > 12 months), each tested figure backed by an accepted DR-test evidence;
 * - 3 questionnaire assessments per 100 suppliers (vendors only) on the default template, answered
 *   according to their status; evidence rows with tiny PDF-like blobs in blob_chunks.
 *
 * Everything is written in one transaction with multi-row INSERTs of up to 5,000 rows (fewer when
 * the table has many columns: PostgreSQL allows 65,535 bind parameters per statement).
 */
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Insertable, Kysely, Transaction } from "kysely";
import { installTemplate } from "../app/data/questionnaires.server";
import { normalizeName } from "../app/domain/names";
import {
  DEFAULT_TEMPLATE,
  type TemplateQuestion,
} from "../app/domain/questionnaire/default-template";
import type {
  AlternateStatus,
  AnswersTable,
  AssessmentStatus,
  Criticality,
  Database,
  DeclaredBy,
  EvidenceKind,
  EvidenceStatus,
  SuppliersTable,
} from "../db/schema";
import { closeDatabase, describeDatabase, getDatabase, readDatabaseConfig } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { insertInBatches } from "./lib/batch";
import { COUNTRY_WEIGHTS_BY_TIER, companyName } from "./lib/company-names";
import { deleteOrganisation } from "./lib/org";
import { Random } from "./lib/random";
import { maxRssBytes, RssSampler } from "./lib/rss";

export interface GenerateOptions {
  /** Organisation slug (`^[a-z0-9][a-z0-9-]{0,62}$`). */
  slug: string;
  /** Number of suppliers (all tiers). */
  suppliers: number;
  /** Number of internal services; default 500. */
  services?: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Display name; default "Bench organisation <slug>". */
  name?: string;
  /** "Today" for every generated date (staleness, due dates); default the current UTC day. */
  referenceDate?: Date;
  /** Delete an existing organisation with this slug first; default false (an existing slug is an error). */
  replace?: boolean;
  /** Upper bound of rows per INSERT statement; default 5,000. */
  batchRows?: number;
  onProgress?: (message: string) => void;
}

export interface GeneratedCounts {
  suppliers: number;
  vendors: number;
  services: number;
  serviceLinks: number;
  dependencies: number;
  alternates: number;
  questions: number;
  assessments: number;
  answers: number;
  evidence: number;
  blobBytes: number;
}

export interface GenerateResult {
  orgId: string;
  slug: string;
  counts: GeneratedCounts;
  /** Rows written in all tables. */
  rows: number;
  /** Tiers reached (1 … maxTier). */
  maxTier: number;
  elapsedMs: number;
}

// ------------------------------------------------------------------------------------------------
// Tunables
// ------------------------------------------------------------------------------------------------

const MAX_TIER = 5;
const VENDOR_SHARE = 0.1;
/** Share of the non-vendor suppliers in tiers 2, 3, 4, 5. */
const DEEP_TIER_SHARES = [0.22, 0.26, 0.27, 0.25];
const MIN_OUT_DEGREE = 4;
const MAX_OUT_DEGREE = 21;
const HUB_SHARE = 0.005;
const HUB_EDGE_SHARE = 0.25;
const HUB_SKEW = 2.5;
/**
 * Share of the suppliers of tiers 2–5 with a back-edge 1, 2, 3 and 4 hops up their first-customer
 * chain (closing a cycle of 2, 3, 4 or 5 suppliers). Kept low on purpose: the forward graph fans out
 * ≈ 9× per tier, so from any supplier ≈ 9^h suppliers h tiers down can climb back through such an edge;
 * once Σ 9^h · rate_h nears 1 the cycles reach each other and fuse into one giant strongly connected
 * component (2 % of 2-hop back-edges alone put 10,000 of 50,000 suppliers into one cycle).
 */
const BACK_EDGE_RATES = [0.012, 0.004, 0.0002, 0.0001];
const MIN_BACK_EDGES = 3;
const EDGE_ALTERNATE_RATE = 0.02;
const SERVICE_ALTERNATE_RATE = 0.12;
const ASSESSMENTS_PER_100_SUPPLIERS = 3;

const H = 60;
const D = 24 * H;
const DAY_MS = 86_400_000;

const SUPPLIES_BY_TIER: Record<number, readonly string[]> = {
  1: ["payroll processing", "cloud hosting", "payment processing", "contract manufacturing", "electronic components", "logistics and warehousing", "customer contact centre", "ERP software", "telecom services", "raw materials", "packaging", "facility services", "card production", "market data"],
  2: ["cloud infrastructure", "managed database", "data-centre colocation", "network connectivity", "SIP trunking", "printed circuit boards", "freight forwarding", "warehouse management software", "chip modules", "cable harnesses", "plastic housings", "software licences", "identity services", "card personalisation"],
  3: ["semiconductors", "servers and storage", "power and cooling", "fibre backbone", "copper laminate", "resins", "steel coil", "industrial gases", "lithium cells", "optical transceivers", "firmware", "specialty chemicals"],
  4: ["silicon wafers", "rare-earth magnets", "copper cathode", "photoresists", "glass fibre", "electricity", "petrochemicals", "aluminium ingots", "test equipment", "wafer fabrication"],
  5: ["polysilicon", "rare-earth ore", "copper ore", "crude oil", "quartz sand", "bauxite", "neon gas", "cobalt", "lithium brine", "natural gas"],
};

const DECLARED_RTO_BY_TIER: Record<number, readonly (readonly [number, number])[]> = {
  1: [[30, 2], [1 * H, 4], [2 * H, 5], [4 * H, 10], [8 * H, 6], [1 * D, 6], [2 * D, 3], [3 * D, 2], [7 * D, 1]],
  2: [[1 * H, 2], [4 * H, 6], [8 * H, 5], [1 * D, 8], [2 * D, 6], [3 * D, 4], [7 * D, 3], [14 * D, 1]],
  3: [[4 * H, 3], [1 * D, 6], [2 * D, 6], [3 * D, 6], [7 * D, 5], [14 * D, 3], [30 * D, 2]],
};
const UNKNOWN_RTO_BY_TIER = [0, 0.06, 0.15, 0.25, 0.3, 0.35];
const TESTED_BY_TIER = [0, 0.55, 0.3, 0.15, 0.08, 0.04];
const RPO_CHOICES: readonly (readonly [number, number])[] = [[0, 2], [5, 2], [15, 5], [1 * H, 6], [4 * H, 4], [1 * D, 5], [3 * D, 2]];
const SWITCHOVER_CHOICES: readonly (readonly [number, number])[] = [[4 * H, 2], [8 * H, 3], [1 * D, 4], [2 * D, 3], [3 * D, 2], [7 * D, 2], [14 * D, 1]];

const SERVICE_NAMES = ["Payroll", "Payment gateway", "Customer portal", "Order management", "E-mail and collaboration", "Identity and SSO", "Data-centre hosting", "Treasury", "HR onboarding", "Marketing website", "Customer support", "Raw-material supply for production", "Warehouse and logistics", "Card issuing", "Card acceptance", "ERP and finance", "Production planning", "Quality management", "Field service", "Procurement", "Mobile app", "Fraud monitoring", "Regulatory reporting", "Product data management", "Spare-parts distribution", "Billing", "Contract management", "Fleet management", "Laboratory testing", "Document management"];
const SERVICE_QUALIFIERS = ["EMEA", "Americas", "APAC", "DACH", "Nordics", "Iberia", "UK & Ireland", "Retail", "Wholesale", "Plant Łódź", "Plant Brno", "Plant Monterrey", "Plant Suzhou", "Online", "Corporate", "Benelux"];
const SERVICE_OWNERS = ["Finance", "Operations", "IT", "HR", "Sales", "Customer Service", "Supply Chain", "Manufacturing", "Treasury", "Compliance", "Marketing"];

// ------------------------------------------------------------------------------------------------
// The plan: everything decided in memory from the seed, before any I/O
// ------------------------------------------------------------------------------------------------

interface PlannedSupplier {
  externalId: string;
  name: string;
  country: string;
  tier: number;
  criticality: Criticality;
  contactEmail: string | null;
  lei: string | null;
  duns: string | null;
  website: string | null;
  declaredRtoMin: number | null;
  declaredRpoMin: number | null;
  testedRtoMin: number | null;
  testedRpoMin: number | null;
  testedAt: string | null;
  /** What it supplies to its customers (one of SUPPLIES_BY_TIER[tier]). */
  supplies: string;
}

interface PlannedAlternate {
  replaces: number;
  alternate: number;
  forSupplier: number | null;
  forService: number | null;
  status: AlternateStatus;
  switchoverMin: number | null;
  capacityPct: number | null;
}

interface PlannedService {
  externalId: string;
  name: string;
  owner: string;
  description: string;
  requiredRtoMin: number;
  requiredRpoMin: number;
  mtpdMin: number;
  vendors: number[];
}

interface PlannedAssessment {
  supplier: number;
  status: AssessmentStatus;
  dueDate: string;
  sentAt: Date | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  answers: [key: string, value: unknown][];
}

interface PlannedEvidence {
  supplier: number;
  kind: EvidenceKind;
  status: EvidenceStatus;
  title: string;
  fileName: string;
  bytes: Buffer;
  documentVersion: string | null;
  approvalDate: string | null;
  testDate: string | null;
  testScope: string | null;
  achievedRtoMin: number | null;
  achievedRpoMin: number | null;
  testPassed: boolean | null;
  issuer: string | null;
  certificateNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  reviewedAt: Date | null;
}

export interface OrganisationPlan {
  suppliers: PlannedSupplier[];
  /** Edge e is suppliers[edgeFrom[e]] → suppliers[edgeTo[e]]. Sorted by source, then creation. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeSingleSource: Uint8Array;
  edgeBufferMin: Int32Array;
  edgeDeclaredBy: DeclaredBy[];
  alternates: PlannedAlternate[];
  services: PlannedService[];
  assessments: PlannedAssessment[];
  evidence: PlannedEvidence[];
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function externalIdOf(index: number): string {
  return `G-${String(index + 1).padStart(6, "0")}`;
}

/** ISO 17442 LEI: 18 characters plus two ISO 7064 mod-97 check digits. */
function lei(rng: Random): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const body = `${rng.digits(4)}00${rng.text(12, alphabet)}`;
  let mod = 0;
  for (const ch of `${body}00`) {
    const v = parseInt(ch, 36);
    mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
  }
  return body + String(98 - mod).padStart(2, "0");
}

function tierSizes(n: number): number[] {
  const sizes = [0, Math.max(1, Math.round(n * VENDOR_SHARE))];
  let rest = n - sizes[1]!;
  for (let k = 2; k <= MAX_TIER; k++) {
    const size = k === MAX_TIER ? rest : Math.round(((n - sizes[1]!) * DEEP_TIER_SHARES[k - 2]!));
    sizes.push(Math.max(0, Math.min(rest, size)));
    rest -= sizes[k]!;
  }
  return sizes;
}

/** Pure and deterministic: the same options give the same plan. */
export function planOrganisation(options: { suppliers: number; services?: number; seed?: number; referenceDate?: Date }): OrganisationPlan {
  const n = Math.floor(options.suppliers);
  if (!(n >= 10)) throw new Error("Generate at least 10 suppliers.");
  if (n > 999_999) throw new Error("At most 999,999 suppliers (external ids are G-000001 … G-999999).");
  const serviceCount = Math.max(0, Math.floor(options.services ?? 500));
  const root = new Random(options.seed ?? 1);
  const ref = startOfUtcDay(options.referenceDate ?? new Date());

  // ---- tiers: shuffled, so external ids do not give tiers away
  const sizes = tierSizes(n);
  const tierOf = new Uint8Array(n);
  {
    let i = 0;
    for (let k = 1; k <= MAX_TIER; k++) for (let j = 0; j < sizes[k]!; j++) tierOf[i++] = k;
    root.fork("tiers").shuffle(tierOf);
  }
  const members: number[][] = Array.from({ length: MAX_TIER + 2 }, () => []);
  for (let i = 0; i < n; i++) members[tierOf[i]!]!.push(i);
  const hubs: number[][] = members.map((m, k) => (k >= 2 && m.length ? m.slice(0, Math.max(1, Math.round(m.length * HUB_SHARE))) : []));
  const isHub = new Uint8Array(n);
  for (const list of hubs) for (const h of list) isHub[h] = 1;

  // ---- suppliers
  const srng = root.fork("suppliers");
  const usedNames = new Set<string>();
  const suppliers: PlannedSupplier[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const tier = tierOf[i]!;
    const vendor = tier === 1;
    const country = srng.weighted(COUNTRY_WEIGHTS_BY_TIER[tier]!);
    const name = companyName(srng, country, usedNames);
    const externalId = externalIdOf(i);
    const domain = `${externalId.toLowerCase().replace("-", "")}.example`;
    const declaredRto = srng.chance(UNKNOWN_RTO_BY_TIER[tier]!) ? null : srng.weighted(DECLARED_RTO_BY_TIER[Math.min(tier, 3)]!);
    const declaredRpo = srng.chance(UNKNOWN_RTO_BY_TIER[tier]! + 0.05) ? null : srng.weighted(RPO_CHOICES);
    let testedRto: number | null = null;
    let testedRpo: number | null = null;
    let testedAt: string | null = null;
    if (srng.chance(TESTED_BY_TIER[tier]!)) {
      const factor = srng.pick([0.5, 0.75, 1, 1, 1.25, 1.5, 2, 3]);
      testedRto = Math.round((declaredRto ?? srng.weighted(DECLARED_RTO_BY_TIER[Math.min(tier, 3)]!)) * factor);
      testedRpo = srng.chance(0.1) ? null : Math.round((declaredRpo ?? srng.weighted(RPO_CHOICES)) * srng.pick([0.5, 1, 1, 2]));
      const stale = srng.chance(0.25);
      testedAt = isoDate(ref - (stale ? srng.int(380, 1100) : srng.int(15, 350)) * DAY_MS);
    }
    suppliers[i] = {
      externalId,
      name,
      country,
      tier,
      criticality: vendor
        ? srng.weighted([["critical", 10], ["high", 25], ["medium", 40], ["low", 25]] as const)
        : isHub[i]
          ? "high"
          : srng.weighted([["critical", 3], ["high", 12], ["medium", 50], ["low", 35]] as const),
      contactEmail: vendor || srng.chance(0.3) ? `bcm@${domain}` : null,
      lei: srng.chance(vendor ? 0.3 : 0.1) ? lei(srng) : null,
      duns: srng.chance(0.4) ? srng.digits(9) : null,
      website: srng.chance(vendor ? 0.9 : 0.5) ? `https://www.${domain}` : null,
      declaredRtoMin: declaredRto,
      declaredRpoMin: declaredRpo,
      testedRtoMin: testedRto,
      testedRpoMin: testedRpo,
      testedAt,
      supplies: srng.pick(SUPPLIES_BY_TIER[tier]!),
    };
  }

  // ---- dependencies
  const grng = root.fork("graph");
  const out: number[][] = Array.from({ length: n }, () => []);
  const firstCustomer = new Int32Array(n).fill(-1);
  const addEdge = (from: number, to: number): boolean => {
    if (from === to) return false;
    const list = out[from]!;
    if (list.includes(to)) return false;
    list.push(to);
    return true;
  };
  // Every supplier of tier k ≥ 2 gets a customer in tier k − 1 (never a hub): its tier is then exact.
  for (let k = 2; k <= MAX_TIER; k++) {
    const above = members[k - 1]!.filter((u) => !isHub[u]);
    if (!above.length) continue;
    for (const v of members[k]!) {
      const p = grng.pick(above);
      addEdge(p, v);
      firstCustomer[v] = p;
    }
  }
  // Forward edges from tier k to tier k + 1, a quarter of them to that tier's hubs. Hubs themselves
  // depend only on the hubs of the next tier, so nothing but hubs is reachable from a hub: a cycle
  // through a hub would pull most of the graph into one strongly connected component.
  for (let k = 1; k < MAX_TIER; k++) {
    const below = members[k + 1]!;
    const belowHubs = hubs[k + 1]!;
    if (!below.length) continue;
    for (const u of members[k]!) {
      const targets = isHub[u] ? belowHubs : below;
      if (!targets.length) continue;
      const degree = Math.min(targets.length, grng.int(MIN_OUT_DEGREE, MAX_OUT_DEGREE));
      const list = out[u]!;
      for (let attempts = 0; list.length < degree && attempts < degree * 4; attempts++) {
        const t = isHub[u] || (belowHubs.length && grng.chance(HUB_EDGE_SHARE)) ? belowHubs[grng.skewedIndex(belowHubs.length, HUB_SKEW)]! : grng.pick(below);
        addEdge(u, t);
      }
    }
  }
  let backEdges = 0;
  const addBackEdge = (v: number, hops: number): boolean => {
    let a = v;
    for (let h = 0; h < hops && firstCustomer[a]! >= 0; h++) a = firstCustomer[a]!;
    return a !== v && addEdge(v, a);
  };
  // Back-edges (never from a hub) to an ancestor on the first-customer chain: each closes a cycle.
  for (let k = 2; k <= MAX_TIER; k++) {
    for (const v of members[k]!) {
      if (isHub[v]) continue;
      let r = grng.next();
      let hops = 0;
      while (hops < BACK_EDGE_RATES.length && r >= BACK_EDGE_RATES[hops]!) r -= BACK_EDGE_RATES[hops++]!;
      if (hops < BACK_EDGE_RATES.length && hops + 1 < k && addBackEdge(v, hops + 1)) backEdges++;
    }
  }
  // Small organisations still get a few cycles.
  const candidates = members.slice(2).flat().filter((v) => !isHub[v]);
  for (let attempts = 0; backEdges < MIN_BACK_EDGES && candidates.length && attempts < 100; attempts++) {
    if (addBackEdge(grng.pick(candidates), 1)) backEdges++;
  }
  let m = 0;
  for (const list of out) m += list.length;
  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  const edgeSingleSource = new Uint8Array(m);
  const edgeBufferMin = new Int32Array(m);
  const edgeDeclaredBy: DeclaredBy[] = new Array(m);
  const erng = root.fork("edges");
  {
    let e = 0;
    for (let u = 0; u < n; u++) {
      for (const t of out[u]!) {
        edgeFrom[e] = u;
        edgeTo[e] = t;
        edgeSingleSource[e] = erng.chance(isHub[t] ? 0.4 : 0.25) ? 1 : 0;
        const targetTier = tierOf[t]!;
        edgeBufferMin[e] =
          targetTier >= 3 && erng.chance(0.4)
            ? erng.pick([1, 2, 3, 5, 7, 14, 30]) * D
            : targetTier === 2 && erng.chance(0.2)
              ? erng.pick([4 * H, 8 * H, 1 * D, 2 * D])
              : 0;
        edgeDeclaredBy[e] = erng.weighted([["procurement", 40], ["vendor", 45], ["import", 15]] as const);
        e++;
      }
    }
  }

  // ---- alternates for edges
  const arng = root.fork("alternates");
  const alternates: PlannedAlternate[] = [];
  const alternateFigures = (status: AlternateStatus) => ({
    switchoverMin: arng.chance(status === "qualified" ? 0.05 : status === "qualifying" ? 0.5 : 0.7) ? null : arng.weighted(SWITCHOVER_CHOICES),
    capacityPct: arng.chance(0.2) ? null : arng.int(2, 10) * 10,
  });
  const pickStatus = () => arng.weighted([["identified", 35], ["qualifying", 25], ["qualified", 40]] as const);
  for (let e = 0; e < m; e++) {
    if (!arng.chance(EDGE_ALTERNATE_RATE)) continue;
    const s = edgeFrom[e]!;
    const t = edgeTo[e]!;
    const pool = members[tierOf[t]!]!;
    if (pool.length < 3) continue;
    let a = arng.pick(pool);
    if (a === t || a === s) a = pool[(pool.indexOf(a) + 1) % pool.length]!;
    if (a === t || a === s) continue;
    const status = pickStatus();
    alternates.push({ replaces: t, alternate: a, forSupplier: s, forService: null, status, ...alternateFigures(status) });
  }

  // ---- services
  const vrng = root.fork("services");
  const vendors = members[1]!;
  const keyVendors = vendors.slice(0, Math.max(1, Math.round(vendors.length * 0.02)));
  const serviceNames = new Set<string>();
  const services: PlannedService[] = [];
  for (let i = 0; i < serviceCount; i++) {
    const base = SERVICE_NAMES[i % SERVICE_NAMES.length]!;
    let name = i < SERVICE_NAMES.length ? base : `${base} — ${vrng.pick(SERVICE_QUALIFIERS)}`;
    for (let n2 = 2; serviceNames.has(name); n2++) name = `${base} — ${vrng.pick(SERVICE_QUALIFIERS)} ${n2}`;
    serviceNames.add(name);
    const rto = vrng.weighted([[1 * H, 2], [2 * H, 2], [4 * H, 6], [8 * H, 4], [1 * D, 6], [2 * D, 4], [3 * D, 3], [7 * D, 2]] as const);
    const wanted = Math.min(vendors.length, vrng.int(1, 8));
    const chosen = new Set<number>();
    for (let attempts = 0; chosen.size < wanted && attempts < wanted * 10; attempts++) {
      chosen.add(vrng.chance(1 / 3) ? vrng.pick(keyVendors) : vrng.pick(vendors));
    }
    services.push({
      externalId: `SVC-${String(i + 1).padStart(4, "0")}`,
      name,
      owner: vrng.pick(SERVICE_OWNERS),
      description: `${name}: generated internal service (benchmark data).`,
      requiredRtoMin: rto,
      requiredRpoMin: vrng.weighted([[0, 2], [15, 4], [1 * H, 5], [4 * H, 4], [1 * D, 4], [3 * D, 1]] as const),
      mtpdMin: Math.round(rto * vrng.pick([1.5, 2, 3, 4])),
      vendors: [...chosen],
    });
  }
  // ---- alternates for services: another vendor that could replace one the service needs
  for (let i = 0; i < services.length; i++) {
    const service = services[i]!;
    if (!service.vendors.length || vendors.length < 2 || !arng.chance(SERVICE_ALTERNATE_RATE)) continue;
    const replaces = arng.pick(service.vendors);
    const alternate = arng.pick(vendors);
    if (alternate === replaces || service.vendors.includes(alternate)) continue;
    const status = pickStatus();
    alternates.push({ replaces, alternate, forSupplier: null, forService: i, status, ...alternateFigures(status) });
  }

  // ---- questionnaires
  const qrng = root.fork("assessments");
  const assessmentCount = Math.min(vendors.length, Math.round((n * ASSESSMENTS_PER_100_SUPPLIERS) / 100));
  const assessments: PlannedAssessment[] = [];
  for (const v of qrng.sample(vendors, assessmentCount)) {
    const status = qrng.weighted([["draft", 10], ["sent", 20], ["in_progress", 20], ["submitted", 15], ["changes_requested", 5], ["approved", 25], ["rejected", 5]] as const);
    const answeredShare = { draft: 0.15, sent: 0, in_progress: 0.5, changes_requested: 0.95, submitted: 1, approved: 1, rejected: 1 }[status];
    const submitted = status === "submitted" || status === "approved" || status === "rejected" || status === "changes_requested";
    assessments.push({
      supplier: v,
      status,
      dueDate: isoDate(ref + qrng.int(-60, 45) * DAY_MS),
      sentAt: status === "draft" ? null : new Date(ref - qrng.int(20, 90) * DAY_MS),
      submittedAt: submitted ? new Date(ref - qrng.int(6, 19) * DAY_MS) : null,
      reviewedAt: status === "approved" || status === "rejected" || status === "changes_requested" ? new Date(ref - qrng.int(0, 5) * DAY_MS) : null,
      answers: answersFor(qrng, suppliers[v]!, out[v]!.map((t) => suppliers[t]!), answeredShare, ref),
    });
  }

  // ---- evidence
  const xrng = root.fork("evidence");
  const evidence: PlannedEvidence[] = [];
  const blank = { documentVersion: null, approvalDate: null, testDate: null, testScope: null, achievedRtoMin: null, achievedRpoMin: null, testPassed: null, issuer: null, certificateNumber: null, validFrom: null, validTo: null, reviewedAt: null };
  for (let i = 0; i < n; i++) {
    const s = suppliers[i]!;
    const vendor = s.tier === 1;
    const tested = s.testedAt !== null;
    if (tested || xrng.chance(0.01)) {
      // Tested figures are what an accepted DR-test report says; a few more reports await review.
      const testDate = s.testedAt ?? isoDate(ref - xrng.int(5, 60) * DAY_MS);
      const achievedRto = s.testedRtoMin ?? xrng.weighted(DECLARED_RTO_BY_TIER[Math.min(s.tier, 3)]!);
      evidence.push({
        ...blank,
        supplier: i,
        kind: "dr_test",
        status: tested ? "accepted" : "pending",
        title: `DR test report ${testDate.slice(0, 4)}`,
        fileName: `dr-test-${testDate}.pdf`,
        bytes: pdfLikeBlob(xrng, `${s.externalId} dr_test ${testDate}`),
        testDate,
        testScope: xrng.pick(["Full fail-over to the recovery site", "Technical recovery of core systems", "Tabletop exercise"]),
        achievedRtoMin: achievedRto,
        achievedRpoMin: tested ? s.testedRpoMin : null,
        testPassed: s.declaredRtoMin === null || achievedRto <= s.declaredRtoMin,
        reviewedAt: tested ? new Date(Date.parse(testDate) + xrng.int(3, 14) * DAY_MS) : null,
      });
    }
    if (vendor && xrng.chance(0.35)) {
      const approvalDate = isoDate(ref - xrng.int(30, 700) * DAY_MS);
      const status = xrng.weighted([["accepted", 70], ["pending", 20], ["rejected", 10]] as const);
      evidence.push({
        ...blank,
        supplier: i,
        kind: "bcp_plan",
        status,
        title: "Business continuity plan",
        fileName: `bcp-${s.externalId.toLowerCase()}.pdf`,
        bytes: pdfLikeBlob(xrng, `${s.externalId} bcp_plan ${approvalDate}`),
        documentVersion: `${xrng.int(1, 6)}.${xrng.int(0, 9)}`,
        approvalDate,
        reviewedAt: status === "pending" ? null : new Date(ref - xrng.int(1, 20) * DAY_MS),
      });
    }
    if ((vendor && xrng.chance(0.15)) || (isHub[i] && xrng.chance(0.5))) {
      const from = ref - xrng.int(100, 1400) * DAY_MS;
      evidence.push({
        ...blank,
        supplier: i,
        kind: "iso22301",
        status: "accepted",
        title: "ISO 22301 certificate",
        fileName: "iso22301-certificate.pdf",
        bytes: pdfLikeBlob(xrng, `${s.externalId} iso22301`),
        issuer: xrng.pick(["BSI", "DNV", "TÜV SÜD", "Bureau Veritas", "SGS", "LRQA"]),
        certificateNumber: `BCMS ${xrng.digits(6)}`,
        validFrom: isoDate(from),
        validTo: isoDate(from + 3 * 365 * DAY_MS),
        reviewedAt: new Date(Math.min(ref, from + 10 * DAY_MS)),
      });
    }
    if (vendor && xrng.chance(0.05)) {
      const from = ref - xrng.int(10, 500) * DAY_MS;
      evidence.push({
        ...blank,
        supplier: i,
        kind: "insurance",
        status: "accepted",
        title: "Business interruption insurance certificate",
        fileName: "insurance-certificate.pdf",
        bytes: pdfLikeBlob(xrng, `${s.externalId} insurance`),
        issuer: xrng.pick(["Allianz", "AXA XL", "Zurich", "Munich Re", "Chubb", "Tokio Marine"]),
        validFrom: isoDate(from),
        validTo: isoDate(from + 365 * DAY_MS),
        reviewedAt: new Date(Math.min(ref, from + 5 * DAY_MS)),
      });
    }
  }

  return { suppliers, edgeFrom, edgeTo, edgeSingleSource, edgeBufferMin, edgeDeclaredBy, alternates, services, assessments, evidence };
}

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** A few hundred bytes that start like a PDF (so magic-byte checks see application/pdf). */
function pdfLikeBlob(rng: Random, label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% resilience-portal benchmark evidence: ${label}\n${rng.text(rng.int(150, 1500))}\n%%EOF\n`, "latin1");
}

const DURATION_CHOICES = [0, 15, 1 * H, 4 * H, 8 * H, 1 * D, 2 * D, 7 * D];
const TEMPLATE_QUESTIONS: TemplateQuestion[] = DEFAULT_TEMPLATE.sections.flatMap((s) => s.questions);

/** Answers of a questionnaire: a share of the applicable questions, consistent with the supplier's figures. */
function answersFor(rng: Random, supplier: PlannedSupplier, subSuppliers: PlannedSupplier[], share: number, ref: number): [string, unknown][] {
  const answers = new Map<string, unknown>();
  for (const q of TEMPLATE_QUESTIONS) {
    if (q.type === "file") continue; // evidence references: uploaded through the evidence store
    if (q.condition && answers.get(q.condition.questionKey) !== q.condition.equals) continue;
    if (!rng.chance(share)) continue;
    const value = answerValue(rng, q, supplier, subSuppliers, ref);
    if (value !== undefined) answers.set(q.key, value);
  }
  return [...answers];
}

function answerValue(rng: Random, q: TemplateQuestion, s: PlannedSupplier, subSuppliers: PlannedSupplier[], ref: number): unknown {
  switch (q.mapsTo) {
    case "declared_rto":
      return s.declaredRtoMin ?? undefined;
    case "declared_rpo":
      return s.declaredRpoMin ?? undefined;
    case "last_dr_test_date":
      return s.testedAt ?? isoDate(ref - rng.int(30, 700) * DAY_MS);
    case "sub_suppliers":
      return subSuppliers.slice(0, 5).map((t) => ({
        name: t.name,
        country: t.country,
        supplies: t.supplies,
        single_source: rng.chance(0.3),
        buffer: rng.pick(DURATION_CHOICES),
      }));
    default:
      break;
  }
  switch (q.type) {
    case "yes_no":
      return q.goodAnswer === undefined ? rng.chance(0.5) : rng.chance(0.75) ? q.goodAnswer : !q.goodAnswer;
    case "single_choice":
      return q.options?.length ? q.options[rng.skewedIndex(q.options.length, 1.8)]!.value : undefined;
    case "multi_choice": {
      const chosen = (q.options ?? []).filter(() => rng.chance(0.5)).map((o) => o.value);
      return chosen.length ? chosen : q.options?.[0] ? [q.options[0].value] : undefined;
    }
    case "text":
      return `Generated answer for ${s.externalId}: ${rng.text(rng.int(20, 160))}`;
    case "number":
      return q.key.endsWith("_pct") ? rng.int(3, 10) * 10 : rng.int(1, 100);
    case "date":
      return isoDate(ref - rng.int(10, 700) * DAY_MS);
    case "duration":
      return q.key === "dr_test_achieved_rto" && s.testedRtoMin !== null
        ? s.testedRtoMin
        : q.key === "dr_test_achieved_rpo" && s.testedRpoMin !== null
          ? s.testedRpoMin
          : rng.pick(DURATION_CHOICES);
    case "table":
      return Array.from({ length: rng.int(1, 3) }, () =>
        Object.fromEntries(
          (q.columns ?? []).map((c) => [
            c.key,
            c.type === "number"
              ? rng.int(2, 10) * 10
              : c.type === "duration"
                ? rng.pick(DURATION_CHOICES)
                : c.type === "yes_no"
                  ? rng.chance(0.5)
                  : c.type === "country"
                    ? rng.pick(["DE", "FR", "PL", "CN", "TW", "US", "GB", "JP"])
                    : `${c.label} ${rng.text(8)}`,
          ]),
        ),
      );
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------------

/** Generates the organisation `slug` with `suppliers` suppliers, in one transaction. */
export async function generateOrganisation(db: Kysely<Database>, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const batch = { maxRows: options.batchRows };

  if (options.replace && (await deleteOrganisation(db, options.slug))) progress(`deleted the previous organisation "${options.slug}"`);
  else if (await db.selectFrom("organisations").select("id").where("slug", "=", options.slug).executeTakeFirst()) {
    throw new Error(`An organisation "${options.slug}" already exists (replace it with --replace / { replace: true }).`);
  }
  const plan = planOrganisation(options);
  const { suppliers, services, alternates, assessments, evidence } = plan;
  const m = plan.edgeFrom.length;
  progress(
    `planned ${suppliers.length.toLocaleString("en-US")} suppliers, ${m.toLocaleString("en-US")} dependencies, ` +
      `${alternates.length.toLocaleString("en-US")} alternates in ${Math.round(performance.now() - started)} ms`,
  );

  const write = async (trx: Transaction<Database> | Kysely<Database>): Promise<Omit<GenerateResult, "elapsedMs">> => {
    const org = await trx
      .insertInto("organisations")
      .values({ slug: options.slug, name: options.name ?? `Bench organisation ${options.slug}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orgId = org.id;
    const supplierIds = suppliers.map(() => randomUUID());
    const serviceIds = services.map(() => randomUUID());
    let rows = 1;

    const every = (label: string, total: number, step: number) => {
      let next = step;
      return (done: number) => {
        if (done >= next || done === total) {
          progress(`${label} ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`);
          next = done + step;
        }
      };
    };

    rows += await insertInBatches(
      trx,
      "suppliers",
      (function* (): Generator<Insertable<SuppliersTable>> {
        for (let i = 0; i < suppliers.length; i++) {
          const s = suppliers[i]!;
          yield {
            id: supplierIds[i]!,
            org_id: orgId,
            external_id: s.externalId,
            name: s.name,
            normalized_name: normalizeName(s.name),
            country: s.country,
            is_vendor: s.tier === 1,
            criticality: s.criticality,
            contact_email: s.contactEmail,
            lei: s.lei,
            duns: s.duns,
            website: s.website,
            declared_rto_min: s.declaredRtoMin,
            declared_rpo_min: s.declaredRpoMin,
            tested_rto_min: s.testedRtoMin,
            tested_rpo_min: s.testedRpoMin,
            tested_at: s.testedAt,
          };
        }
      })(),
      { ...batch, onBatch: every("suppliers", suppliers.length, 25_000) },
    );

    rows += await insertInBatches(
      trx,
      "internal_services",
      services.map((s, i) => ({
        id: serviceIds[i]!,
        org_id: orgId,
        external_id: s.externalId,
        name: s.name,
        owner: s.owner,
        description: s.description,
        required_rto_min: s.requiredRtoMin,
        required_rpo_min: s.requiredRpoMin,
        mtpd_min: s.mtpdMin,
      })),
      batch,
    );
    rows += await insertInBatches(
      trx,
      "service_suppliers",
      services.flatMap((s, i) => s.vendors.map((v) => ({ org_id: orgId, service_id: serviceIds[i]!, supplier_id: supplierIds[v]! }))),
      batch,
    );
    progress(`services ${services.length.toLocaleString("en-US")}`);

    rows += await insertInBatches(
      trx,
      "dependencies",
      (function* () {
        for (let e = 0; e < m; e++) {
          const t = plan.edgeTo[e]!;
          yield {
            org_id: orgId,
            supplier_id: supplierIds[plan.edgeFrom[e]!]!,
            depends_on_id: supplierIds[t]!,
            supplies: suppliers[t]!.supplies,
            single_source: plan.edgeSingleSource[e] === 1,
            buffer_min: plan.edgeBufferMin[e]!,
            declared_by: plan.edgeDeclaredBy[e]!,
          };
        }
      })(),
      { ...batch, onBatch: every("dependencies", m, 100_000) },
    );

    rows += await insertInBatches(
      trx,
      "alternates",
      alternates.map((a) => ({
        org_id: orgId,
        replaces_id: supplierIds[a.replaces]!,
        alternate_id: supplierIds[a.alternate]!,
        for_supplier_id: a.forSupplier === null ? null : supplierIds[a.forSupplier]!,
        for_service_id: a.forService === null ? null : serviceIds[a.forService]!,
        status: a.status,
        switchover_min: a.switchoverMin,
        capacity_pct: a.capacityPct,
      })),
      batch,
    );
    progress(`alternates ${alternates.length.toLocaleString("en-US")}`);

    const template = await installTemplate(trx, orgId, DEFAULT_TEMPLATE);
    rows += 2 + template.questions.length;
    const questionId = new Map(template.questions.map((q) => [q.key, q.id]));
    const assessmentIds = assessments.map(() => randomUUID());
    rows += await insertInBatches(
      trx,
      "assessments",
      assessments.map((a, i) => {
        const done = a.status === "submitted" || a.status === "approved" || a.status === "rejected";
        const snapshot = done ? JSON.stringify({ answers: Object.fromEntries(a.answers) }) : null;
        return {
          id: assessmentIds[i]!,
          org_id: orgId,
          supplier_id: supplierIds[a.supplier]!,
          template_version_id: template.versionId,
          status: a.status,
          due_date: a.dueDate,
          sent_at: a.sentAt,
          submitted_at: a.submittedAt,
          reviewed_at: a.reviewedAt,
          snapshot,
          snapshot_sha256: snapshot ? createHash("sha256").update(snapshot).digest("hex") : null,
        };
      }),
      batch,
    );
    const answerCount = await insertInBatches(
      trx,
      "answers",
      (function* (): Generator<Insertable<AnswersTable>> {
        for (let i = 0; i < assessments.length; i++) {
          for (const [key, value] of assessments[i]!.answers) {
            const qid = questionId.get(key);
            if (!qid) throw new Error(`No question ${key} in the installed template`);
            yield { org_id: orgId, assessment_id: assessmentIds[i]!, question_id: qid, value: JSON.stringify(value) };
          }
        }
      })(),
      batch,
    );
    rows += answerCount;
    progress(`questionnaires ${assessments.length.toLocaleString("en-US")} with ${answerCount.toLocaleString("en-US")} answers`);

    const storageKeys = evidence.map(() => `db:${randomUUID()}`);
    let blobBytes = 0;
    rows += await insertInBatches(
      trx,
      "blob_chunks",
      evidence.map((x, i) => {
        blobBytes += x.bytes.length;
        return { storage_key: storageKeys[i]!, seq: 0, data: x.bytes };
      }),
      batch,
    );
    rows += await insertInBatches(
      trx,
      "evidence",
      evidence.map((x, i) => ({
        org_id: orgId,
        supplier_id: supplierIds[x.supplier]!,
        kind: x.kind,
        title: x.title,
        file_name: x.fileName,
        content_type: "application/pdf",
        size_bytes: x.bytes.length,
        sha256: createHash("sha256").update(x.bytes).digest("hex"),
        storage_key: storageKeys[i]!,
        status: x.status,
        document_version: x.documentVersion,
        approval_date: x.approvalDate,
        test_date: x.testDate,
        test_scope: x.testScope,
        achieved_rto_min: x.achievedRtoMin,
        achieved_rpo_min: x.achievedRpoMin,
        test_passed: x.testPassed,
        issuer: x.issuer,
        certificate_number: x.certificateNumber,
        valid_from: x.validFrom,
        valid_to: x.validTo,
        reviewed_at: x.reviewedAt,
      })),
      batch,
    );
    progress(`evidence ${evidence.length.toLocaleString("en-US")} (${(blobBytes / 1024).toFixed(0)} KiB of blobs)`);

    return {
      orgId,
      slug: options.slug,
      counts: {
        suppliers: suppliers.length,
        vendors: suppliers.filter((s) => s.tier === 1).length,
        services: services.length,
        serviceLinks: services.reduce((sum, s) => sum + s.vendors.length, 0),
        dependencies: m,
        alternates: alternates.length,
        questions: template.questions.length,
        assessments: assessments.length,
        answers: answerCount,
        evidence: evidence.length,
        blobBytes,
      },
      rows,
      maxTier: suppliers.reduce((max, s) => Math.max(max, s.tier), 0),
    };
  };

  const result = db.isTransaction ? await write(db) : await db.transaction().execute(write);
  return { ...result, elapsedMs: performance.now() - started };
}

// ------------------------------------------------------------------------------------------------
// CLI
// ------------------------------------------------------------------------------------------------

function parseArgs(argv: string[]) {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (key === "replace" || key === "help") args.set(key, "true");
    else args.set(key, inline ?? argv[++i] ?? "");
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.has("help")) {
    console.log("Usage: tsx bench/generate.ts [--suppliers 50000] [--slug bench] [--services 500] [--seed 1] [--replace]");
    return;
  }
  const number = (name: string) => {
    const raw = args.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw.replace(/[_,]/g, ""));
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not "${raw}"`);
    return value;
  };
  const suppliers = number("suppliers") ?? 50_000;
  const services = number("services");
  const seed = number("seed");
  const slug = args.get("slug") ?? "bench";
  console.log(`Database: ${describeDatabase(readDatabaseConfig())}`);
  const db = getDatabase();
  const rss = new RssSampler().start();
  const t0 = performance.now();
  const stamp = () => `[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s]`;
  try {
    await migrateToLatest(db);
    const rssBefore = process.memoryUsage.rss();
    const result = await generateOrganisation(db, {
      slug,
      suppliers,
      services,
      seed,
      replace: args.has("replace"),
      onProgress: (msg) => console.log(`${stamp()} ${msg}`),
    });
    const { peakRss } = rss.stop();
    const c = result.counts;
    console.log(
      `${stamp()} generated "${slug}" (${result.orgId}) in ${(result.elapsedMs / 1000).toFixed(2)} s: ` +
        `${c.suppliers} suppliers (${c.vendors} vendors, tiers 1–${result.maxTier}), ${c.dependencies} dependencies, ` +
        `${c.alternates} alternates, ${c.services} services (${c.serviceLinks} links), ${c.assessments} questionnaires ` +
        `(${c.answers} answers), ${c.evidence} evidence; ${result.rows} rows, ` +
        `${Math.round(result.rows / (result.elapsedMs / 1000))} rows/s; ` +
        `RSS ${(rssBefore / 1048576).toFixed(0)} MiB before generating, peak ${(Math.max(peakRss, maxRssBytes()) / 1048576).toFixed(0)} MiB`,
    );
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await closeDatabase();
  }
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (invokedPath === fileURLToPath(import.meta.url)) {
  await main().catch((error: unknown) => {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
