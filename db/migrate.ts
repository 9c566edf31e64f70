import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations";

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet["results"],
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

function check(resultSet: MigrationResultSet, verb: string) {
  const { error, results } = resultSet;
  if (!error) return results ?? [];
  const failed = results?.find((r) => r.status === "Error")?.migrationName;
  const cause = error instanceof Error ? error.message : String(error);
  throw new MigrationError(
    `Database ${verb} failed${failed ? ` in migration ${failed}` : ""}: ${cause}. ` +
      "No later migration was applied; fix the cause and start again.",
    results,
  );
}

/** Applies every pending migration in order (all in one transaction: all or none); throws MigrationError. */
export async function migrateToLatest(db: Kysely<any>) {
  return check(await migrator(db).migrateToLatest(), "migration");
}

export async function rollbackOne(db: Kysely<any>) {
  return check(await migrator(db).migrateDown(), "rollback");
}
