import { minutesToHours, toDate } from "./cells";

/**
 * The risk register workbook's sheets: column headers, widths and number formats, and the pure
 * shaping of one stored row into one sheet row. The server module streams rows through these.
 */
export type CellKind = "text" | "number" | "hours" | "integer" | "date" | "link" | "percent";

export interface ColumnSpec {
  header: string;
  width: number;
  kind: CellKind;
}

/** A value ready for a cell; `link` cells carry the portal URL. */
export type CellValue = string | number | Date | null | { text: string; hyperlink: string };

export const STATUS_COLOURS = {
  good: "FFC6EFCE",
  warn: "FFFFEB9C",
  bad: "FFFFC7CE",
  unknown: "FFE7E6E6",
} as const;

/** Status texts and the colour each gets (conditional formatting). */
export const STATUS_COLOUR_OF: Record<string, keyof typeof STATUS_COLOURS> = {
  meets: "good",
  gap: "warn",
  beyond_mtpd: "bad",
  unknown: "unknown",
  critical: "bad",
  high: "warn",
  accepted: "good",
  rejected: "bad",
  pending: "unknown",
  expired: "bad",
  valid: "good",
  qualified: "good",
  qualifying: "warn",
  identified: "unknown",
};

export const SHEETS = {
  services: {
    name: "Services",
    columns: [
      { header: "Service ID", width: 14, kind: "link" },
      { header: "Name", width: 36, kind: "text" },
      { header: "Required RTO (h)", width: 12, kind: "hours" },
      { header: "Recovery (h)", width: 12, kind: "hours" },
      { header: "RTO status", width: 13, kind: "text" },
      { header: "Required RPO (h)", width: 12, kind: "hours" },
      { header: "RPO (h)", width: 10, kind: "hours" },
      { header: "RPO status", width: 12, kind: "text" },
      { header: "Path", width: 70, kind: "text" },
    ],
    statusColumns: [5, 8],
  },
  suppliers: {
    name: "Suppliers",
    columns: [
      { header: "Supplier ID", width: 14, kind: "link" },
      { header: "Name", width: 36, kind: "text" },
      { header: "Country", width: 9, kind: "text" },
      { header: "Tier", width: 6, kind: "integer" },
      { header: "Criticality", width: 11, kind: "text" },
      { header: "Declared RTO (h)", width: 12, kind: "hours" },
      { header: "Tested RTO (h)", width: 12, kind: "hours" },
      { header: "Effective RTO (h)", width: 12, kind: "hours" },
      { header: "Risk score", width: 10, kind: "integer" },
      { header: "Open findings", width: 10, kind: "integer" },
    ],
    statusColumns: [5],
  },
  dependencies: {
    name: "Dependencies",
    columns: [
      { header: "Supplier ID", width: 14, kind: "text" },
      { header: "Supplier", width: 32, kind: "text" },
      { header: "Supplier tier", width: 9, kind: "integer" },
      { header: "Depends on ID", width: 14, kind: "text" },
      { header: "Depends on", width: 32, kind: "text" },
      { header: "Depends on tier", width: 9, kind: "integer" },
      { header: "Supplies", width: 24, kind: "text" },
      { header: "Single source", width: 9, kind: "text" },
      { header: "Buffer (h)", width: 10, kind: "hours" },
    ],
    statusColumns: [],
  },
  concentration: {
    name: "Concentration",
    columns: [
      { header: "Subject type", width: 12, kind: "text" },
      { header: "Subject", width: 32, kind: "text" },
      { header: "Severity", width: 10, kind: "text" },
      { header: "Reason", width: 80, kind: "text" },
    ],
    statusColumns: [3],
  },
  alternates: {
    name: "Alternates",
    columns: [
      { header: "Replaces ID", width: 14, kind: "text" },
      { header: "Replaces", width: 30, kind: "text" },
      { header: "Alternate ID", width: 14, kind: "text" },
      { header: "Alternate", width: 30, kind: "text" },
      { header: "For", width: 30, kind: "text" },
      { header: "Status", width: 11, kind: "text" },
      { header: "Switch-over (h)", width: 12, kind: "hours" },
      { header: "Capacity (%)", width: 10, kind: "integer" },
    ],
    statusColumns: [6],
  },
  evidence: {
    name: "Evidence",
    columns: [
      { header: "Supplier ID", width: 14, kind: "text" },
      { header: "Supplier", width: 30, kind: "text" },
      { header: "Kind", width: 10, kind: "text" },
      { header: "Title", width: 32, kind: "text" },
      { header: "Status", width: 10, kind: "text" },
      { header: "Valid to", width: 12, kind: "date" },
      { header: "Expiry", width: 9, kind: "text" },
      { header: "Test date", width: 12, kind: "date" },
      { header: "Achieved RTO (h)", width: 12, kind: "hours" },
      { header: "SHA-256", width: 66, kind: "text" },
    ],
    statusColumns: [5, 7],
  },
  findings: {
    name: "Findings",
    columns: [
      { header: "Severity", width: 10, kind: "text" },
      { header: "Kind", width: 24, kind: "text" },
      { header: "Subject", width: 30, kind: "text" },
      { header: "Reason", width: 70, kind: "text" },
      { header: "Status", width: 10, kind: "text" },
      { header: "Path", width: 60, kind: "text" },
      { header: "First seen", width: 12, kind: "date" },
      { header: "Link", width: 12, kind: "link" },
    ],
    statusColumns: [1],
  },
} as const satisfies Record<string, { name: string; columns: readonly ColumnSpec[]; statusColumns: readonly number[] }>;

export type SheetKey = keyof typeof SHEETS;

export const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  hours: "0.##",
  integer: "0",
  date: "yyyy-mm-dd",
  percent: "0",
};

const link = (text: string, url: string): CellValue => ({ text, hyperlink: url });

export interface ServiceRowInput {
  id: string;
  external_id: string;
  name: string;
  required_rto_min: number;
  required_rpo_min: number;
  recovery_min: number | null;
  rto_status: string | null;
  rpo_min: number | null;
  rpo_status: string | null;
  pathText: string;
}

export function serviceRow(s: ServiceRowInput, baseUrl: string): CellValue[] {
  return [
    link(s.external_id, `${baseUrl}/services/${s.id}`),
    s.name,
    minutesToHours(s.required_rto_min),
    minutesToHours(s.recovery_min),
    s.rto_status ?? "not computed",
    minutesToHours(s.required_rpo_min),
    minutesToHours(s.rpo_min),
    s.rpo_status ?? "not computed",
    s.pathText,
  ];
}

export interface SupplierRowInput {
  id: string;
  external_id: string;
  name: string;
  country: string | null;
  tier: number | null;
  criticality: string;
  declared_rto_min: number | null;
  tested_rto_min: number | null;
  effective_rto_min: number | null;
  risk_score: number | null;
  open_findings: number | null;
}

export function supplierRow(s: SupplierRowInput, baseUrl: string): CellValue[] {
  return [
    link(s.external_id, `${baseUrl}/suppliers/${s.id}`),
    s.name,
    s.country,
    s.tier,
    s.criticality,
    minutesToHours(s.declared_rto_min),
    minutesToHours(s.tested_rto_min),
    minutesToHours(s.effective_rto_min),
    s.risk_score,
    s.open_findings,
  ];
}

export interface DependencyRowInput {
  from_external_id: string;
  from_name: string;
  from_tier: number | null;
  to_external_id: string;
  to_name: string;
  to_tier: number | null;
  supplies: string;
  single_source: boolean;
  buffer_min: number;
}

export function dependencyRow(d: DependencyRowInput): CellValue[] {
  return [d.from_external_id, d.from_name, d.from_tier, d.to_external_id, d.to_name, d.to_tier, d.supplies, d.single_source ? "yes" : "no", minutesToHours(d.buffer_min)];
}

export function concentrationRow(f: { subject_type: string; subject: string; severity: string; reason: string }): CellValue[] {
  return [f.subject_type, f.subject, f.severity, f.reason];
}

export interface AlternateRowInput {
  replaces_external_id: string;
  replaces_name: string;
  alternate_external_id: string;
  alternate_name: string;
  for_name: string | null;
  for_kind: "supplier" | "service" | null;
  status: string;
  switchover_min: number | null;
  capacity_pct: number | null;
}

export function alternateRow(a: AlternateRowInput): CellValue[] {
  const forText = a.for_name ? `${a.for_kind === "service" ? "service" : "input of"} ${a.for_name}` : "";
  return [a.replaces_external_id, a.replaces_name, a.alternate_external_id, a.alternate_name, forText, a.status, minutesToHours(a.switchover_min), a.capacity_pct];
}

export interface EvidenceRowInput {
  supplier_external_id: string;
  supplier_name: string;
  kind: string;
  title: string;
  status: string;
  valid_to: Date | string | null;
  test_date: Date | string | null;
  achieved_rto_min: number | null;
  sha256: string;
}

/** "expired" when valid_to is before asOf, "valid" when after, "" when the document has no expiry. */
export function expiryStatus(validTo: Date | string | null, asOf: Date): string {
  const date = toDate(validTo);
  if (!date) return "";
  return date.getTime() < Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()) ? "expired" : "valid";
}

export function evidenceRow(e: EvidenceRowInput, asOf: Date): CellValue[] {
  return [
    e.supplier_external_id,
    e.supplier_name,
    e.kind,
    e.title,
    e.status,
    toDate(e.valid_to),
    expiryStatus(e.valid_to, asOf),
    toDate(e.test_date),
    minutesToHours(e.achieved_rto_min),
    e.sha256,
  ];
}

export interface FindingRowInput {
  id: string;
  severity: string;
  kind: string;
  subject: string;
  reason: string;
  status: string;
  pathText: string;
  first_seen_at: Date;
}

export function findingRow(f: FindingRowInput, baseUrl: string): CellValue[] {
  return [f.severity, f.kind, f.subject, f.reason, f.status, f.pathText, f.first_seen_at, link("open", `${baseUrl}/findings/${f.id}`)];
}

/** Column letter for a 1-based index (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
