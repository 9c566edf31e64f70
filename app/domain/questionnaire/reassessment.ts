import { z } from "zod";

/*
 * Reassessment schedule (pure; no I/O). Rules:
 *  - Only vendors (tier-1 suppliers with portal access) that are active can be sent a questionnaire,
 *    as on /questionnaires/send; archived suppliers and sub-suppliers are never scheduled.
 *  - A vendor with an open questionnaire (draft, sent, in progress, submitted, changes requested —
 *    anything not yet approved or rejected) is not sent another: answering that one comes first.
 *  - Otherwise the next one is due `intervalMonths` after the last approval; if the vendor never had
 *    one approved, after the last one sent (e.g. it was rejected); never assessed → due now.
 *  - Months are calendar months clamped to the month's end: 31 Aug + 6 months = 28 Feb (29 in leap
 *    years); 29 Feb 2024 + 12 months = 28 Feb 2025.
 * All dates are calendar days 'YYYY-MM-DD' (UTC), so the outcome does not depend on the time of day.
 */

export const CRITICALITIES = ["critical", "high", "medium", "low"] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const CRITICALITY_LABELS: Record<Criticality, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

/** Suggested when an organisation has not set a policy yet (not applied until saved and enabled). */
export const SUGGESTED_INTERVAL_MONTHS: Record<Criticality, number | null> = { critical: 6, high: 12, medium: 24, low: null };
export const DEFAULT_RESPONSE_DAYS = 30;
/** "Due soon" on the schedule page: within this many days. */
export const DUE_SOON_DAYS = 30;

export interface ReassessmentPolicy {
  criticality: Criticality;
  enabled: boolean;
  /** null = no automatic reassessment for this criticality. */
  intervalMonths: number | null;
  templateId: string | null;
  /** Days the vendor gets to answer: the questionnaire's due date is the sending day plus this. */
  responseDays: number;
}

export interface SupplierAssessmentHistory {
  supplierId: string;
  criticality: Criticality;
  isVendor: boolean;
  archived: boolean;
  /** Day the last approved questionnaire was approved, if any. */
  lastApprovedOn: string | null;
  /** Day the last questionnaire was sent (any outcome), if any. */
  lastSentOn: string | null;
  hasOpenAssessment: boolean;
}

export type ReassessmentBasis = "approved" | "sent" | "never";

export type ReassessmentState =
  | { kind: "not_eligible" }
  | { kind: "not_scheduled" }
  | { kind: "open" }
  | { kind: "due"; dueOn: string | null; basis: ReassessmentBasis }
  | { kind: "upcoming"; dueOn: string; basis: Exclude<ReassessmentBasis, "never"> };

export interface DueReassessment {
  supplierId: string;
  criticality: Criticality;
  templateId: string;
  /** When it fell due (null: never assessed). */
  dueOn: string | null;
  basis: ReassessmentBasis;
  /** The due date to give the new questionnaire. */
  answerBy: string;
}

export interface CriticalitySummary {
  /** Active vendors of this criticality. */
  vendors: number;
  dueNow: number;
  /** Due after today but within DUE_SOON_DAYS. */
  dueSoon: number;
  /** Not sent another because one is still open. */
  open: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): { y: number; m: number; d: number } {
  const match = ISO_DAY.exec(day);
  if (!match) throw new Error(`Not a calendar day: ${day}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function formatDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The calendar day (UTC) of a timestamp. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  const { y, m, d } = parseDay(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatDay(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(day: string, days: number): string {
  const { y, m, d } = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Where one supplier stands under the policy for its criticality (undefined policy = none). */
export function reassessmentState(supplier: SupplierAssessmentHistory, policy: ReassessmentPolicy | undefined, today: string): ReassessmentState {
  if (!supplier.isVendor || supplier.archived) return { kind: "not_eligible" };
  if (!policy?.enabled || policy.intervalMonths === null || !policy.templateId) return { kind: "not_scheduled" };
  if (supplier.hasOpenAssessment) return { kind: "open" };
  const basis: ReassessmentBasis = supplier.lastApprovedOn ? "approved" : supplier.lastSentOn ? "sent" : "never";
  const from = supplier.lastApprovedOn ?? supplier.lastSentOn;
  if (basis === "never" || !from) return { kind: "due", dueOn: null, basis: "never" };
  const dueOn = addMonths(from, policy.intervalMonths);
  return dueOn <= today ? { kind: "due", dueOn, basis } : { kind: "upcoming", dueOn, basis };
}

/**
 * Which vendors are due a reassessment today, and per criticality how many are due now, due within
 * the next DUE_SOON_DAYS days, or waiting on an open questionnaire.
 */
export function planReassessments(policies: readonly ReassessmentPolicy[], suppliers: readonly SupplierAssessmentHistory[], today: string) {
  const byCriticality = new Map(policies.map((p) => [p.criticality, p]));
  const soonUntil = addDays(today, DUE_SOON_DAYS);
  const summary = Object.fromEntries(CRITICALITIES.map((c) => [c, { vendors: 0, dueNow: 0, dueSoon: 0, open: 0 }])) as Record<Criticality, CriticalitySummary>;
  const due: DueReassessment[] = [];
  for (const supplier of suppliers) {
    const policy = byCriticality.get(supplier.criticality);
    const state = reassessmentState(supplier, policy, today);
    if (state.kind === "not_eligible") continue;
    const counts = summary[supplier.criticality];
    counts.vendors++;
    if (state.kind === "open") counts.open++;
    else if (state.kind === "upcoming" && state.dueOn <= soonUntil) counts.dueSoon++;
    else if (state.kind === "due") {
      counts.dueNow++;
      due.push({
        supplierId: supplier.supplierId,
        criticality: supplier.criticality,
        templateId: policy!.templateId!,
        dueOn: state.dueOn,
        basis: state.basis,
        answerBy: addDays(today, policy!.responseDays),
      });
    }
  }
  return { due, summary };
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** One criticality's row of the schedule form (field names `<criticality>.<field>`). */
export const PolicyFormSchema = z
  .object({
    enabled: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    intervalMonths: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: "Enter a whole number of months" })
        .int("Enter a whole number of months")
        .min(1, "At least 1 month")
        .max(120, "At most 120 months (10 years)")
        .optional(),
    ),
    templateId: z.preprocess(blankToUndefined, z.string().uuid("Choose a questionnaire").optional()),
    responseDays: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: "Enter a whole number of days" })
        .int("Enter a whole number of days")
        .min(1, "At least 1 day")
        .max(365, "At most 365 days")
        .default(DEFAULT_RESPONSE_DAYS),
    ),
  })
  .superRefine((v, ctx) => {
    if (!v.enabled) return;
    if (v.intervalMonths === undefined) ctx.addIssue({ code: "custom", path: ["intervalMonths"], message: "Set an interval to switch the schedule on" });
    if (v.templateId === undefined) ctx.addIssue({ code: "custom", path: ["templateId"], message: "Choose a questionnaire to switch the schedule on" });
  });
export type PolicyForm = z.infer<typeof PolicyFormSchema>;
