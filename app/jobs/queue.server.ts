import PgBoss from "pg-boss";
import { getDatabaseHandle, onDatabaseClose, pgPoolOf } from "../../db/connection";

/*
 * The job queue: pg-boss on the application's own database. On PostgreSQL it keeps a small pool of
 * its own; on embedded PGlite it runs its SQL through the same serialised session as Kysely.
 * One queue per process, shared (via globalThis) by the server entry and the Remix bundle.
 */
const GLOBAL_KEY = Symbol.for("resilience-portal.queue");
type GlobalWithQueue = typeof globalThis & { [GLOBAL_KEY]?: Promise<PgBoss> };

export const QUEUE_NAMES = ["recompute", "import", "export", "reassessment"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

async function startQueue(): Promise<PgBoss> {
  const handle = getDatabaseHandle();
  const boss =
    handle.config.kind === "postgres"
      ? new PgBoss({ connectionString: handle.config.url, max: 3, schedule: false })
      : new PgBoss({ db: { executeSql: (text, values) => handle.executeSql(text, values) }, schedule: false });
  boss.on("error", (error) => console.error("[jobs]", error));
  await oneProcessAtATime(handle.db, async () => {
    await boss.start();
    for (const name of QUEUE_NAMES) {
      // Jobs that fail are recorded on their task row; the queue retries only crashes (worker died).
      await boss.createQueue(name, { name, retryLimit: 2, retryDelay: 5, expireInSeconds: 60 * 60 });
    }
  });
  onDatabaseClose(async () => {
    await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  });
  return boss;
}

/** Session advisory lock taken while a process sets up its queues (any number fixed for this use). */
const QUEUE_SETUP_LOCK = 7_314_001;

/**
 * Runs `setUp` while holding a PostgreSQL advisory lock, so processes starting together (several
 * instances, WEB_CONCURRENCY workers) set up pg-boss one after another: creating the same queues
 * at once deadlocked on a fresh database. PGlite serves one process: nothing to wait for.
 */
async function oneProcessAtATime(db: Parameters<typeof pgPoolOf>[0], setUp: () => Promise<void>) {
  const pool = pgPoolOf(db);
  if (!pool) return setUp();
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [QUEUE_SETUP_LOCK]);
    try {
      await setUp();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [QUEUE_SETUP_LOCK]);
    }
  } finally {
    client.release();
  }
}

export function getQueue(): Promise<PgBoss> {
  const holder = globalThis as GlobalWithQueue;
  holder[GLOBAL_KEY] ??= startQueue().catch((error: unknown) => {
    delete holder[GLOBAL_KEY];
    throw error;
  });
  return holder[GLOBAL_KEY];
}
