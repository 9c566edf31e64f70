import { sql } from "kysely";
import { db } from "~/db.server";

/** Liveness and database reachability for load balancers. */
export async function loader() {
  await sql`select 1`.execute(db);
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
