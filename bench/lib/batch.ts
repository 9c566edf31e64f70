import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

/** PostgreSQL's limit on bind parameters in one statement (the wire protocol's Int16 count). */
export const MAX_BIND_PARAMETERS = 65_535;
export const DEFAULT_BATCH_ROWS = 5_000;

/** Rows per multi-row INSERT: at most `maxRows`, and never more than the bind-parameter limit allows. */
export function rowsPerStatement(columns: number, maxRows = DEFAULT_BATCH_ROWS): number {
  return Math.max(1, Math.min(maxRows, Math.floor(MAX_BIND_PARAMETERS / Math.max(1, columns))));
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts rows from an iterable with multi-row INSERT statements of `rowsPerStatement(columns)` rows.
 * Rows are pulled lazily, so a generator can produce millions of rows in constant memory. Every row
 * must have the same keys (Kysely writes DEFAULT for keys missing from some rows). Run it on a
 * transaction: the statements are sent one after the other on that one connection.
 */
export async function insertInBatches<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
  options: { maxRows?: number; onBatch?: (inserted: number) => void } = {},
): Promise<number> {
  let batch: Insertable<Database[T]>[] = [];
  let size = 0;
  let inserted = 0;
  const flush = async () => {
    if (!batch.length) return;
    // The table name is a type parameter here, which Kysely's overloads cannot narrow; the rows are
    // already typed as that table's Insertable.
    await (db as Kysely<any>).insertInto(table).values(batch).execute(); // eslint-disable-line @typescript-eslint/no-explicit-any
    inserted += batch.length;
    batch = [];
    options.onBatch?.(inserted);
  };
  for (const row of rows) {
    if (size === 0) size = rowsPerStatement(Object.keys(row).length, options.maxRows);
    batch.push(row);
    if (batch.length >= size) await flush();
  }
  await flush();
  return inserted;
}
