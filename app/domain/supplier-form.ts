import { z } from "zod";
import { COUNTRY_CODES } from "./portfolio/countries";

/** Absent and empty mean the same (form libraries drop empty fields; JSON may send null). */
const blankable = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === undefined || v === null ? "" : v), schema);

/** Hours as typed by people ("4", "0.25", "1,5") → whole minutes; empty → null (unknown). */
const optionalHours = blankable(z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return null;
    const hours = Number(value.replace(",", "."));
    if (!Number.isFinite(hours) || hours < 0 || hours > 876_000) {
      ctx.addIssue({ code: "custom", message: "Enter hours as a number of 0 or more (e.g. 4 or 0.25)" });
      return z.NEVER;
    }
    return Math.round(hours * 60);
  }));

const optionalText = (max: number) =>
  blankable(
    z
      .string()
      .trim()
      .max(max)
      .transform((v) => v || null),
  );

/** The supplier form (create and edit), shared by the page and the API. People type hours; we keep minutes. */
export const SupplierFormSchema = z
  .object({
  externalId: z
    .string({ required_error: "Enter your ID for this supplier" })
    .trim()
    .min(1, "Enter your ID for this supplier")
    .max(64, "Use at most 64 characters")
    .regex(/^[\p{L}\p{N}._\-/: ]+$/u, "Use letters, digits, spaces and . _ - / : only"),
  name: z.string({ required_error: "Enter the supplier's name" }).trim().min(1, "Enter the supplier's name").max(300),
  country: z
    .string({ required_error: "Choose a country" })
    .trim()
    .toUpperCase()
    .refine((c) => COUNTRY_CODES.has(c), "Use a two-letter ISO country code such as DE, CN or US"),
  isVendor: z
    .enum(["on", "true", "false", ""])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  criticality: z.enum(["critical", "high", "medium", "low"], { message: "Choose a criticality" }),
  contactEmail: blankable(
    z
      .string()
      .trim()
      .toLowerCase()
      .max(320)
      .refine((v) => v === "" || z.string().email().safeParse(v).success, "Enter a valid email address")
      .transform((v) => v || null),
  ),
  declaredRtoHours: optionalHours,
  declaredRpoHours: optionalHours,
  lei: blankable(
    z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => v === "" || /^[A-Z0-9]{18}[0-9]{2}$/.test(v), "An LEI has 20 characters: 18 letters or digits and 2 check digits")
      .transform((v) => v || null),
  ),
  duns: blankable(
    z
      .string()
      .trim()
      .transform((v) => v.replace(/[\s-]/g, ""))
      .refine((v) => v === "" || /^\d{9}$/.test(v), "A D-U-N-S number has 9 digits")
      .transform((v) => v || null),
  ),
  website: optionalText(300),
  })
  .transform(({ declaredRtoHours, declaredRpoHours, ...rest }) => ({
    ...rest,
    declaredRtoMin: declaredRtoHours,
    declaredRpoMin: declaredRpoHours,
  }));

export type SupplierFormValues = z.infer<typeof SupplierFormSchema>;

// Note for forms: parse with conform's `disableAutoCoercion: true`; this schema reads raw strings
// itself (empty = unknown), which conform's coercion would otherwise turn into "Required".
