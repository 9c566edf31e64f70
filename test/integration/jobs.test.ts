import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueTask, getTask } from "../../app/jobs/tasks.server";
import { startWorkers } from "../../app/jobs/workers.server";
import { createFreshDatabase } from "../support/database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let orgId: string;

beforeAll(async () => {
  database = await createFreshDatabase();
  orgId = (await database.db.insertInto("organisations").values({ slug: "jobs", name: "Jobs" }).returning("id").executeTakeFirstOrThrow()).id;
  await startWorkers(database.db, {
    export: async ({ task, progress }) => {
      await progress(50, "half way");
      return { echoed: task.params.value };
    },
    import: async () => {
      throw new Error("The file has 3 problems");
    },
  });
});
afterAll(async () => {
  await database?.cleanup();
});

async function waitForFinish(taskId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const task = await getTask(database.db, orgId, taskId);
    if (task && (task.status === "succeeded" || task.status === "failed")) return task;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("background tasks on the job queue", () => {
  it("runs a queued task and records its result", async () => {
    const task = await enqueueTask(database.db, { orgId, kind: "export", params: { value: "Łódź 深圳" }, createdBy: null });
    const done = await waitForFinish(task.id);
    expect(done).toMatchObject({ status: "succeeded", progress: 100, result: { echoed: "Łódź 深圳" } });
    expect(done.finished_at).toBeInstanceOf(Date);
  });

  it("records a failing task with its message", async () => {
    const task = await enqueueTask(database.db, { orgId, kind: "import", createdBy: null });
    const done = await waitForFinish(task.id);
    expect(done).toMatchObject({ status: "failed", error: "The file has 3 problems" });
  });

  it("does not show one organisation's task to another", async () => {
    const task = await enqueueTask(database.db, { orgId, kind: "export", params: { value: 1 }, createdBy: null });
    const other = (await database.db.insertInto("organisations").values({ slug: "jobs-other", name: "Other" }).returning("id").executeTakeFirstOrThrow()).id;
    expect(await getTask(database.db, other, task.id)).toBeUndefined();
    await waitForFinish(task.id);
  });
});
