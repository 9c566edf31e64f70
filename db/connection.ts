import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { PGlitePool } from "./pglite-pool";

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize: number }
  | { kind: "pglite"; dataDir: string };

/** DATABASE_URL set → PostgreSQL; unset → embedded PGlite under PGLITE_DIR (default ./data). */
export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) {
    return { kind: "postgres", url: env.DATABASE_URL, poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) };
  }
  const dataDir = env.PGLITE_DIR ?? "./data";
  return { kind: "pglite", dataDir: dataDir === ":memory:" ? dataDir : path.resolve(dataDir) };
}

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "pglite") {
    return config.dataDir === ":memory:" ? "embedded PGlite (in memory)" : `embedded PGlite at ${config.dataDir}`;
  }
  const url = new URL(config.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

// pg returns int8 (count(*), bigint) and numeric as strings; our columns in those types hold values
// well inside Number's safe range, so we read them as numbers on both drivers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function createDatabase(config: DatabaseConfig): Kysely<Database> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize, types: pgTypes });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.dataDir !== ":memory:") mkdirSync(config.dataDir, { recursive: true });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(config.dataDir) }) });
}

/*
 * One database per process. The instance lives on globalThis because this module is loaded twice:
 * once by the server entry (through tsx) and once inside the Remix server bundle. Both must share
 * the same pool, and PGlite in particular must never be opened twice on one directory.
 */
const GLOBAL_KEY = Symbol.for("resilience-portal.database");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Kysely<Database> };

export function getDatabase(): Kysely<Database> {
  const holder = globalThis as GlobalWithDb;
  holder[GLOBAL_KEY] ??= createDatabase(readDatabaseConfig());
  return holder[GLOBAL_KEY];
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as GlobalWithDb;
  const db = holder[GLOBAL_KEY];
  delete holder[GLOBAL_KEY];
  await db?.destroy();
}
