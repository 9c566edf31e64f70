import { getDatabase } from "../db/connection";

export type { Database } from "../db/schema";

/** The process-wide Kysely instance (PostgreSQL pool, or embedded PGlite when DATABASE_URL is unset). */
export const db = getDatabase();
