import { exportTask } from "../reports/export.server";
import { importTaskHandler } from "../portfolio-import.server";
import { reassessmentTask } from "../questionnaire-reassessment.server";
import { recomputeOrganisation } from "../resilience.server";
import type { QueueName } from "./queue.server";
import type { TaskHandler } from "./tasks.server";

/** What each queue does. Workers are started with this map by server/index.ts. */
export const TASK_HANDLERS: Partial<Record<QueueName, TaskHandler>> = {
  recompute: ({ db, task, progress }) => recomputeOrganisation(db, task.orgId, progress),
  export: exportTask,
  import: importTaskHandler,
  reassessment: reassessmentTask,
};
