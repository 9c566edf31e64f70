/**
 * Supplier risk score, 0–100, always returned with its parts so the UI can show why.
 * Every weight lives in RISK_WEIGHTS.
 */
import { STALE_TEST_MONTHS } from "./engine";
import {
  CONCENTRATION_HIGH_FACTOR,
  CONCENTRATION_MIN_SERVICES,
  CONCENTRATION_MIN_VENDORS,
  evidenceStateOf,
  overdueAssessments,
  summariseEvidence,
} from "./findings";
import type { EvidenceState } from "./findings";
import type { Hasher } from "./fingerprint";
import { formatDuration } from "./format";
import type { FigureSource, ResilienceInput, ResilienceResult, RtoStatus, SupplierResult } from "./types";

/** All risk weights. The `max` values add up to 100. */
export const RISK_WEIGHTS = {
  /** The supplier is on the path that makes an internal service miss its RTO. */
  recoveryGap: { max: 30, beyondMtpd: 30, gap: 20, unknown: 15, effectiveUnknown: 10 },
  /** Its RTO is only declared (or not even declared), not confirmed by a current DR test. */
  untestedClaim: { max: 10, declaredOnly: 10, none: 10 },
  /** Accepted BCP plan and DR test report (direct vendors): points per missing or expired kind. */
  evidence: { max: 15, missing: 8, expired: 6 },
  /** Single-source inputs without a qualified alternate: points per input. */
  singleSource: { max: 15, perInput: 8 },
  /** Relied on by many vendors / services (thresholds in findings.ts). */
  concentration: { max: 10, medium: 5, high: 10 },
  /** Questionnaire score (0–100, higher is better) of direct vendors: max × (100 − score) / 100. */
  questionnaire: { max: 10, noScore: 5 },
  /** At least one overdue questionnaire. */
  overdueAssessment: { max: 10, any: 10 },
} as const;

export type RiskPartName = keyof typeof RISK_WEIGHTS;

export const RISK_PART_LABELS: Record<RiskPartName, string> = {
  recoveryGap: "Recovery gap",
  untestedClaim: "Untested claims",
  evidence: "Evidence",
  singleSource: "Single sources without alternate",
  concentration: "Concentration",
  questionnaire: "Questionnaire score",
  overdueAssessment: "Overdue questionnaire",
};

export interface RiskPart {
  part: RiskPartName;
  label: string;
  points: number;
  max: number;
  reason: string;
}

export interface RiskScore {
  /** Sum of the parts' points, 0–100. */
  total: number;
  parts: RiskPart[];
}

/** The facts a supplier's score is computed from (derived by computeRiskScores, or given directly). */
export interface SupplierRiskFacts {
  /** Direct vendor (tier 1): evidence and questionnaire parts apply. */
  isVendor: boolean;
  /** Worst internal service whose recovery path goes through this supplier and misses its RTO. */
  serviceImpact: { status: Exclude<RtoStatus, "meets">; serviceName: string; recoveryMin: number | null } | null;
  effectiveRtoKnown: boolean;
  rtoSource: FigureSource;
  /** It has tested figures, but the test is not current. */
  testStale: boolean;
  /** null when evidence was not part of the input. */
  evidence: { bcpPlan: EvidenceState; drTest: EvidenceState } | null;
  singleSourcesWithoutAlternate: number;
  reliedOnByVendors: number;
  reliedOnByServices: number;
  /** 0–100, higher is better; null when none. */
  questionnaireScore: number | null;
  /** null when assessments were not part of the input. */
  overdueAssessments: number | null;
}

function part(name: RiskPartName, points: number, reason: string): RiskPart {
  const max = RISK_WEIGHTS[name].max;
  return { part: name, label: RISK_PART_LABELS[name], points: Math.max(0, Math.min(max, Math.round(points))), max, reason };
}

/** Scores one supplier from its facts. */
export function scoreSupplierRisk(f: SupplierRiskFacts): RiskScore {
  const W = RISK_WEIGHTS;
  const parts: RiskPart[] = [];

  // Recovery gap.
  if (f.serviceImpact) {
    const { status, serviceName, recoveryMin } = f.serviceImpact;
    const text =
      status === "beyond_mtpd"
        ? `Makes "${serviceName}" exceed its MTPD (down ${formatDuration(recoveryMin)})`
        : status === "gap"
          ? `Makes "${serviceName}" miss its required RTO (recovers in ${formatDuration(recoveryMin)})`
          : `Makes the recovery time of "${serviceName}" unknown`;
    const points =
      status === "beyond_mtpd" ? W.recoveryGap.beyondMtpd : status === "gap" ? W.recoveryGap.gap : W.recoveryGap.unknown;
    parts.push(part("recoveryGap", points, text));
  } else if (!f.effectiveRtoKnown) {
    parts.push(part("recoveryGap", W.recoveryGap.effectiveUnknown, "Recovery time unknown (here or upstream)"));
  } else {
    parts.push(part("recoveryGap", 0, "No internal service misses its RTO because of this supplier"));
  }

  // Untested claims.
  if (f.rtoSource === "tested") parts.push(part("untestedClaim", 0, "RTO confirmed by a current DR test"));
  else if (f.rtoSource === "declared")
    parts.push(
      part(
        "untestedClaim",
        W.untestedClaim.declaredOnly,
        f.testStale
          ? `DR test older than ${STALE_TEST_MONTHS} months; only the declared RTO counts`
          : "Declared RTO not confirmed by a DR test",
      ),
    );
  else parts.push(part("untestedClaim", W.untestedClaim.none, "No RTO declared or tested"));

  // Evidence.
  if (!f.isVendor) parts.push(part("evidence", 0, "Not a direct vendor: evidence not requested"));
  else if (f.evidence === null) parts.push(part("evidence", 0, "Evidence not assessed"));
  else {
    const problems: string[] = [];
    let points = 0;
    for (const [state, label] of [
      [f.evidence.bcpPlan, "BCP plan"],
      [f.evidence.drTest, "DR test report"],
    ] as const) {
      if (state === "missing") {
        points += W.evidence.missing;
        problems.push(`no accepted ${label}`);
      } else if (state === "expired") {
        points += W.evidence.expired;
        problems.push(`${label} expired`);
      }
    }
    parts.push(part("evidence", points, problems.length ? capitalise(problems.join(", ")) : "BCP plan and DR test report accepted and valid"));
  }

  // Single sources.
  const ss = f.singleSourcesWithoutAlternate;
  parts.push(
    part(
      "singleSource",
      ss * W.singleSource.perInput,
      ss === 0 ? "No single-source input without a qualified alternate" : `${ss} single-source input${ss === 1 ? "" : "s"} without a qualified alternate`,
    ),
  );

  // Concentration.
  const high =
    f.reliedOnByVendors >= CONCENTRATION_HIGH_FACTOR * CONCENTRATION_MIN_VENDORS ||
    f.reliedOnByServices >= CONCENTRATION_HIGH_FACTOR * CONCENTRATION_MIN_SERVICES;
  const medium = f.reliedOnByVendors >= CONCENTRATION_MIN_VENDORS || f.reliedOnByServices >= CONCENTRATION_MIN_SERVICES;
  parts.push(
    part(
      "concentration",
      high ? W.concentration.high : medium ? W.concentration.medium : 0,
      `Relied on by ${f.reliedOnByVendors} vendor${f.reliedOnByVendors === 1 ? "" : "s"} and ${f.reliedOnByServices} internal service${f.reliedOnByServices === 1 ? "" : "s"}`,
    ),
  );

  // Questionnaire score.
  if (!f.isVendor) parts.push(part("questionnaire", 0, "Not a direct vendor: no questionnaire"));
  else if (f.questionnaireScore === null) parts.push(part("questionnaire", W.questionnaire.noScore, "No scored questionnaire yet"));
  else {
    const score = Math.max(0, Math.min(100, f.questionnaireScore));
    parts.push(part("questionnaire", (W.questionnaire.max * (100 - score)) / 100, `Questionnaire score ${Math.round(score)} / 100`));
  }

  // Overdue questionnaires.
  if (f.overdueAssessments === null) parts.push(part("overdueAssessment", 0, "Questionnaires not assessed"));
  else if (f.overdueAssessments > 0)
    parts.push(
      part(
        "overdueAssessment",
        W.overdueAssessment.any,
        `${f.overdueAssessments} overdue questionnaire${f.overdueAssessments === 1 ? "" : "s"}`,
      ),
    );
  else parts.push(part("overdueAssessment", 0, "No overdue questionnaire"));

  const total = parts.reduce((sum, p) => sum + p.points, 0);
  return { total, parts };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const IMPACT_RANK = { unknown: 1, gap: 2, beyond_mtpd: 3 } as const;

export interface RiskOptions {
  /** Latest questionnaire score (0–100) per supplier id. */
  questionnaireScores?: ReadonlyMap<string, number>;
  /** Only these suppliers (default: every supplier in the result). */
  supplierIds?: Iterable<string>;
}

/** Derives the facts of the suppliers in `result` (map keyed by supplier id); `scoreSupplierRisk` scores them. */
export function computeRiskFacts(input: ResilienceInput, result: ResilienceResult, options: RiskOptions = {}): Map<string, SupplierRiskFacts> {
  const impact = new Map<string, NonNullable<SupplierRiskFacts["serviceImpact"]>>();
  for (const svc of result.services) {
    if (svc.rtoStatus === "meets") continue;
    const status = svc.rtoStatus;
    for (const step of svc.path) {
      if (step.kind !== "supplier") continue;
      const prev = impact.get(step.supplierId);
      if (!prev || IMPACT_RANK[status] > IMPACT_RANK[prev.status])
        impact.set(step.supplierId, { status, serviceName: svc.name, recoveryMin: svc.recoveryMin });
    }
  }
  const evidence = input.evidence ? summariseEvidence(input.evidence, input.asOf) : null;
  const overdue = input.assessments ? overdueAssessments(input.assessments, input.asOf) : null;
  const subjects: SupplierResult[] = [];
  if (options.supplierIds) {
    for (const id of options.supplierIds) {
      const r = result.supplierById.get(id);
      if (r) subjects.push(r);
    }
  } else subjects.push(...result.suppliers);

  const out = new Map<string, SupplierRiskFacts>();
  for (const r of subjects) {
    out.set(r.id, {
      isVendor: r.tier === 1,
      serviceImpact: impact.get(r.id) ?? null,
      effectiveRtoKnown: r.effectiveRtoMin !== null,
      rtoSource: r.rtoSource,
      testStale: r.staleTest,
      evidence:
        evidence && r.tier === 1
          ? { bcpPlan: evidenceStateOf(evidence, r.id, "bcp_plan"), drTest: evidenceStateOf(evidence, r.id, "dr_test") }
          : null,
      singleSourcesWithoutAlternate: r.singleSourcesWithoutAlternate,
      reliedOnByVendors: r.reliedOnByVendors,
      reliedOnByServices: r.reliedOnByServices,
      questionnaireScore: options.questionnaireScores?.get(r.id) ?? null,
      overdueAssessments: overdue ? (overdue.get(r.id)?.length ?? 0) : null,
    });
  }
  return out;
}

/** Derives the facts of the suppliers in `result` and scores them (map keyed by supplier id). */
export function computeRiskScores(input: ResilienceInput, result: ResilienceResult, options: RiskOptions = {}): Map<string, RiskScore> {
  const out = new Map<string, RiskScore>();
  for (const [id, facts] of computeRiskFacts(input, result, options)) out.set(id, scoreSupplierRisk(facts));
  return out;
}

const SOURCE_CODE: Record<FigureSource, number> = { tested: 0, declared: 1, unknown: 2 };
const EVIDENCE_CODE: Record<EvidenceState, number> = { valid: 0, expired: 1, missing: 2 };

/** Feeds the fingerprint of the facts (hence of `scoreSupplierRisk(facts)`, total and parts) into `h`. */
export function hashRiskFacts(h: Hasher, f: SupplierRiskFacts): void {
  h.bool(f.isVendor);
  if (f.serviceImpact === null) h.int(-1);
  else h.int(IMPACT_RANK[f.serviceImpact.status]).str(f.serviceImpact.serviceName).num(f.serviceImpact.recoveryMin);
  h.bool(f.effectiveRtoKnown).int(SOURCE_CODE[f.rtoSource]).bool(f.testStale);
  if (f.evidence === null) h.int(-1);
  else h.int(EVIDENCE_CODE[f.evidence.bcpPlan]).int(EVIDENCE_CODE[f.evidence.drTest]);
  h.num(f.singleSourcesWithoutAlternate).num(f.reliedOnByVendors).num(f.reliedOnByServices).num(f.questionnaireScore).num(f.overdueAssessments);
}
