import type { Db } from "./types";

export async function listServices(db: Db, orgId: string) {
  return db
    .selectFrom("internal_services as s")
    .leftJoin("service_suppliers as ss", "ss.service_id", "s.id")
    .select((eb) => [
      "s.id",
      "s.external_id",
      "s.name",
      "s.owner",
      "s.required_rto_min",
      "s.required_rpo_min",
      "s.mtpd_min",
      eb.fn.count<number>("ss.supplier_id").as("supplier_count"),
    ])
    .where("s.org_id", "=", orgId)
    .groupBy("s.id")
    .orderBy("s.name")
    .execute();
}
