import { productionRequested } from "./node-env";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDatabase, describeDatabase, getDatabase, readDatabaseConfig } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { DEMO_LOGINS, seedDemoIfEmpty } from "../db/seed/seed";
import { TASK_HANDLERS } from "../app/jobs/handlers.server";
import { startWorkers } from "../app/jobs/workers.server";
import { ensureEvidenceMaintenance } from "../app/evidence/maintenance.server";
import { ensureReassessmentSchedule } from "../app/questionnaire-reassessment.server";
import { recomputeOrganisation } from "../app/resilience.server";
import { createApp } from "./app";

/*
 * Start-up order matters: migrate (a failure stops here with a clear message), seed an empty
 * database with the demo organisation, and only then load the Remix build and listen.
 */
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  if (productionRequested && (process.env.SESSION_SECRET ?? "").length < 32) {
    console.error("✖ SESSION_SECRET must be set (at least 32 characters) when NODE_ENV=production.");
    process.exit(1);
  }
  const config = readDatabaseConfig();
  console.log(`Database: ${describeDatabase(config)}`);
  const db = getDatabase();

  try {
    const applied = await migrateToLatest(db);
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  } catch (error) {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  }

  if (process.env.SEED_DEMO !== "false") {
    const seeded = await seedDemoIfEmpty(db, { log: (line) => console.log(line) });
    if (seeded === "seeded") console.log("Demo organisation created.");
  }

  // Organisations never computed (fresh seed, restored backup) get results before the first page.
  const pending = await db.selectFrom("organisations").select(["id", "name"]).where("results_computed_at", "is", null).execute();
  for (const org of pending) {
    const figures = await recomputeOrganisation(db, org.id);
    console.log(`Computed resilience for ${org.name}: ${figures.suppliers} suppliers, ${figures.findings} findings.`);
  }

  if (process.env.RUN_WORKERS !== "false") {
    await startWorkers(db, TASK_HANDLERS);
    // Removes chunks left by interrupted uploads and creates expiry reminders (then daily).
    await ensureEvidenceMaintenance(db);
    // Queues each organisation's due reassessments once a day (see docs/questionnaires.md).
    ensureReassessmentSchedule(db);
    console.log("Background workers started.");
  }

  const buildPath = path.join(rootDir, "build/index.js");
  const build = await import(buildPath).catch((error: unknown) => {
    console.error(`✖ Could not load the server build at ${buildPath}. Run \`npm run build\` first.`);
    throw error;
  });
  const app = createApp({ build, rootDir, trustProxy: parseTrustProxy(process.env.TRUST_PROXY) });

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    console.log(`\nResilience portal listening on http://localhost:${actualPort}`);
    if (process.env.SEED_DEMO !== "false") {
      console.log("\nDemo logins (password for all: " + DEMO_LOGINS.password + "):");
      for (const login of DEMO_LOGINS.users) console.log(`  ${login.role.padEnd(12)} ${login.email}`);
    }
  });

  const shutdown = (signal: string) => {
    console.log(`\n${signal} received, shutting down…`);
    server.close(() => {
      void closeDatabase().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** TRUST_PROXY: unset/false → off, true → trust all, a number → hop count, else a subnet list. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
