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

/** The Kysely instance plus what other SQL clients (the job queue) need to share the database. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  config: DatabaseConfig;
  /** Runs raw SQL through the same connection discipline as `db` (PGlite: one session, serialised). */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
}

/**
 * The pg pool behind a Kysely instance opened here on PostgreSQL, for what Kysely cannot express
 * (the blob store's COPY FROM STDIN, the job queue's advisory lock) and to tell PostgreSQL from
 * PGlite (exports then run in a process of their own, on the pool's connection string).
 * Undefined on PGlite.
 */
const PG_POOLS_KEY = Symbol.for("resilience-portal.pg-pools"); // shared by both copies of this module (see below)
const holder = globalThis as typeof globalThis & { [PG_POOLS_KEY]?: WeakMap<Kysely<Database>, pg.Pool> };
const pgPools = (holder[PG_POOLS_KEY] ??= new WeakMap());
export function pgPoolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pgPools.get(db);
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize, types: pgTypes });
    // An idle connection can fail (server restart, failover, admin termination): log it; the pool
    // replaces the connection. Without a listener the error would crash the process.
    pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
    return {
      db,
      config,
      executeSql: async (text, values) => ({ rows: (await pool.query(text, values as unknown[])).rows }),
    };
  }
  if (config.dataDir !== ":memory:") mkdirSync(config.dataDir, { recursive: true });
  const pool = new PGlitePool(config.dataDir);
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    config,
    executeSql: (text, values) => pool.executeSql(text, values),
  };
}

export function createDatabase(config: DatabaseConfig): Kysely<Database> {
  return openDatabase(config).db;
}

/*
 * One database per process. The instance lives on globalThis because this module is loaded twice:
 * once by the server entry (through tsx) and once inside the Remix server bundle. Both must share
 * the same pool, and PGlite in particular must never be opened twice on one directory.
 */
const GLOBAL_KEY = Symbol.for("resilience-portal.database");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: DatabaseHandle };

export function getDatabaseHandle(): DatabaseHandle {
  const holder = globalThis as GlobalWithDb;
  holder[GLOBAL_KEY] ??= openDatabase(readDatabaseConfig());
  return holder[GLOBAL_KEY];
}

export function getDatabase(): Kysely<Database> {
  return getDatabaseHandle().db;
}

/** Hooks run before the database closes (e.g. stopping the job queue that uses it). */
const CLOSE_HOOKS_KEY = Symbol.for("resilience-portal.database-close-hooks");
type GlobalWithHooks = typeof globalThis & { [CLOSE_HOOKS_KEY]?: (() => Promise<void>)[] };

export function onDatabaseClose(hook: () => Promise<void>) {
  const holder = globalThis as GlobalWithHooks;
  (holder[CLOSE_HOOKS_KEY] ??= []).push(hook);
}

export async function closeDatabase(): Promise<void> {
  const hooksHolder = globalThis as GlobalWithHooks;
  for (const hook of (hooksHolder[CLOSE_HOOKS_KEY] ?? []).splice(0)) await hook().catch(() => {});
  const holder = globalThis as GlobalWithDb;
  const handle = holder[GLOBAL_KEY];
  delete holder[GLOBAL_KEY];
  await handle?.db.destroy();
}
