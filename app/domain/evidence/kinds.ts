/**
 * Evidence kinds and the fields each one carries, as zod schemas over posted form fields (all
 * strings). `parseKindFields` turns them into the evidence table's kind-specific columns.
 */
import { z } from "zod";
import { addMonths, isoDate } from "./expiry";

export const EVIDENCE_KINDS = ["bcp_plan", "dr_test", "iso22301", "insurance", "other"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const KIND_LABELS: Record<EvidenceKind, string> = {
  bcp_plan: "BCP plan",
  dr_test: "DR/BC test report",
  iso22301: "ISO 22301 certificate",
  insurance: "Insurance certificate",
  other: "Other",
};

/** A BCP plan is due for review a year after approval; a test report is stale 12 months after the test. */
export const PLAN_REVIEW_MONTHS = 12;
export const TEST_FRESH_MONTHS = 12;

const UNIT_MINUTES = { min: 1, h: 60, d: 1440 } as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));
const requiredText = (label: string, max = 200) => z.string({ required_error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `At most ${max} characters`);
const date = (label: string) =>
  z
    .string({ required_error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date`)
    .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()), `Enter ${label} as a real date`);
const optionalDate = (label: string) => z.union([z.literal("").transform(() => null), date(label)]).optional().transform((v) => v ?? null);
const notFuture = (label: string) => date(label).refine((d) => d <= isoDate(new Date()), `${label[0]!.toUpperCase()}${label.slice(1)} cannot be in the future`);
const minutes = (label: string) =>
  z
    .string({ required_error: `Enter the achieved ${label}` })
    .trim()
    .regex(/^\d+(\.\d+)?$/, `Enter the achieved ${label} as a number`)
    .transform(Number);
const unit = z.enum(["min", "h", "d"]).default("h");

export interface KindColumns {
  document_version: string | null;
  approval_date: string | null;
  test_date: string | null;
  test_scope: string | null;
  achieved_rto_min: number | null;
  achieved_rpo_min: number | null;
  test_passed: boolean | null;
  issuer: string | null;
  certificate_number: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

const EMPTY: KindColumns = {
  document_version: null,
  approval_date: null,
  test_date: null,
  test_scope: null,
  achieved_rto_min: null,
  achieved_rpo_min: null,
  test_passed: null,
  issuer: null,
  certificate_number: null,
  valid_from: null,
  valid_to: null,
};

const validity = <T extends { validFrom: string | null; validTo: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.validFrom && v.validTo && v.validFrom > v.validTo) ctx.addIssue({ code: "custom", path: ["validTo"], message: "Valid to must not be before valid from" });
};

export const KIND_SCHEMAS = {
  bcp_plan: z
    .object({ documentVersion: requiredText("the plan's version", 50), approvalDate: notFuture("the approval date") })
    .transform((v): KindColumns => ({
      ...EMPTY,
      document_version: v.documentVersion,
      approval_date: v.approvalDate,
      valid_to: isoDate(addMonths(new Date(`${v.approvalDate}T00:00:00Z`), PLAN_REVIEW_MONTHS)),
    })),
  dr_test: z
    .object({
      testDate: notFuture("the test date"),
      testScope: requiredText("the scope of the test", 2000),
      achievedRto: minutes("RTO"),
      achievedRtoUnit: unit,
      achievedRpo: minutes("RPO"),
      achievedRpoUnit: unit,
      testResult: z.enum(["pass", "fail"], { errorMap: () => ({ message: "Choose whether the test passed" }) }),
    })
    .transform((v): KindColumns => ({
      ...EMPTY,
      test_date: v.testDate,
      test_scope: v.testScope,
      achieved_rto_min: Math.round(v.achievedRto * UNIT_MINUTES[v.achievedRtoUnit]),
      achieved_rpo_min: Math.round(v.achievedRpo * UNIT_MINUTES[v.achievedRpoUnit]),
      test_passed: v.testResult === "pass",
      valid_to: isoDate(addMonths(new Date(`${v.testDate}T00:00:00Z`), TEST_FRESH_MONTHS)),
    })),
  iso22301: z
    .object({
      issuer: requiredText("the certification body"),
      certificateNumber: requiredText("the certificate number", 100),
      validFrom: date("the valid-from date"),
      validTo: date("the expiry date"),
      testScope: requiredText("the certificate's scope", 2000),
    })
    .superRefine(validity)
    .transform((v): KindColumns => ({ ...EMPTY, issuer: v.issuer, certificate_number: v.certificateNumber, valid_from: v.validFrom, valid_to: v.validTo, test_scope: v.testScope })),
  insurance: z
    .object({
      issuer: requiredText("the insurer"),
      certificateNumber: text(100),
      validFrom: optionalDate("the valid-from date"),
      validTo: date("the expiry date"),
    })
    .superRefine(validity)
    .transform((v): KindColumns => ({ ...EMPTY, issuer: v.issuer, certificate_number: v.certificateNumber, valid_from: v.validFrom, valid_to: v.validTo })),
  other: z
    .object({ validTo: optionalDate("the expiry date") })
    .transform((v): KindColumns => ({ ...EMPTY, valid_to: v.validTo })),
} satisfies Record<EvidenceKind, z.ZodType<KindColumns, z.ZodTypeDef, unknown>>;

export const EvidenceMetaSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS, { errorMap: () => ({ message: "Choose the kind of evidence" }) }),
  title: text(200),
  supersedesId: z.union([z.literal("").transform(() => null), z.string().uuid("Choose the document this replaces")]).optional().transform((v) => v ?? null),
});
export type EvidenceMeta = z.infer<typeof EvidenceMetaSchema>;

export type FieldErrors = Record<string, string[]>;

/** Validates the common fields and the kind's own fields; errors keyed by form field name. */
export function parseEvidenceFields(
  fields: Record<string, string>,
): { ok: true; meta: EvidenceMeta; columns: KindColumns } | { ok: false; message: string; fieldErrors: FieldErrors } {
  const meta = EvidenceMetaSchema.safeParse(fields);
  if (!meta.success) return failure(meta.error);
  const columns = KIND_SCHEMAS[meta.data.kind].safeParse(fields);
  if (!columns.success) return failure(columns.error);
  return { ok: true, meta: meta.data, columns: columns.data };
}

function failure(error: z.ZodError) {
  const fieldErrors = error.flatten().fieldErrors as FieldErrors;
  const message = Object.values(fieldErrors).flat()[0] ?? error.issues[0]?.message ?? "Check the form and try again.";
  return { ok: false as const, message, fieldErrors };
}
