/** Public API of the pure resilience engine (no I/O). */
export type {
  Criticality,
  Severity,
  AlternateStatus,
  EvidenceKind,
  EvidenceStatus,
  SupplierInput,
  DependencyInput,
  AlternateInput,
  ServiceInput,
  EvidenceInput,
  AssessmentInput,
  ResilienceInput,
  FigureSource,
  RtoStatus,
  RpoStatus,
  LinkKind,
  ServiceStep,
  SupplierStep,
  AlternateStep,
  PathStep,
  SupplierResult,
  ServiceResult,
  FindingKind,
  FindingSubject,
  Finding,
  ResilienceResult,
} from "./types";
export { computeResilience } from "./compute";
export { CONCENTRATION_COUNT_CAP, STALE_TEST_MONTHS, hashSupplierResultPath, isTestCurrent, staleCutoff } from "./engine";
export { FINGERPRINT_VERSION, Hasher, hashJson } from "./fingerprint";
export {
  ASSESSMENT_DONE_STATUSES,
  CONCENTRATION_HIGH_FACTOR,
  CONCENTRATION_MIN_SERVICES,
  CONCENTRATION_MIN_VENDORS,
  COUNTRY_CONCENTRATION_MIN_SERVICES,
  COUNTRY_CONCENTRATION_MIN_VENDORS,
  FINDING_KINDS,
  REQUIRED_EVIDENCE,
  SERVICE_FINDING_SEVERITY,
  SEVERITIES,
  compareFindings,
  findingContentHash,
  supplierSeverity,
} from "./findings";
export type { EvidenceState } from "./findings";
export { formatDate, formatDuration } from "./format";
export { RISK_PART_LABELS, RISK_WEIGHTS, computeRiskFacts, computeRiskScores, hashRiskFacts, scoreSupplierRisk } from "./risk-score";
export type { RiskPart, RiskPartName, RiskScore, SupplierRiskFacts } from "./risk-score";
export { simulateOutage } from "./scenario";
export type { AlternateSuggestion, ImpactStatus, OutageScenario, ScenarioResult, ServiceImpact } from "./scenario";
