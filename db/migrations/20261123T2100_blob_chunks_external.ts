import { sql, type Kysely } from "kysely";

/*
 * Evidence files are mostly compressed already (PDF streams, JPEG, PNG, and DOCX/XLSX are zip
 * archives), so PostgreSQL's attempt to compress every 1 MiB chunk before storing it out of line
 * (pglz, the default EXTENDED storage of bytea) costs CPU on each upload and rarely saves anything.
 * EXTERNAL keeps the out-of-line storage without the compression attempt (and lets reads of a
 * chunk skip decompression). Applies to chunks written from now on; stored ones read the same.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table blob_chunks alter column data set storage external`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table blob_chunks alter column data set storage extended`.execute(db);
}
