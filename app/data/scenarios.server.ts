import type { OutageScenario, ScenarioResult } from "../domain/resilience";
import type { Db } from "./types";
import { isUuid } from "../utils/misc";

export interface ScenarioParams extends OutageScenario {
  /** What the user typed, kept for display (external IDs and country codes). */
  label: string;
}

export async function saveScenario(
  db: Db,
  input: { orgId: string; name: string; params: ScenarioParams; result: ScenarioResult; createdBy: string },
) {
  return db
    .insertInto("scenarios")
    .values({
      org_id: input.orgId,
      name: input.name,
      params: JSON.stringify(input.params),
      result: JSON.stringify(input.result),
      created_by: input.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listScenarios(db: Db, orgId: string) {
  return db
    .selectFrom("scenarios as s")
    .leftJoin("users as u", "u.id", "s.created_by")
    .select(["s.id", "s.name", "s.params", "s.created_at", "u.name as created_by_name"])
    .where("s.org_id", "=", orgId)
    .orderBy("s.created_at", "desc")
    .limit(200)
    .execute();
}

export async function getScenario(db: Db, orgId: string, scenarioId: string) {
  if (!isUuid(scenarioId)) return undefined;
  const row = await db
    .selectFrom("scenarios")
    .select(["id", "name", "params", "result", "created_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", scenarioId)
    .executeTakeFirst();
  return row ? { ...row, params: row.params as unknown as ScenarioParams, result: row.result as unknown as ScenarioResult } : undefined;
}
