import { closeDatabase, describeDatabase, getDatabase, readDatabaseConfig } from "./connection";
import { migrateToLatest, rollbackOne } from "./migrate";
import { seedDemo } from "./seed/seed";

/** `npm run db:migrate | db:rollback | db:seed` against DATABASE_URL or the embedded database. */
async function main(command: string | undefined) {
  console.log(`Database: ${describeDatabase(readDatabaseConfig())}`);
  const db = getDatabase();
  try {
    switch (command) {
      case "migrate": {
        const results = await migrateToLatest(db);
        console.log(results.length ? results.map((r) => `  applied ${r.migrationName}`).join("\n") : "Already up to date.");
        break;
      }
      case "rollback": {
        const results = await rollbackOne(db);
        console.log(results.length ? results.map((r) => `  reverted ${r.migrationName}`).join("\n") : "Nothing to roll back.");
        break;
      }
      case "seed": {
        await migrateToLatest(db);
        const outcome = await seedDemo(db, { log: console.log });
        console.log(outcome === "seeded" ? "Demo organisation created." : "Demo organisation already present; nothing changed.");
        break;
      }
      default:
        console.error("Usage: tsx db/cli.ts migrate|rollback|seed");
        process.exitCode = 2;
    }
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await closeDatabase();
  }
}

await main(process.argv[2]);
