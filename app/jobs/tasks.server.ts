import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Db } from "../data/types";
import { getQueue, type QueueName } from "./queue.server";
import { isUuid } from "../utils/misc";

export interface TaskContext {
  db: Kysely<Database>;
  task: { id: string; orgId: string; createdBy: string | null; params: Record<string, unknown> };
  /** Reports progress (0–100) and a short message; cheap to call often (writes are throttled). */
  progress: (percent: number, message?: string) => Promise<void>;
}

export type TaskHandler = (ctx: TaskContext) => Promise<Record<string, unknown>>;

/** Records a task the user can follow, then queues the job that performs it. */
export async function enqueueTask(
  db: Db,
  input: { orgId: string; kind: QueueName; params?: Record<string, unknown>; createdBy: string | null },
) {
  const task = await db
    .insertInto("background_tasks")
    .values({ org_id: input.orgId, kind: input.kind, params: JSON.stringify(input.params ?? {}), created_by: input.createdBy })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  const queue = await getQueue();
  await queue.send(input.kind, { taskId: task.id });
  return task;
}

export async function getTask(db: Db, orgId: string, taskId: string) {
  if (!isUuid(taskId)) return undefined;
  return db.selectFrom("background_tasks").selectAll().where("org_id", "=", orgId).where("id", "=", taskId).executeTakeFirst();
}

const PROGRESS_WRITE_INTERVAL_MS = 400;

/** Runs one task's handler, keeping its row up to date; failures are recorded, not thrown. */
export async function runTask(db: Kysely<Database>, taskId: string, handler: TaskHandler) {
  const row = await db
    .updateTable("background_tasks")
    .set({ status: "running", started_at: new Date(), progress: 0, error: null })
    .where("id", "=", taskId)
    .where("status", "in", ["queued", "running"])
    .returning(["id", "org_id", "created_by", "params"])
    .executeTakeFirst();
  if (!row) return;
  let lastWrite = 0;
  const progress = async (percent: number, message?: string) => {
    const now = Date.now();
    if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS && percent < 100) return;
    lastWrite = now;
    await db
      .updateTable("background_tasks")
      .set({ progress: Math.max(0, Math.min(100, Math.round(percent))), message: message ?? null })
      .where("id", "=", taskId)
      .execute();
  };
  try {
    const result = await handler({
      db,
      task: { id: row.id, orgId: row.org_id, createdBy: row.created_by, params: row.params },
      progress,
    });
    await db
      .updateTable("background_tasks")
      .set({ status: "succeeded", progress: 100, result: JSON.stringify(result), finished_at: new Date() })
      .where("id", "=", taskId)
      .execute();
  } catch (error) {
    console.error(`[jobs] task ${taskId} failed`, error);
    await db
      .updateTable("background_tasks")
      .set({ status: "failed", error: error instanceof Error ? error.message : String(error), finished_at: new Date() })
      .where("id", "=", taskId)
      .execute();
  }
}
