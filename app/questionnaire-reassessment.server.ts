import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { recordAudit } from "./audit.server";
import { sendAssessments } from "./data/assessments.server";
import type { Db } from "./data/types";
import {
  CRITICALITIES,
  DEFAULT_RESPONSE_DAYS,
  SUGGESTED_INTERVAL_MONTHS,
  dayOf,
  planReassessments,
  type Criticality,
  type DueReassessment,
  type PolicyForm,
  type ReassessmentPolicy,
  type SupplierAssessmentHistory,
} from "./domain/questionnaire/reassessment";
import { enqueueTask, type TaskHandler } from "./jobs/tasks.server";
import { emailQuestionnaireNotices, noteQuestionnairesSent, type QuestionnaireNotice } from "./questionnaire-notices.server";

/*
 * Reassessment schedules: the stored policies, the vendors' assessment history the pure planner in
 * app/domain/questionnaire/reassessment.ts needs, and sending what is due through the same
 * sendAssessments as /questionnaires/send (so the last approved answers are carried forward).
 * The schedule page's button and the daily job both call sendDueReassessments.
 */

const OPEN_STATUSES = ["draft", "sent", "in_progress", "submitted", "changes_requested"] as const;

export interface StoredPolicy extends ReassessmentPolicy {
  /** false: nothing saved yet for this criticality (the suggested values are shown, switched off). */
  saved: boolean;
}

/** The organisation's policy for every criticality (suggestions where none is saved). */
export async function loadReassessmentPolicies(db: Db, orgId: string): Promise<StoredPolicy[]> {
  const rows = await db
    .selectFrom("reassessment_policies")
    .select(["criticality", "enabled", "interval_months", "template_id", "response_days"])
    .where("org_id", "=", orgId)
    .execute();
  return CRITICALITIES.map((criticality) => {
    const row = rows.find((r) => r.criticality === criticality);
    return row
      ? { criticality, saved: true, enabled: row.enabled, intervalMonths: row.interval_months, templateId: row.template_id, responseDays: row.response_days }
      : { criticality, saved: false, enabled: false, intervalMonths: SUGGESTED_INTERVAL_MONTHS[criticality], templateId: null, responseDays: DEFAULT_RESPONSE_DAYS };
  });
}

/** Templates with a published version (what a policy may send), with that latest published version. */
export async function listSchedulableTemplates(db: Db, orgId: string) {
  return db
    .selectFrom("questionnaire_templates as t")
    .innerJoin(
      (eb) =>
        eb
          .selectFrom("template_versions")
          .select(["template_id", sql<number>`max(version)`.as("version")])
          .where("org_id", "=", orgId)
          .where("status", "=", "published")
          .groupBy("template_id")
          .as("v"),
      (j) => j.onRef("v.template_id", "=", "t.id"),
    )
    .select(["t.id", "t.name", "v.version"])
    .where("t.org_id", "=", orgId)
    .orderBy("t.name")
    .execute();
}

/**
 * Saves the four policies. Template ids must be one of the organisation's templates with a published
 * version (another organisation's id is simply unknown). Returns field errors keyed `<criticality>.templateId`.
 */
export async function saveReassessmentPolicies(
  db: Db,
  input: { orgId: string; userId: string; ip: string | null; policies: Record<Criticality, PolicyForm> },
): Promise<{ ok: true } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const { orgId, userId, ip, policies } = input;
  const templates = new Set((await listSchedulableTemplates(db, orgId)).map((t) => t.id));
  const fieldErrors: Record<string, string[]> = {};
  for (const c of CRITICALITIES) {
    const templateId = policies[c].templateId;
    if (templateId && !templates.has(templateId)) fieldErrors[`${c}.templateId`] = ["Choose one of your published questionnaires"];
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const before = await loadReassessmentPolicies(db, orgId);
  for (const c of CRITICALITIES) {
    const p = policies[c];
    const values = {
      enabled: p.enabled,
      interval_months: p.intervalMonths ?? null,
      template_id: p.templateId ?? null,
      response_days: p.responseDays,
      updated_by: userId,
      updated_at: new Date(),
    };
    await db
      .insertInto("reassessment_policies")
      .values({ org_id: orgId, criticality: c, ...values })
      .onConflict((oc) => oc.columns(["org_id", "criticality"]).doUpdateSet(values))
      .execute();
  }
  const after = await loadReassessmentPolicies(db, orgId);
  const strip = (list: StoredPolicy[]) => Object.fromEntries(list.map(({ criticality, enabled, intervalMonths, templateId, responseDays }) => [criticality, { enabled, intervalMonths, templateId, responseDays }]));
  await recordAudit(db, { orgId, actorUserId: userId, action: "reassessment_policy.updated", summary: { before: strip(before), after: strip(after) }, ip });
  return { ok: true };
}

/** Each vendor's criticality and assessment history, as the planner needs it. */
export async function loadSupplierHistories(db: Db, orgId: string): Promise<SupplierAssessmentHistory[]> {
  const result = await sql<{
    id: string;
    criticality: Criticality;
    is_vendor: boolean;
    status: "active" | "archived";
    last_approved_at: Date | string | null;
    last_sent_at: Date | string | null;
    has_open: boolean;
  }>`
    select s.id, s.criticality, s.is_vendor, s.status,
      max(coalesce(a.reviewed_at, a.submitted_at, a.sent_at, a.created_at)) filter (where a.status = 'approved') as last_approved_at,
      max(a.sent_at) as last_sent_at,
      coalesce(bool_or(a.status in (${sql.join(OPEN_STATUSES)})), false) as has_open
    from suppliers s
    left join assessments a on a.org_id = s.org_id and a.supplier_id = s.id
    where s.org_id = ${orgId} and s.is_vendor
    group by s.id, s.criticality, s.is_vendor, s.status`.execute(db);
  const day = (v: Date | string | null) => (v === null ? null : dayOf(new Date(v)));
  return result.rows.map((r) => ({
    supplierId: r.id,
    criticality: r.criticality,
    isVendor: r.is_vendor,
    archived: r.status === "archived",
    lastApprovedOn: day(r.last_approved_at),
    lastSentOn: day(r.last_sent_at),
    hasOpenAssessment: r.has_open,
  }));
}

/** Per criticality: active vendors, due now, due within 30 days, waiting on an open questionnaire. */
export async function reassessmentOverview(db: Db, orgId: string, asOf = new Date()) {
  const policies = await loadReassessmentPolicies(db, orgId);
  const { due, summary } = planReassessments(policies, await loadSupplierHistories(db, orgId), dayOf(asOf));
  return { policies, summary, dueTotal: due.length };
}

export interface ReassessmentRunResult extends Record<string, unknown> {
  sent: number;
  /** Due, but the policy's template has no published version any more. */
  skipped: number;
  byCriticality: Record<Criticality, number>;
}

/**
 * Sends every due reassessment of one organisation now. Idempotent: it holds a per-organisation
 * advisory lock for the whole run, and a vendor sent one has an open questionnaire, so a second run
 * (a double click, another app instance, the daily job) finds nothing due. Each questionnaire sent is
 * audited as `assessment.reassessment_sent`, and the vendor gets a notification (and e-mail).
 */
export async function sendDueReassessments(
  db: Kysely<Database>,
  orgId: string,
  options: { asOf?: Date; actorUserId: string | null; ip?: string | null; trigger: "manual" | "schedule" },
): Promise<ReassessmentRunResult> {
  const today = dayOf(options.asOf ?? new Date());
  const { result, notices } = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('reassessment'), hashtext(${orgId}))`.execute(trx);
    const policies = await loadReassessmentPolicies(trx, orgId);
    const { due } = planReassessments(policies, await loadSupplierHistories(trx, orgId), today);
    const byCriticality = Object.fromEntries(CRITICALITIES.map((c) => [c, 0])) as Record<Criticality, number>;
    const runResult: ReassessmentRunResult = { sent: 0, skipped: 0, byCriticality };
    const created: { assessmentId: string; supplierId: string; templateName: string; answerBy: string }[] = [];
    const notices: QuestionnaireNotice[] = [];
    if (due.length === 0) return { result: runResult, notices };

    const latest = await trx
      .selectFrom("template_versions as v")
      .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
      .select(["v.id", "v.template_id", "v.version", "t.name"])
      .where("v.org_id", "=", orgId)
      .where("v.status", "=", "published")
      .where("v.template_id", "in", [...new Set(due.map((d) => d.templateId))])
      .orderBy("v.template_id")
      .orderBy("v.version", "desc")
      .execute();
    const versionOf = new Map<string, (typeof latest)[number]>();
    for (const v of latest) if (!versionOf.has(v.template_id)) versionOf.set(v.template_id, v);

    // One sendAssessments call per (version, due date): the same path as sending by hand.
    const groups = new Map<string, { versionId: string; answerBy: string; items: DueReassessment[] }>();
    for (const item of due) {
      const version = versionOf.get(item.templateId);
      if (!version) {
        runResult.skipped++;
        continue;
      }
      const key = `${version.id}|${item.answerBy}`;
      const group = groups.get(key) ?? { versionId: version.id, answerBy: item.answerBy, items: [] };
      group.items.push(item);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const supplierIds = group.items.map((i) => i.supplierId);
      await sendAssessments(trx, orgId, group.versionId, supplierIds, group.answerBy);
      // The planner excluded vendors with any open questionnaire, so each open one now is the new one.
      const rows = await trx
        .selectFrom("assessments")
        .select(["id", "supplier_id"])
        .where("org_id", "=", orgId)
        .where("template_version_id", "=", group.versionId)
        .where("supplier_id", "in", supplierIds)
        .where("status", "=", "sent")
        .execute();
      const version = [...versionOf.values()].find((v) => v.id === group.versionId)!;
      for (const row of rows) {
        const item = group.items.find((i) => i.supplierId === row.supplier_id)!;
        runResult.sent++;
        runResult.byCriticality[item.criticality]++;
        await recordAudit(trx, {
          orgId,
          actorUserId: options.actorUserId,
          action: "assessment.reassessment_sent",
          entityType: "assessment",
          entityId: row.id,
          summary: {
            trigger: options.trigger,
            supplierId: row.supplier_id,
            criticality: item.criticality,
            templateVersionId: version.id,
            version: version.version,
            dueDate: group.answerBy,
            basis: item.basis,
            fellDueOn: item.dueOn,
          },
          ip: options.ip ?? null,
        });
        created.push({ assessmentId: row.id, supplierId: row.supplier_id, templateName: version.name, answerBy: group.answerBy });
      }
    }
    // In-app notice for the vendor users; the e-mails go out after the commit.
    notices.push(
      ...(await noteQuestionnairesSent(
        trx,
        orgId,
        created,
        "It is time for your periodic continuity review. Your last approved answers are filled in: check, update and submit.",
      )),
    );
    return { result: runResult, notices };
  });

  await emailQuestionnaireNotices(db, orgId, notices);
  return result;
}

/** The queued job (kind "reassessment") started once a day per organisation by the schedule below. */
export const reassessmentTask: TaskHandler = async ({ db, task, progress }) => {
  await progress(0, "Sending due reassessments");
  return sendDueReassessments(db, task.orgId, { actorUserId: task.createdBy, trigger: "schedule" });
};

/**
 * Queues today's reassessment job for every organisation with a schedule switched on, once per
 * organisation and day however many instances call it (the first to claim the day's row wins).
 * Returns the task ids queued by this call.
 */
export async function queueDailyReassessments(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  const today = dayOf(now);
  const orgs = await db.selectFrom("reassessment_policies").select("org_id").distinct().where("enabled", "=", true).execute();
  const queued: string[] = [];
  for (const { org_id } of orgs) {
    const claimed = await db
      .insertInto("reassessment_runs")
      .values({ org_id, run_on: today })
      .onConflict((oc) => oc.columns(["org_id", "run_on"]).doNothing())
      .returning("org_id")
      .executeTakeFirst();
    if (!claimed) continue;
    const task = await enqueueTask(db, { orgId: org_id, kind: "reassessment", params: { runOn: today }, createdBy: null });
    await db.updateTable("reassessment_runs").set({ task_id: task.id }).where("org_id", "=", org_id).where("run_on", "=", sql<Date>`cast(${today} as date)`).execute();
    queued.push(task.id);
  }
  return queued;
}

/** The last scheduled run of an organisation (for the schedule page). */
export async function lastScheduledRun(db: Db, orgId: string) {
  return db
    .selectFrom("reassessment_runs as r")
    .leftJoin("background_tasks as t", "t.id", "r.task_id")
    // As text: the pg driver would read a date as local midnight.
    .select([sql<string>`to_char(r.run_on, 'YYYY-MM-DD')`.as("run_on"), "r.task_id", "t.status", "t.result"])
    .where("r.org_id", "=", orgId)
    .orderBy("r.run_on", "desc")
    .limit(1)
    .executeTakeFirst();
}

const STATE_KEY = Symbol.for("resilience-portal.reassessment-schedule");
const holder = globalThis as typeof globalThis & { [STATE_KEY]?: { timer: NodeJS.Timeout } };

/**
 * Checks hourly (and at start-up) whether today's run has been queued; the day's claim row makes it
 * once a day across all instances, and checking hourly means a restart or a new day is not missed.
 */
export function ensureReassessmentSchedule(db: Kysely<Database>): void {
  if (holder[STATE_KEY]) return;
  const run = () =>
    queueDailyReassessments(db).then(
      (queued) => {
        if (queued.length) console.log(`[reassessment] queued today's run for ${queued.length} organisation(s)`);
      },
      (error: unknown) => console.error("[reassessment] scheduling failed:", error),
    );
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  holder[STATE_KEY] = { timer };
  void run();
}
