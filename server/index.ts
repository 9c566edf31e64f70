import { productionRequested } from "./node-env";
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
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
import { webConcurrency } from "./web-concurrency";

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
  let processes: number;
  try {
    processes = webConcurrency(process.env.WEB_CONCURRENCY, config.kind);
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (cluster.isWorker) return serve();

  console.log(`Database: ${describeDatabase(config)}`);
  await prepareDatabase();
  if (processes === 1) return serve();

  // Several processes on one machine: this one prepared the database and now only keeps N workers
  // running; each serves requests on the shared port and runs background workers, like separate
  // instances (docs/scaling.md). They share one CSRF secret, or a form from one fails on another.
  await closeDatabase();
  const env = { SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString("hex") };
  console.log(`Starting ${processes} server processes (WEB_CONCURRENCY).`);
  let stopping = false;
  const listened = new Set<number>();
  const fork = () =>
    cluster.fork(env).once("listening", function (this: Worker, address) {
      listened.add(this.id);
      if (listened.size === processes) announce(address.port);
    });
  for (let i = 0; i < processes; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    // One that never got to listen (no build, a bad setting) would fail again: stop with it.
    if (!listened.has(worker.id)) process.exit(code ?? 1);
    console.error(`Server process ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    setTimeout(fork, 1_000);
  });
  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`\n${signal} received, shutting down…`);
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), 10_000).unref();
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

/** Migrations, the demo organisation and first results: once, before any request is served. */
async function prepareDatabase() {
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
}

/** Background workers, the Remix build and the HTTP listener: in each server process. */
async function serve() {
  const db = getDatabase();

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
    if (cluster.isPrimary) announce(typeof address === "object" && address ? address.port : port);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    // A terminal's Ctrl-C reaches every process of the group, and the primary passes it on too.
    if (closing) return;
    closing = true;
    if (cluster.isPrimary) console.log(`\n${signal} received, shutting down…`);
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

function announce(port: number) {
  console.log(`\nResilience portal listening on http://localhost:${port}`);
  if (process.env.SEED_DEMO !== "false") {
    console.log("\nDemo logins (password for all: " + DEMO_LOGINS.password + "):");
    for (const login of DEMO_LOGINS.users) console.log(`  ${login.role.padEnd(12)} ${login.email}`);
  }
}

/** TRUST_PROXY: unset/false → off, true → trust all, a number → hop count, else a subnet list. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
