import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { getQueue, type QueueName } from "./queue.server";
import { runTask, type TaskHandler } from "./tasks.server";

/**
 * Starts this process's workers for the given handlers. The web process and the workers can be
 * the same process (the default) or separate ones (RUN_WORKERS=false on web-only instances).
 */
export async function startWorkers(db: Kysely<Database>, handlers: Partial<Record<QueueName, TaskHandler>>) {
  const queue = await getQueue();
  for (const [name, handler] of Object.entries(handlers) as [QueueName, TaskHandler][]) {
    await queue.work<{ taskId: string }>(name, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) await runTask(db, job.data.taskId, handler);
    });
  }
}
