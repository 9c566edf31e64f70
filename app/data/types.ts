import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

/** Repository functions take the database or an open transaction first, Kysely-style. */
export type Db = Kysely<Database> | Transaction<Database>;
