/**
 * Findings: every flag with a severity, a plain English reason (figures as h/d) and the path
 * that causes it. Built from the engine state; sorted by severity, kind, subject id, key.
 */
import { CONCENTRATION_COUNT_CAP, STALE_TEST_MONTHS, hashNodeName, hashPathStep, hashSupplierStep, nodeName, supplierStep } from "./engine";
import type { EngineState } from "./engine";
import { Hasher, hashJson } from "./fingerprint";
import { formatDate, formatDuration } from "./format";
import { shortestPathTo, upstreamCountryBits } from "./graph";
import type {
  AssessmentInput,
  Criticality,
  EvidenceInput,
  EvidenceKind,
  Finding,
  FindingKind,
  FindingSubject,
  PathStep,
  Severity,
} from "./types";

/** A supplier relied on by at least this many distinct vendors (other than itself) is a concentration. */
export const CONCENTRATION_MIN_VENDORS = 3;
/** …or needed (directly or upstream) by at least this many internal services. */
export const CONCENTRATION_MIN_SERVICES = 3;
/** A country behind at least this many vendors (the vendor itself or anything upstream of it) is a concentration. */
export const COUNTRY_CONCENTRATION_MIN_VENDORS = 5;
/** …or behind at least this many internal services. */
export const COUNTRY_CONCENTRATION_MIN_SERVICES = 3;
/** A concentration at this multiple of its threshold is 'high' instead of 'medium'. */
export const CONCENTRATION_HIGH_FACTOR = 2;
/** Questionnaire statuses that are no longer waiting for the vendor. */
export const ASSESSMENT_DONE_STATUSES: ReadonlySet<string> = new Set(["submitted", "approved", "rejected"]);

/** Sort order of kinds (within one severity). */
export const FINDING_KINDS: readonly FindingKind[] = [
  "rto_beyond_mtpd",
  "rto_gap",
  "rto_unknown",
  "rpo_gap",
  "rpo_unknown",
  "single_source_no_alternate",
  "concentration_supplier",
  "concentration_country",
  "untested_claim",
  "stale_test",
  "evidence_expired",
  "evidence_missing",
  "unknown_dependencies",
  "overdue_questionnaire",
];
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** Fixed severities of the service-level findings. */
export const SERVICE_FINDING_SEVERITY = {
  rto_beyond_mtpd: "critical",
  rto_gap: "high",
  rto_unknown: "high",
  rpo_gap: "high",
  rpo_unknown: "medium",
} as const satisfies Partial<Record<FindingKind, Severity>>;

/** Severity of a supplier-level finding from the supplier's criticality (one step below it, never below low). */
export function supplierSeverity(criticality: Criticality): Severity {
  switch (criticality) {
    case "critical":
      return "high";
    case "high":
      return "medium";
    default:
      return "low";
  }
}

const EVIDENCE_LABEL: Record<EvidenceKind, string> = {
  bcp_plan: "BCP plan",
  dr_test: "DR test report",
  iso22301: "ISO 22301 certificate",
  insurance: "insurance certificate",
  other: "other evidence",
};
const EVIDENCE_KINDS = Object.keys(EVIDENCE_LABEL) as EvidenceKind[];
/** Evidence every vendor is expected to have accepted. */
export const REQUIRED_EVIDENCE: readonly EvidenceKind[] = ["bcp_plan", "dr_test"];

export type EvidenceState = "valid" | "expired" | "missing";
export interface EvidenceSummary {
  state: EvidenceState;
  /** For 'expired': the latest expiry date among the accepted items. */
  expiredOn: Date | null;
}

/**
 * Per supplier and kind: 'valid' (an accepted item with no expiry or not yet expired),
 * 'expired' (accepted items exist but all expired before asOf) or absent from the map ('missing').
 */
export function summariseEvidence(
  evidence: readonly EvidenceInput[],
  asOf: Date,
): Map<string, Map<EvidenceKind, EvidenceSummary>> {
  const out = new Map<string, Map<EvidenceKind, EvidenceSummary>>();
  const now = asOf.getTime();
  for (const e of evidence) {
    if (e.status !== "accepted") continue;
    let bySupplier = out.get(e.supplierId);
    if (!bySupplier) out.set(e.supplierId, (bySupplier = new Map()));
    const valid = e.validTo === null || e.validTo.getTime() >= now;
    const prev = bySupplier.get(e.kind);
    if (valid) bySupplier.set(e.kind, { state: "valid", expiredOn: null });
    else if (!prev || (prev.state === "expired" && prev.expiredOn!.getTime() < e.validTo!.getTime()))
      bySupplier.set(e.kind, { state: "expired", expiredOn: e.validTo });
  }
  return out;
}

export function evidenceStateOf(
  summary: Map<string, Map<EvidenceKind, EvidenceSummary>>,
  supplierId: string,
  kind: EvidenceKind,
): EvidenceState {
  return summary.get(supplierId)?.get(kind)?.state ?? "missing";
}

/** Overdue = due date passed and not submitted / approved / rejected. Grouped by supplier, oldest first. */
export function overdueAssessments(
  assessments: readonly AssessmentInput[],
  asOf: Date,
): Map<string, AssessmentInput[]> {
  const out = new Map<string, AssessmentInput[]>();
  const now = asOf.getTime();
  for (const a of assessments) {
    if (a.dueDate === null || a.dueDate.getTime() >= now || ASSESSMENT_DONE_STATUSES.has(a.status)) continue;
    const list = out.get(a.supplierId);
    if (list) list.push(a);
    else out.set(a.supplierId, [a]);
  }
  for (const list of out.values()) list.sort((a, b) => a.dueDate!.getTime() - b.dueDate!.getTime());
  return out;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function countText(n: number, one: string, many?: string): string {
  return n >= CONCENTRATION_COUNT_CAP ? `${CONCENTRATION_COUNT_CAP} or more ${many ?? `${one}s`}` : plural(n, one, many);
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]!}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SEVERITY_INDEX = new Map(SEVERITIES.map((s, i) => [s, i]));
const KIND_INDEX = new Map(FINDING_KINDS.map((k, i) => [k, i]));

/** The order of `result.findings`: severity, kind, subject id, key. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_INDEX.get(a.severity)! - SEVERITY_INDEX.get(b.severity)! ||
    KIND_INDEX.get(a.kind)! - KIND_INDEX.get(b.kind)! ||
    compareStrings(a.subject.id, b.subject.id) ||
    compareStrings(a.key, b.key)
  );
}

/**
 * A finding whose reason and path are built on first access: a large graph can have 100,000+
 * findings and most callers read a page of them. `toJSON` gives the plain object.
 */
class LazyFinding implements Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly subject: FindingSubject;
  readonly #text: FindingText;
  /** Subject node / service index / country index. */
  readonly #a: number;
  /** Out-edge for single_source_no_alternate, else -1. */
  readonly #b: number;
  #reason: string | null = null;
  #path: readonly PathStep[] | null = null;

  constructor(text: FindingText, kind: FindingKind, severity: Severity, subject: FindingSubject, a: number, b: number) {
    this.kind = kind;
    this.severity = severity;
    this.subject = subject;
    this.#text = text;
    this.#a = a;
    this.#b = b;
  }

  get key(): string {
    const base = `${this.kind}:${this.subject.type}:${this.subject.id}`;
    return this.#b >= 0 ? `${base}:${this.#text.st.ids[this.#text.st.outDst[this.#b]!]!}` : base;
  }

  get reason(): string {
    this.#reason ??= this.#text.reason(this.kind, this.#a, this.#b);
    return this.#reason;
  }

  get path(): readonly PathStep[] {
    this.#path ??= this.#text.path(this.kind, this.#a, this.#b);
    return this.#path;
  }

  /** Feeds the fingerprint of severity, reason and path into `h` without building them. */
  hashContent(h: Hasher): void {
    h.int(SEVERITY_INDEX.get(this.severity)!);
    this.#text.hash(h, this.kind, this.#a, this.#b);
  }

  toJSON(): Finding {
    return { key: this.key, kind: this.kind, severity: this.severity, subject: this.subject, reason: this.reason, path: this.path };
  }
}

/**
 * 16-hex-digit fingerprint of a finding's stored content (severity, reason, path) for change
 * detection, computed without building the reason or the path (see fingerprint.ts). The key,
 * kind and subject are the row's identity and are not part of it.
 */
export function findingContentHash(f: Finding, h: Hasher = new Hasher()): string {
  if (f instanceof LazyFinding) {
    h.reset();
    f.hashContent(h);
    return h.digest();
  }
  return hashJson([f.severity, f.reason, f.path]);
}

interface CountryData {
  codes: string[];
  vendorCount: Int32Array;
  serviceCount: Int32Array;
  countryOf: Int32Array;
  bits: Uint32Array;
  words: number;
}

/** Builds reasons and paths of findings on demand. */
class FindingText {
  constructor(
    readonly st: EngineState,
    readonly evidence: Map<string, Map<EvidenceKind, EvidenceSummary>> | null,
    readonly overdue: Map<string, AssessmentInput[]> | null,
    readonly countries: CountryData | null,
  ) {}

  nameOfId(id: string): string {
    const v = this.st.index.get(id);
    return v === undefined ? id : nodeName(this.st, v);
  }

  /** "Acme → Steel Co [buffer 1 d] (declared RTO 2 d)" */
  describeChain(path: readonly PathStep[]): string {
    const parts: string[] = [];
    let tail = "";
    for (const step of path) {
      if (step.kind === "service") continue;
      const buffer = step.bufferMin > 0 ? ` [buffer ${formatDuration(step.bufferMin)}]` : "";
      if (step.kind === "supplier") {
        parts.push(`${this.nameOfId(step.supplierId)}${step.link === "cycle" ? " [same cycle]" : ""}${buffer}`);
        tail =
          step.ownRtoMin === null
            ? " (no declared or current tested RTO)"
            : ` (${step.rtoSource} RTO ${formatDuration(step.ownRtoMin)})`;
      } else {
        parts.push(
          `alternate ${this.nameOfId(step.alternateId)} for ${this.nameOfId(step.replacesId)}${buffer} (switch-over ${formatDuration(step.switchoverMin)})`,
        );
        tail = "";
      }
    }
    return parts.join(" → ") + tail;
  }

  path(kind: FindingKind, a: number, b: number): readonly PathStep[] {
    const st = this.st;
    switch (kind) {
      case "rto_beyond_mtpd":
      case "rto_gap":
      case "rto_unknown":
        return st.serviceResults[a]!.path;
      case "rpo_gap":
      case "rpo_unknown":
        return st.serviceResults[a]!.rpoPath;
      case "single_source_no_alternate":
        return [supplierStep(st, a, "start", -1), supplierStep(st, st.outDst[b]!, "dependency", b)];
      case "concentration_country":
        return this.countryPath(a);
      default:
        return [supplierStep(st, a, "start", -1)];
    }
  }

  /** Shortest chain from the first vendor (by id) behind the country to a supplier in it. */
  countryPath(ci: number): PathStep[] {
    const st = this.st;
    const data = this.countries!;
    const { comp } = st.comps;
    const behind = (v: number): boolean =>
      ((data.bits[comp[v]! * data.words + (ci >>> 5)]! >>> (ci & 31)) & 1) === 1;
    let example = -1;
    for (const v of st.vendorNodes) if (behind(v) && (example === -1 || st.ids[v]! < st.ids[example]!)) example = v;
    if (example === -1) return [];
    const nodes = shortestPathTo(st.n, example, (x) => data.countryOf[x] === ci, st.outStart, st.outDst) ?? [example];
    return nodes.map((x, i) => {
      if (i === 0) return supplierStep(st, x, "start", -1);
      const from = nodes[i - 1]!;
      let edge = -1;
      for (let k = st.outStart[from]!; k < st.outStart[from + 1]! && edge === -1; k++) if (st.outDst[k] === x) edge = k;
      return supplierStep(st, x, "dependency", edge);
    });
  }

  /**
   * Fingerprint of reason(kind, a, b) and path(kind, a, b): everything they are made of, in
   * numbers and raw strings (see fingerprint.ts). Keep in step with reason() and path().
   */
  hash(h: Hasher, kind: FindingKind, a: number, b: number): void {
    const st = this.st;
    h.int(KIND_INDEX.get(kind)!);
    switch (kind) {
      case "rto_beyond_mtpd":
      case "rto_gap":
      case "rto_unknown":
      case "rpo_gap":
      case "rpo_unknown": {
        const svc = st.serviceResults[a]!;
        const rto = kind.startsWith("rto_");
        h.str(svc.name);
        if (kind === "rto_gap" || kind === "rto_beyond_mtpd") h.num(svc.recoveryMin).num(svc.requiredRtoMin).num(svc.mtpdMin);
        else if (kind === "rpo_gap") h.num(svc.rpoMin).num(svc.requiredRpoMin).int(st.rpoSource[st.index.get(svc.rpoVendorId!)!]!);
        else if (kind === "rpo_unknown") h.num(svc.requiredRpoMin);
        // RTO reasons describe the chain by name; RPO reasons name the vendor (its step is the last).
        const steps = rto ? svc.path : svc.rpoPath;
        for (const step of steps) hashPathStep(h, st, step, true);
        h.int(steps.length);
        return;
      }
      case "concentration_country": {
        const data = this.countries!;
        h.str(data.codes[a]).int(data.vendorCount[a]!).int(st.vendorNodes.length).int(data.serviceCount[a]!).int(st.services.length);
        const steps = this.countryPath(a);
        for (const step of steps) hashPathStep(h, st, step, false);
        h.int(steps.length);
        return;
      }
      default:
        break;
    }
    // Supplier findings: the supplier's name and step, then what the kind's reason adds.
    const s = st.supplierOf[a]!;
    hashSupplierStep(h, st, a, "start", -1, true);
    switch (kind) {
      case "untested_claim":
        h.num(s.declaredRtoMin);
        return;
      case "stale_test":
        h.date(s.testedAt);
        return;
      case "evidence_expired": {
        const kinds = this.evidence?.get(s.id);
        for (const k of EVIDENCE_KINDS) {
          const summary = kinds?.get(k);
          if (summary?.state === "expired") h.int(1).date(summary.expiredOn);
          else h.int(0);
        }
        return;
      }
      case "evidence_missing": {
        const kinds = this.evidence?.get(s.id);
        for (const k of REQUIRED_EVIDENCE) h.bool(kinds?.has(k) ?? false);
        return;
      }
      case "overdue_questionnaire": {
        const list = this.overdue?.get(s.id) ?? [];
        h.int(list.length).date(list[0]?.dueDate ?? null);
        return;
      }
      case "unknown_dependencies":
        h.str(s.criticality);
        return;
      case "concentration_supplier": {
        h.int(st.reliedOnByVendors[a]!).int(st.reliedOnByServices[a]!);
        const c = st.comps.comp[a]!;
        const off = st.vendorSets.offset[c]!;
        let examples = 0;
        for (let i = off; i < off + st.vendorSets.size[c]! && examples < 3; i++) {
          const vendor = st.vendorNodes[st.vendorSets.items[i]!]!;
          if (vendor === a) continue;
          hashNodeName(h, st, vendor);
          examples++;
        }
        h.int(examples);
        return;
      }
      case "single_source_no_alternate":
        hashSupplierStep(h, st, st.outDst[b]!, "dependency", b, true);
        return;
    }
  }

  reason(kind: FindingKind, a: number, b: number): string {
    const st = this.st;
    switch (kind) {
      case "rto_beyond_mtpd": {
        const svc = st.serviceResults[a]!;
        return `"${svc.name}" would be down for ${formatDuration(svc.recoveryMin)}, beyond its maximum tolerable disruption of ${formatDuration(svc.mtpdMin)} (required RTO ${formatDuration(svc.requiredRtoMin)}). Cause: ${this.describeChain(svc.path)}.`;
      }
      case "rto_gap": {
        const svc = st.serviceResults[a]!;
        return `"${svc.name}" recovers in ${formatDuration(svc.recoveryMin)}, more than its required RTO of ${formatDuration(svc.requiredRtoMin)} (MTPD ${formatDuration(svc.mtpdMin)}). Cause: ${this.describeChain(svc.path)}.`;
      }
      case "rto_unknown": {
        const svc = st.serviceResults[a]!;
        const last = svc.path[svc.path.length - 1];
        const who = last?.kind === "supplier" ? this.nameOfId(last.supplierId) : "a supplier";
        return `"${svc.name}" has an unknown recovery time because ${who} has no declared or current tested RTO. Cause: ${this.describeChain(svc.path)}.`;
      }
      case "rpo_gap": {
        const svc = st.serviceResults[a]!;
        const vendor = st.supplierResults[st.index.get(svc.rpoVendorId!)!]!;
        return `"${svc.name}" could lose ${formatDuration(svc.rpoMin)} of data at ${vendor.name} (${vendor.rpoSource} RPO), more than its required RPO of ${formatDuration(svc.requiredRpoMin)}.`;
      }
      case "rpo_unknown": {
        const svc = st.serviceResults[a]!;
        return `"${svc.name}" has an unknown RPO: ${this.nameOfId(svc.rpoVendorId!)} has no declared or current tested RPO (required ${formatDuration(svc.requiredRpoMin)}).`;
      }
      case "untested_claim": {
        const s = st.supplierOf[a]!;
        return `${s.name} declares an RTO of ${formatDuration(s.declaredRtoMin)} that no DR test from the last ${STALE_TEST_MONTHS} months confirms.`;
      }
      case "stale_test": {
        const s = st.supplierOf[a]!;
        return s.testedAt === null
          ? `${s.name} has tested figures without a test date, so they are not used.`
          : `${s.name}'s DR test of ${formatDate(s.testedAt)} is older than ${STALE_TEST_MONTHS} months, so its tested figures are not used.`;
      }
      case "evidence_expired": {
        const s = st.supplierOf[a]!;
        const expired: string[] = [];
        for (const [k, summary] of this.evidence?.get(s.id) ?? [])
          if (summary.state === "expired") expired.push(`${EVIDENCE_LABEL[k]} (expired ${formatDate(summary.expiredOn)})`);
        expired.sort();
        return `${s.name}'s accepted ${listText(expired)} ${expired.length > 1 ? "are" : "is"} no longer valid.`;
      }
      case "evidence_missing": {
        const s = st.supplierOf[a]!;
        const kinds = this.evidence?.get(s.id);
        const missing = REQUIRED_EVIDENCE.filter((k) => !kinds?.has(k)).map((k) => EVIDENCE_LABEL[k]);
        return `${s.name} has no accepted ${missing.join(" or ")}.`;
      }
      case "overdue_questionnaire": {
        const s = st.supplierOf[a]!;
        const list = this.overdue?.get(s.id) ?? [];
        return `${s.name} has ${plural(list.length, "overdue questionnaire")} (oldest due ${formatDate(list[0]?.dueDate ?? null)}).`;
      }
      case "unknown_dependencies": {
        const s = st.supplierOf[a]!;
        return `${s.name} is a ${s.criticality} vendor but has declared no suppliers of its own, so its upstream risk is unknown.`;
      }
      case "concentration_supplier": {
        const s = st.supplierOf[a]!;
        const c = st.comps.comp[a]!;
        const examples: string[] = [];
        const off = st.vendorSets.offset[c]!;
        for (let i = off; i < off + st.vendorSets.size[c]! && examples.length < 3; i++) {
          const vendor = st.vendorNodes[st.vendorSets.items[i]!]!;
          if (vendor !== a) examples.push(nodeName(st, vendor));
        }
        return (
          `${s.name} is relied on by ${countText(st.reliedOnByVendors[a]!, "vendor")} and ${countText(st.reliedOnByServices[a]!, "internal service")}` +
          (examples.length > 0 ? ` (including ${listText(examples)}).` : ".")
        );
      }
      case "single_source_no_alternate": {
        const s = st.supplierOf[a]!;
        const dep = st.input.dependencies[st.outDep[b]!]!;
        return `${s.name} relies on ${nodeName(st, st.outDst[b]!)} as its only source of ${JSON.stringify(dep.supplies)} and has no qualified alternate.`;
      }
      case "concentration_country": {
        const data = this.countries!;
        return `Suppliers in ${data.codes[a]!} are behind ${data.vendorCount[a]!} of ${plural(st.vendorNodes.length, "vendor")} and ${data.serviceCount[a]!} of ${plural(st.services.length, "internal service")}.`;
      }
    }
  }
}

/** Country of each listed supplier and, per component, the countries at or upstream of it. */
function countryData(st: EngineState): CountryData | null {
  const countryIndex = new Map<string, number>();
  const codes: string[] = [];
  const countryOf = new Int32Array(st.n).fill(-1);
  for (let v = 0; v < st.nListed; v++) {
    const code = st.supplierOf[v]!.country.trim().toUpperCase();
    if (code === "") continue;
    let ci = countryIndex.get(code);
    if (ci === undefined) {
      ci = codes.length;
      countryIndex.set(code, ci);
      codes.push(code);
    }
    countryOf[v] = ci;
  }
  if (codes.length === 0) return null;
  const words = (codes.length + 31) >>> 5;
  const { comps } = st;
  const bits = upstreamCountryBits(comps, st.outStart, st.outDst, countryOf, words);
  const vendorCount = new Int32Array(codes.length);
  const serviceCount = new Int32Array(codes.length);
  const forEachBit = (base: Uint32Array, offset: number, fn: (ci: number) => void): void => {
    for (let w = 0; w < words; w++) {
      let word = base[offset + w]!;
      while (word !== 0) {
        const low = word & -word;
        fn(w * 32 + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  };
  for (const v of st.vendorNodes) forEachBit(bits, comps.comp[v]! * words, (ci) => vendorCount[ci]!++);
  const union = new Uint32Array(words);
  for (const svc of st.services) {
    union.fill(0);
    for (const id of svc.supplierIds) {
      const base = comps.comp[st.index.get(id)!]! * words;
      for (let w = 0; w < words; w++) union[w]! |= bits[base + w]!;
    }
    forEachBit(union, 0, (ci) => serviceCount[ci]!++);
  }
  return { codes, vendorCount, serviceCount, countryOf, bits, words };
}

/**
 * All findings, already in the order severity, kind, subject id, key: they are produced per
 * (severity, kind) bucket while walking services, suppliers and countries in id order.
 */
export function buildFindings(st: EngineState): Finding[] {
  const { asOf, ids, nListed, supplierOf } = st;
  const evidence = st.input.evidence ? summariseEvidence(st.input.evidence, asOf) : null;
  const overdue = st.input.assessments ? overdueAssessments(st.input.assessments, asOf) : null;
  const countries = countryData(st);
  const text = new FindingText(st, evidence, overdue, countries);
  const buckets: Finding[][] = Array.from({ length: SEVERITIES.length * FINDING_KINDS.length }, () => []);
  const add = (kind: FindingKind, severity: Severity, subject: FindingSubject, a: number, b = -1): void => {
    buckets[SEVERITY_INDEX.get(severity)! * FINDING_KINDS.length + KIND_INDEX.get(kind)!]!.push(
      new LazyFinding(text, kind, severity, subject, a, b),
    );
  };

  // --- Services (by id): RTO and RPO.
  const serviceOrder = st.serviceResults.map((_, j) => j).sort((x, y) => compareStrings(st.serviceResults[x]!.id, st.serviceResults[y]!.id));
  for (const j of serviceOrder) {
    const svc = st.serviceResults[j]!;
    const subject: FindingSubject = { type: "service", id: svc.id };
    if (svc.rtoStatus !== "meets") add(`rto_${svc.rtoStatus}`, SERVICE_FINDING_SEVERITY[`rto_${svc.rtoStatus}`], subject, j);
    if (svc.rpoVendorId !== null && svc.rpoStatus !== "meets")
      add(`rpo_${svc.rpoStatus}`, SERVICE_FINDING_SEVERITY[`rpo_${svc.rpoStatus}`], subject, j);
  }

  // --- Listed suppliers (by id).
  const order = new Int32Array(nListed);
  for (let v = 0; v < nListed; v++) order[v] = v;
  order.sort((x, y) => compareStrings(ids[x]!, ids[y]!));
  const seen = new Int32Array(st.n).fill(-1);
  const singles: number[] = [];

  for (const v of order) {
    const s = supplierOf[v]!;
    const subject: FindingSubject = { type: "supplier", id: s.id };
    const isVendor = st.tier[v] === 1;
    const sev = supplierSeverity(s.criticality);

    if (isVendor && s.declaredRtoMin !== null && st.ownSource[v] !== 0) add("untested_claim", sev, subject, v);
    if (st.staleTest[v]) add("stale_test", sev, subject, v);
    if (evidence) {
      const kinds = evidence.get(s.id);
      if (kinds && [...kinds.values()].some((x) => x.state === "expired")) add("evidence_expired", sev, subject, v);
      if (isVendor && REQUIRED_EVIDENCE.some((k) => !kinds?.has(k))) add("evidence_missing", sev, subject, v);
    }
    if (overdue?.get(s.id)?.length) add("overdue_questionnaire", sev, subject, v);
    if (isVendor && (s.criticality === "critical" || s.criticality === "high") && !st.declaresDependencies[v])
      add("unknown_dependencies", "medium", subject, v);

    const byVendors = st.reliedOnByVendors[v]!;
    const byServices = st.reliedOnByServices[v]!;
    if (byVendors >= CONCENTRATION_MIN_VENDORS || byServices >= CONCENTRATION_MIN_SERVICES) {
      const high =
        byVendors >= CONCENTRATION_HIGH_FACTOR * CONCENTRATION_MIN_VENDORS ||
        byServices >= CONCENTRATION_HIGH_FACTOR * CONCENTRATION_MIN_SERVICES;
      add("concentration_supplier", high ? "high" : "medium", subject, v);
    }

    // Single-source inputs without a qualified alternate (suppliers that matter: reachable ones),
    // one finding per distinct input supplier, by its id.
    if (st.tier[v] === -1 || st.singleSourceGaps[v] === 0) continue;
    singles.length = 0;
    for (let k = st.outStart[v]!; k < st.outStart[v + 1]!; k++) {
      const t = st.outDst[k]!;
      if (!st.outSingleSource[k] || st.outHasQualifiedAlt[k] || seen[t] === v) continue;
      seen[t] = v;
      singles.push(k);
    }
    if (singles.length > 1) singles.sort((x, y) => compareStrings(ids[st.outDst[x]!]!, ids[st.outDst[y]!]!));
    for (const k of singles) add("single_source_no_alternate", sev, subject, v, k);
  }

  // --- Countries (by code).
  if (countries) {
    const byCode = countries.codes.map((_, ci) => ci).sort((x, y) => compareStrings(countries.codes[x]!, countries.codes[y]!));
    for (const ci of byCode) {
      const nv = countries.vendorCount[ci]!;
      const ns = countries.serviceCount[ci]!;
      if (nv < COUNTRY_CONCENTRATION_MIN_VENDORS && ns < COUNTRY_CONCENTRATION_MIN_SERVICES) continue;
      const high =
        nv >= CONCENTRATION_HIGH_FACTOR * COUNTRY_CONCENTRATION_MIN_VENDORS ||
        ns >= CONCENTRATION_HIGH_FACTOR * COUNTRY_CONCENTRATION_MIN_SERVICES;
      add("concentration_country", high ? "high" : "medium", { type: "country", id: countries.codes[ci]! }, ci);
    }
  }

  return buckets.flat();
}
