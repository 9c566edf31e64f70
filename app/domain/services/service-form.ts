import { z } from "zod";
import { MAX_HOURS, MAX_TEXT_LENGTH, hoursToMinutes } from "../portfolio/cells";

/** Absent and empty mean the same (form libraries drop empty fields). */
const blankable = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === undefined || v === null ? "" : v), schema);

/**
 * Required hours as people type them ("4", "0.25", "1,5") → whole minutes, rounded the way the
 * portfolio import rounds, so a service saved here and one imported from the workbook agree.
 */
const requiredHours = (label: string) =>
  blankable(
    z
      .string()
      .trim()
      .transform((value, ctx) => {
        if (value === "") {
          ctx.addIssue({ code: "custom", message: `Enter the ${label} in hours` });
          return z.NEVER;
        }
        // "1,500" could be 1500 or 1.5: refused, as the import refuses it.
        if (/^\d{1,3}(,\d{3})+$/.test(value)) {
          ctx.addIssue({ code: "custom", message: "Write hours without thousands separators (1500, or 1.5 for one and a half)" });
          return z.NEVER;
        }
        const hours = Number(value.replace(",", "."));
        if (!Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
          ctx.addIssue({ code: "custom", message: "Enter hours as a number of 0 or more (e.g. 4 or 0.25)" });
          return z.NEVER;
        }
        return hoursToMinutes(hours);
      }),
  );

// Anything printable: IDs come from the organisation's own systems (the workbook accepts any text),
// so the form must not refuse an ID the import accepted.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/** The internal-service form (create and edit). People type hours; we store whole minutes. */
export const ServiceFormSchema = z
  .object({
    externalId: z
      .string({ required_error: "Enter your ID for this service" })
      .trim()
      .min(1, "Enter your ID for this service")
      .max(200, "Use at most 200 characters")
      .regex(NO_CONTROL_CHARACTERS, "Remove line breaks and tabs"),
    name: z
      .string({ required_error: "Enter the service's name" })
      .trim()
      .min(1, "Enter the service's name")
      .max(300, "Use at most 300 characters")
      .regex(NO_CONTROL_CHARACTERS, "Remove line breaks and tabs"),
    owner: blankable(
      z
        .string()
        .trim()
        .max(300, "Use at most 300 characters")
        .transform((v) => v || null),
    ),
    description: blankable(
      z
        .string()
        .trim()
        .max(MAX_TEXT_LENGTH, `Use at most ${MAX_TEXT_LENGTH} characters`)
        .transform((v) => v || null),
    ),
    requiredRtoHours: requiredHours("required RTO"),
    requiredRpoHours: requiredHours("required RPO"),
    mtpdHours: requiredHours("MTPD"),
  })
  .superRefine((v, ctx) => {
    // Compared in stored minutes: the database enforces the same rule on the same numbers.
    if (v.requiredRtoHours > v.mtpdHours) {
      ctx.addIssue({
        code: "custom",
        path: ["requiredRtoHours"],
        message: `The required RTO (${formatHours(v.requiredRtoHours)}) is longer than the MTPD (${formatHours(v.mtpdHours)}): the RTO must be at most the MTPD`,
      });
    }
  })
  .transform(({ requiredRtoHours, requiredRpoHours, mtpdHours, ...rest }) => ({
    ...rest,
    requiredRtoMin: requiredRtoHours,
    requiredRpoMin: requiredRpoHours,
    mtpdMin: mtpdHours,
  }));

export type ServiceFormValues = z.infer<typeof ServiceFormSchema>;

function formatHours(minutes: number): string {
  return `${Number((minutes / 60).toFixed(2))} h`;
}

/** Stored minutes → the hours shown in the form (0.25 for 15 min; no float noise such as 0.1000001). */
export function minutesToFormHours(minutes: number): string {
  return String(Number((minutes / 60).toFixed(4)));
}

/** The supplier search on the service edit page. */
export const SupplierSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
});

/** How many matches the supplier search lists (50,000 suppliers must stay fast and readable). */
export const SUPPLIER_SEARCH_LIMIT = 20;

// Note for forms: parse with conform's `disableAutoCoercion: true`; this schema reads raw strings
// itself, which conform's coercion would otherwise turn into numbers or "Required".
