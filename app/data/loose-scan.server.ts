import { sql } from "kysely";
import type { Db } from "./types";

/**
 * The distinct non-null values of `column` among one organisation's rows of `table`, sorted: a
 * loose index scan (one index probe per value, through an (org_id, column, …) index) instead of
 * reading every row — the supplier list's countries, the findings list's kinds.
 */
export async function distinctOrgValues(db: Db, table: "suppliers" | "findings", column: "country" | "kind", orgId: string): Promise<string[]> {
  const t = sql.table(table);
  const c = sql.ref(column);
  const { rows } = await sql<{ value: string }>`
    with recursive v(value) as (
      (select ${c} from ${t} where org_id = ${orgId} and ${c} is not null order by ${c} limit 1)
      union all
      select (select x.${c} from ${t} x where x.org_id = ${orgId} and x.${c} > v.value order by x.${c} limit 1)
      from v where v.value is not null
    )
    select value from v where value is not null
  `.execute(db);
  return rows.map((r) => r.value);
}
