/**
 * Types of the resilience engine (see docs/DESIGN "The resilience model").
 *
 * All durations are whole minutes. `null` means "unknown": it propagates as unknown and is never
 * treated as zero. Ids are opaque strings.
 */

export type Criticality = "critical" | "high" | "medium" | "low";
export type Severity = "critical" | "high" | "medium" | "low";
export type AlternateStatus = "identified" | "qualifying" | "qualified";
export type EvidenceKind = "bcp_plan" | "dr_test" | "iso22301" | "insurance" | "other";
export type EvidenceStatus = "pending" | "accepted" | "rejected";

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/** Any company in the supply graph. */
export interface SupplierInput {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** Direct relationship with the organisation (tier 1, portal access). */
  isVendor: boolean;
  criticality: Criticality;
  /** Figures from questionnaire answers. */
  declaredRtoMin: number | null;
  declaredRpoMin: number | null;
  /** Figures achieved in an accepted DR test report; only used while `testedAt` is at most 12 months before `asOf`. */
  testedRtoMin: number | null;
  testedRpoMin: number | null;
  testedAt: Date | null;
}

/** `supplierId` relies on `dependsOnId` for `supplies`. */
export interface DependencyInput {
  supplierId: string;
  dependsOnId: string;
  /** What is supplied (free text, shown in paths and findings). */
  supplies: string;
  /** No other source for this input today. */
  singleSource: boolean;
  /** Buffer stock / time held against a disruption of this input, subtracted from its recovery. */
  bufferMin: number;
}

/**
 * `alternateId` can replace `replacesId`, either as an input of supplier `forSupplierId`
 * or as a vendor of internal service `forServiceId` (exactly one of the two is set).
 */
export interface AlternateInput {
  replacesId: string;
  alternateId: string;
  forSupplierId: string | null;
  forServiceId: string | null;
  status: AlternateStatus;
  /** Time to switch over to the alternate; only qualified alternates with a known switch-over count in the model. */
  switchoverMin: number | null;
  capacityPct: number | null;
}

/** An internal service or business process of the organisation (from its BIA). */
export interface ServiceInput {
  id: string;
  name: string;
  requiredRtoMin: number;
  requiredRpoMin: number;
  /** Maximum tolerable period of disruption. */
  mtpdMin: number;
  /** The vendors this service needs directly. */
  supplierIds: readonly string[];
}

export interface EvidenceInput {
  supplierId: string;
  kind: EvidenceKind;
  status: EvidenceStatus;
  validTo: Date | null;
  testDate: Date | null;
}

export interface AssessmentInput {
  supplierId: string;
  /** Questionnaire assignment status; 'submitted', 'approved' and 'rejected' count as done. */
  status: string;
  dueDate: Date | null;
}

export interface ResilienceInput {
  suppliers: readonly SupplierInput[];
  dependencies: readonly DependencyInput[];
  /** Defaults to none. */
  alternates?: readonly AlternateInput[];
  /** Defaults to none. */
  services?: readonly ServiceInput[];
  /** Evidence findings are only produced when this is given (an empty array means "none uploaded"). */
  evidence?: readonly EvidenceInput[];
  /** Questionnaire findings are only produced when this is given. */
  assessments?: readonly AssessmentInput[];
  /** "Now" for staleness and overdue checks. Required so the engine stays pure and deterministic. */
  asOf: Date;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/** Where a supplier's own figure comes from. */
export type FigureSource = "tested" | "declared" | "unknown";
export type RtoStatus = "meets" | "gap" | "beyond_mtpd" | "unknown";
export type RpoStatus = "meets" | "gap" | "unknown";

/**
 * How a path step was reached from the previous step:
 * - `start`: first supplier of a supplier path;
 * - `service`: a vendor the service needs directly;
 * - `dependency`: a dependency of the previous supplier (its buffer is subtracted);
 * - `cycle`: a hop inside a dependency cycle (members share one value; no buffer is subtracted).
 */
export type LinkKind = "start" | "service" | "dependency" | "cycle";

export interface ServiceStep {
  kind: "service";
  serviceId: string;
}

export interface SupplierStep {
  kind: "supplier";
  supplierId: string;
  link: LinkKind;
  /** What the previous step gets from this supplier (dependency and cycle links). */
  supplies: string | null;
  singleSource: boolean | null;
  /** Buffer subtracted on this link (0 for start, service and cycle links). */
  bufferMin: number;
  ownRtoMin: number | null;
  rtoSource: FigureSource;
  effectiveRtoMin: number | null;
}

/** Final step when a qualified alternate caps the recovery of the input it replaces. */
export interface AlternateStep {
  kind: "alternate";
  alternateId: string;
  /** The supplier the alternate stands in for. */
  replacesId: string;
  link: "service" | "dependency";
  supplies: string | null;
  /** Buffer subtracted on this link (dependency links only). */
  bufferMin: number;
  switchoverMin: number;
  capacityPct: number | null;
}

export type PathStep = ServiceStep | SupplierStep | AlternateStep;

export interface SupplierResult {
  id: string;
  name: string;
  /** False for ids that are referenced by a dependency or service but missing from `suppliers` (all figures unknown). */
  listed: boolean;
  ownRtoMin: number | null;
  rtoSource: FigureSource;
  ownRpoMin: number | null;
  rpoSource: FigureSource;
  /** E(s): worst recovery over a single disruption anywhere upstream; null = unknown. */
  effectiveRtoMin: number | null;
  /** Shortest number of hops from the organisation (vendors = 1); null when unreachable. */
  tier: number | null;
  /** Index into `ResilienceResult.cycles` when the supplier is in a dependency cycle. */
  cycleId: number | null;
  /** Members (ids, sorted) of the supplier's cycle, or null. */
  cycle: readonly string[] | null;
  /** Distinct vendors (other than itself) that rely on this supplier, directly or further down. Exact up to CONCENTRATION_COUNT_CAP. */
  reliedOnByVendors: number;
  /** Distinct internal services that need this supplier, directly or through their vendors. Exact up to CONCENTRATION_COUNT_CAP. */
  reliedOnByServices: number;
  /** It has tested figures, but the test is older than 12 months (or undated), so they are not used. */
  staleTest: boolean;
  /** Distinct single-source inputs without a qualified alternate. */
  singleSourcesWithoutAlternate: number;
  /**
   * Chain from this supplier to the supplier whose own figure (or the alternate that caps it)
   * determines `effectiveRtoMin`. Built lazily on first access (paths can be long).
   */
  readonly path: readonly PathStep[];
}

export interface ServiceResult {
  id: string;
  name: string;
  requiredRtoMin: number;
  requiredRpoMin: number;
  mtpdMin: number;
  /** Worst recovery over the vendors the service needs (0 when it needs none); null = unknown. */
  recoveryMin: number | null;
  rtoStatus: RtoStatus;
  /** service → vendor → tier 2 → … (or → alternate) explaining `recoveryMin`. */
  path: readonly PathStep[];
  /** Worst RPO among the vendors the service needs (0 when none); null = unknown. */
  rpoMin: number | null;
  rpoStatus: RpoStatus;
  /** The vendor with the worst RPO (null when the service needs no vendor). */
  rpoVendorId: string | null;
  /** service → that vendor. */
  rpoPath: readonly PathStep[];
}

export type FindingKind =
  | "rto_beyond_mtpd"
  | "rto_gap"
  | "rto_unknown"
  | "rpo_gap"
  | "rpo_unknown"
  | "untested_claim"
  | "stale_test"
  | "evidence_expired"
  | "evidence_missing"
  | "single_source_no_alternate"
  | "concentration_supplier"
  | "concentration_country"
  | "unknown_dependencies"
  | "overdue_questionnaire";

export interface FindingSubject {
  /** `country` is used by `concentration_country` (id = ISO alpha-2 code). */
  type: "service" | "supplier" | "country";
  id: string;
}

/**
 * One flag. The engine returns objects whose `key`, `reason` and `path` are computed on first
 * access (a big graph can have 100,000+ findings); `JSON.stringify` gives the plain object.
 */
export interface Finding {
  /** Stable unique key (kind, subject and, where needed, the related supplier). */
  readonly key: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly subject: FindingSubject;
  /** Plain English sentence with figures shown as h/d. */
  readonly reason: string;
  /** The chain that causes the finding (may be a single step). */
  readonly path: readonly PathStep[];
}

export interface ResilienceResult {
  asOf: Date;
  /** Listed suppliers in input order, then unlisted referenced ids. */
  suppliers: readonly SupplierResult[];
  supplierById: ReadonlyMap<string, SupplierResult>;
  /** Services in input order. */
  services: readonly ServiceResult[];
  serviceById: ReadonlyMap<string, ServiceResult>;
  /** Dependency cycles (strongly connected components with more than one member), ids sorted. */
  cycles: readonly (readonly string[])[];
  /** Sorted by severity, kind, subject id, key. */
  findings: readonly Finding[];
}
