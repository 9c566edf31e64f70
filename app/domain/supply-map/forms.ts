/**
 * Input schemas for declaring dependencies and alternates, shared by the pages (form fields, hours)
 * and the API (JSON, minutes). Pure zod; no I/O.
 */
import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

const hoursToMinutes = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v.replace(",", "."));
    if (!Number.isFinite(n) || n < 0 || n > 24 * 365 * 10) {
      ctx.addIssue({ code: "custom", message: "Enter hours as a number, 0 or more" });
      return z.NEVER;
    }
    return Math.round(n * 60);
  });

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "yes");

export const CompanyFields = {
  name: optionalText(200),
  country: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toUpperCase() : null))
    .refine((v) => v === null || /^[A-Z]{2}$/.test(v), "Country must be a two-letter ISO code, e.g. DE"),
  lei: optionalText(40),
  duns: optionalText(20),
  website: optionalText(300),
  /** Staff only: an existing supplier by its ID (e.g. SUP-041). */
  existingExternalId: optionalText(60),
};

export const AddDependencyForm = z
  .object({
    intent: z.literal("add-dependency"),
    ...CompanyFields,
    supplies: z.string().trim().max(300).default(""),
    singleSource: checkbox,
    bufferHours: hoursToMinutes,
  })
  .refine((v) => v.existingExternalId || (v.name && v.country), {
    message: "Give the sub-supplier's name and country",
    path: ["name"],
  });

export const UpdateDependencyForm = z.object({
  intent: z.literal("update-dependency"),
  id: z.string().uuid("Unknown dependency"),
  supplies: z.string().trim().max(300).default(""),
  singleSource: checkbox,
  bufferHours: hoursToMinutes,
});

export const ALTERNATE_STATUSES = ["identified", "qualifying", "qualified"] as const;

const capacity = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      ctx.addIssue({ code: "custom", message: "Capacity is a whole percentage from 0 to 100" });
      return z.NEVER;
    }
    return n;
  });

export const AddAlternateForm = z
  .object({
    intent: z.literal("add-alternate"),
    replacesId: z.string().uuid("Choose the sub-supplier the alternate replaces"),
    ...CompanyFields,
    status: z.enum(ALTERNATE_STATUSES),
    switchoverHours: hoursToMinutes,
    capacityPct: capacity,
  })
  .refine((v) => v.existingExternalId || (v.name && v.country), {
    message: "Give the alternate's name and country",
    path: ["name"],
  });

export const UpdateAlternateForm = z.object({
  intent: z.literal("update-alternate"),
  id: z.string().uuid("Unknown alternate"),
  status: z.enum(ALTERNATE_STATUSES),
  switchoverHours: hoursToMinutes,
  capacityPct: capacity,
});

export const DeleteForm = z.object({
  intent: z.enum(["delete-dependency", "delete-alternate"]),
  id: z.string().uuid("Unknown line"),
});

// --------------------------------------------------------------------------------------------- API (JSON, minutes)

const company = z.object({
  name: z.string().trim().min(1).max(200),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[A-Z]{2}$/.test(v), "country must be a two-letter ISO code"),
  lei: z.string().trim().max(40).nullish(),
  duns: z.string().trim().max(20).nullish(),
  website: z.string().trim().max(300).nullish(),
});

export const ApiDependencyCreate = z
  .object({
    supplierId: z.string().uuid(),
    dependsOnId: z.string().uuid().optional(),
    dependsOn: company.optional(),
    supplies: z.string().trim().max(300).default(""),
    singleSource: z.boolean().default(false),
    bufferMinutes: z.number().int().min(0).max(60 * 24 * 3650).default(0),
  })
  .refine((v) => Boolean(v.dependsOnId) !== Boolean(v.dependsOn), { message: "Give exactly one of dependsOnId or dependsOn {name, country}" });

export const ApiDependencyUpdate = z
  .object({
    supplies: z.string().trim().max(300),
    singleSource: z.boolean(),
    bufferMinutes: z.number().int().min(0).max(60 * 24 * 3650),
  })
  .partial()
  .strict();

export const ApiAlternateCreate = z
  .object({
    forSupplierId: z.string().uuid().optional(),
    forServiceId: z.string().uuid().optional(),
    replacesId: z.string().uuid(),
    alternateId: z.string().uuid().optional(),
    alternate: company.optional(),
    status: z.enum(ALTERNATE_STATUSES).default("identified"),
    switchoverMinutes: z.number().int().min(0).nullable().default(null),
    capacityPct: z.number().int().min(0).max(100).nullable().default(null),
  })
  .refine((v) => Boolean(v.forSupplierId) !== Boolean(v.forServiceId), { message: "Give exactly one of forSupplierId or forServiceId" })
  .refine((v) => Boolean(v.alternateId) !== Boolean(v.alternate), { message: "Give exactly one of alternateId or alternate {name, country}" });

export const ApiAlternateUpdate = z
  .object({
    status: z.enum(ALTERNATE_STATUSES),
    switchoverMinutes: z.number().int().min(0).nullable(),
    capacityPct: z.number().int().min(0).max(100).nullable(),
  })
  .partial()
  .strict();
