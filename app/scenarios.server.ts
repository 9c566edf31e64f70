import { z } from "zod";
import { saveScenario } from "./data/scenarios.server";
import type { Db } from "./data/types";
import { COUNTRY_CODES } from "./domain/portfolio/countries";
import { simulateOutage } from "./domain/resilience";
import { loadResilienceInput } from "./resilience.server";

const list = (value: string | string[]) =>
  (Array.isArray(value) ? value : value.split(/[,;\s]+/)).map((v) => v.trim()).filter(Boolean);

/** A what-if request, from the form (comma-separated text) or the API (arrays). */
export const ScenarioRequestSchema = z
  .object({
    name: z.string().trim().min(1, "Give the scenario a name").max(200),
    suppliers: z.union([z.string().max(5_000), z.array(z.string().max(64)).max(1_000)]).default(""),
    countries: z.union([z.string().max(1_000), z.array(z.string().max(2)).max(250)]).default(""),
    hours: z.coerce.number({ invalid_type_error: "Enter the outage length in hours" }).positive("The outage must last more than 0 hours").max(8_760),
  })
  .transform((v) => ({ name: v.name, hours: v.hours, supplierIds: list(v.suppliers), countryCodes: list(v.countries).map((c) => c.toUpperCase()) }))
  .refine((v) => v.supplierIds.length + v.countryCodes.length > 0, { message: "Name at least one supplier ID or country", path: ["suppliers"] })
  .refine((v) => v.countryCodes.every((c) => COUNTRY_CODES.has(c)), { message: "Use two-letter ISO country codes, e.g. TW, DE", path: ["countries"] });

export type ScenarioRequest = z.infer<typeof ScenarioRequestSchema>;

/** Runs the outage against the current supply chain and saves it; unknown supplier IDs are an error. */
export async function runAndSaveScenario(db: Db, orgId: string, userId: string, request: ScenarioRequest) {
  const found = request.supplierIds.length
    ? await db.selectFrom("suppliers").select(["id", "external_id"]).where("org_id", "=", orgId).where("external_id", "in", request.supplierIds).execute()
    : [];
  const unknown = request.supplierIds.filter((id) => !found.some((f) => f.external_id === id));
  if (unknown.length) return { ok: false as const, message: `No supplier with the ID ${unknown.join(", ")} in this organisation.` };
  const { input } = await loadResilienceInput(db, orgId, new Date());
  const params = {
    supplierIds: found.map((f) => f.id),
    countries: request.countryCodes,
    durationMin: Math.round(request.hours * 60),
    label: [request.supplierIds.join(", "), request.countryCodes.join(", ")].filter(Boolean).join(" · "),
  };
  const result = simulateOutage(input, params);
  const saved = await saveScenario(db, { orgId, name: request.name, params, result, createdBy: userId });
  return { ok: true as const, id: saved.id, params, result };
}
