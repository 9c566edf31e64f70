import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";

/**
 * Presents one embedded PGlite instance to Kysely's PostgresDialect as a pool of size one.
 *
 * PGlite is a single Postgres session, so a transaction must own it exclusively: `connect()` waits
 * until the previous holder calls `release()`. Waiting too long almost always means code used `db`
 * inside a `db.transaction()` callback instead of `trx`, so we fail loudly instead of hanging.
 */
export class PGlitePool implements PostgresPool {
  readonly #ready: Promise<PGlite>;
  #tail: Promise<void> = Promise.resolve();

  constructor(dataDir: string, private readonly acquireTimeoutMs = 30_000) {
    // Imported here, not with the module: PGlite (≈ 40 MB resident) is loaded by every process that
    // imports db/connection, including those on PostgreSQL that never open it.
    this.#ready = import("@electric-sql/pglite").then(({ PGlite }) => PGlite.create(dataDir === ":memory:" ? undefined : dataDir));
  }

  /** Waits for exclusive use of the session; resolves to the function that gives it back. */
  async #acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (release = resolve));

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Embedded database busy for ${this.acquireTimeoutMs} ms: is a query using \`db\` inside a transaction instead of \`trx\`?`,
            ),
          ),
        this.acquireTimeoutMs,
      );
    });
    try {
      await Promise.race([previous, timedOut]);
    } catch (error) {
      // Keep the queue intact: whoever is after us waits for the holder before us, then for nothing.
      void previous.then(release);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  }

  async connect(): Promise<PostgresPoolClient> {
    const pglite = await this.#ready;
    const release = await this.#acquire();
    return {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>) {
        const result = await pglite.query<R>(sql, parameters as unknown[]);
        return {
          command: (result as { command?: string }).command ?? "SELECT",
          rowCount: (result as { rowCount?: number }).rowCount ?? result.affectedRows ?? 0,
          rows: result.rows,
        } as PostgresQueryResult<R>;
      },
      release,
    } as PostgresPoolClient;
  }

  /**
   * For libraries that bring their own SQL (the job queue), under the same lock as Kysely.
   * Without parameters the text may hold several statements (schema installs do).
   */
  async executeSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
    const pglite = await this.#ready;
    const release = await this.#acquire();
    try {
      if (values.length) return { rows: (await pglite.query(text, values)).rows };
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    } finally {
      release();
    }
  }

  async end(): Promise<void> {
    const pglite = await this.#ready;
    await this.#tail;
    if (!pglite.closed) await pglite.close();
  }
}
