/**
 * WEB_CONCURRENCY: how many server processes share the port (default 1; one per core suits a
 * machine of its own). Embedded PGlite lives inside one process, so it always runs one.
 */
export function webConcurrency(value: string | undefined, database: "postgres" | "pglite"): number {
  const wanted = value === undefined || value === "" ? 1 : Number(value);
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`WEB_CONCURRENCY must be a positive whole number, not "${value}"`);
  if (wanted > 1 && database === "pglite") {
    console.warn("WEB_CONCURRENCY is ignored with the embedded database (PGlite serves one process); set DATABASE_URL.");
    return 1;
  }
  return wanted;
}
