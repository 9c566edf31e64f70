import { randomBytes } from "node:crypto";
import pg from "pg";
import { closeDatabase, getDatabase } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";

/**
 * Gives this test file its own fresh, migrated database and makes it the process's database:
 * a new PostgreSQL database when TEST_DATABASE_URL is set, else an in-memory PGlite.
 * Call before importing the server build (the build reads the same process-wide instance).
 */
export async function createFreshDatabase() {
  const postgres = await createEmptyPostgresDatabase();
  if (postgres) {
    process.env.DATABASE_URL = postgres.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = ":memory:";
  }
  const db = getDatabase();
  await migrateToLatest(db);
  return {
    db,
    kind: postgres ? ("postgres" as const) : ("pglite" as const),
    async cleanup() {
      await closeDatabase();
      await postgres?.drop();
    },
  };
}

/** A connection string for a brand-new empty PostgreSQL database, or null when testing on PGlite. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return null;
  const name = `portal_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // Let pools that are closing (the app's, the job queue's) finish first: forcing their
      // connections closed mid-shutdown raises errors in the process under test.
      for (let waited = 0; waited < 5_000; waited += 100) {
        const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
