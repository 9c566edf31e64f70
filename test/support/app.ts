import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../server/app";
import { seedDemo } from "../../db/seed/seed";
import { TASK_HANDLERS } from "../../app/jobs/handlers.server";
import { startWorkers } from "../../app/jobs/workers.server";
import { recomputeOrganisation } from "../../app/resilience.server";
import { createFreshDatabase } from "./database";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Starts the real built app (build/ from `remix build`) on a random port over a fresh database,
 * seeded with the demo organisation unless `seed: false`.
 */
export async function startTestApp({ seed = true }: { seed?: boolean } = {}) {
  const database = await createFreshDatabase();
  if (seed) {
    await seedDemo(database.db);
    const demo = await database.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
    await recomputeOrganisation(database.db, demo.id);
  }
  await startWorkers(database.db, TASK_HANDLERS);
  const build = (await import(/* @vite-ignore */ path.join(rootDir, "build/index.js"))) as ServerBuild;
  const app = createApp({ build, rootDir, mode: "production" });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...database,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.cleanup();
    },
  };
}
