import { createHash, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { AssessmentStatus } from "../../db/schema";
import { normalizeName } from "../domain/names";
import type { AnswerValue, Question, QuestionConfig, SupplierUpdates } from "../domain/questionnaire/answers";
import type { Db } from "./types";
import { isUuid } from "../utils/misc";

/** Statuses in which the vendor may still change answers. */
export const EDITABLE_STATUSES: readonly AssessmentStatus[] = ["sent", "in_progress", "changes_requested", "draft"];

export async function getAssessment(db: Db, orgId: string, assessmentId: string) {
  if (!isUuid(assessmentId)) return undefined;
  return db
    .selectFrom("assessments as a")
    .innerJoin("suppliers as s", "s.id", "a.supplier_id")
    .innerJoin("template_versions as v", "v.id", "a.template_version_id")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select([
      "a.id",
      "a.status",
      "a.due_date",
      "a.score",
      "a.submitted_at",
      "a.reviewed_at",
      "a.snapshot_sha256",
      "a.template_version_id",
      "a.supplier_id",
      "s.name as supplier_name",
      "t.name as template_name",
      "v.version",
    ])
    .where("a.org_id", "=", orgId)
    .where("a.id", "=", assessmentId)
    .executeTakeFirst();
}

export async function loadQuestions(db: Db, orgId: string, templateVersionId: string): Promise<Question[]> {
  const rows = await db
    .selectFrom("questions")
    .select(["id", "key", "section_key", "section_title", "text", "help", "type", "required", "weight", "maps_to", "config"])
    .where("org_id", "=", orgId)
    .where("template_version_id", "=", templateVersionId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    sectionKey: r.section_key,
    sectionTitle: r.section_title,
    text: r.text,
    help: r.help,
    type: r.type,
    required: r.required,
    weight: r.weight,
    mapsTo: (r.maps_to as Question["mapsTo"]) ?? null,
    config: r.config as QuestionConfig,
  }));
}

export interface StoredAnswer {
  questionId: string;
  value: AnswerValue;
  revision: number;
  updatedAt: Date;
}

export async function loadAnswers(db: Db, assessmentId: string): Promise<Map<string, StoredAnswer>> {
  const rows = await db
    .selectFrom("answers")
    .select(["question_id", "value", "revision", "updated_at"])
    .where("assessment_id", "=", assessmentId)
    .execute();
  return new Map(rows.map((r) => [r.question_id, { questionId: r.question_id, value: r.value as AnswerValue, revision: r.revision, updatedAt: r.updated_at }]));
}

export interface AnswerChange {
  questionId: string;
  value: AnswerValue;
  /** The revision the editor started from (0 = no answer yet). */
  baseRevision: number;
}

// Canonical, because stored answers come back from jsonb with their object keys reordered (table rows).
const sameValue = (a: AnswerValue | undefined, b: AnswerValue | undefined) => canonical(a ?? null) === canonical(b ?? null);

/**
 * Saves answers question by question with optimistic concurrency: an answer changed by someone
 * else since `baseRevision` is not overwritten but reported as a conflict (unless both wrote the
 * same value). Unchanged answers are skipped, so two tabs editing different questions merge.
 */
export async function saveAnswers(db: Db, orgId: string, assessmentId: string, userId: string, changes: readonly AnswerChange[]) {
  const current = await loadAnswers(db, assessmentId);
  const saved: string[] = [];
  const conflicts: { questionId: string; theirs: AnswerValue; yours: AnswerValue }[] = [];
  for (const change of changes) {
    const existing = current.get(change.questionId);
    if (sameValue(existing?.value, change.value)) continue;
    if ((existing?.revision ?? 0) !== change.baseRevision) {
      conflicts.push({ questionId: change.questionId, theirs: existing?.value ?? null, yours: change.value });
      continue;
    }
    const value = JSON.stringify(change.value);
    if (existing) {
      const result = await db
        .updateTable("answers")
        .set({ value, revision: sql`revision + 1`, updated_by: userId, updated_at: new Date() })
        .where("assessment_id", "=", assessmentId)
        .where("question_id", "=", change.questionId)
        .where("revision", "=", change.baseRevision)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) saved.push(change.questionId);
      else conflicts.push({ questionId: change.questionId, theirs: existing.value, yours: change.value });
    } else {
      const inserted = await db
        .insertInto("answers")
        .values({ org_id: orgId, assessment_id: assessmentId, question_id: change.questionId, value, updated_by: userId })
        .onConflict((oc) => oc.columns(["assessment_id", "question_id"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) saved.push(change.questionId);
      else conflicts.push({ questionId: change.questionId, theirs: null, yours: change.value });
    }
  }
  if (saved.length) {
    await db.updateTable("assessments").set({ status: "in_progress", updated_at: new Date() }).where("id", "=", assessmentId).where("status", "in", ["sent", "draft"]).execute();
  }
  return { saved, conflicts };
}

/** Canonical JSON (sorted keys) so the same answers always hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Freezes the answers as an immutable submission (append-only table) and marks the assessment submitted. */
export async function submitAssessment(db: Db, orgId: string, assessmentId: string, userId: string, questions: readonly Question[]) {
  const answers = await loadAnswers(db, assessmentId);
  const byKey: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const answer = answers.get(q.id);
    if (answer) byKey[q.key] = answer.value;
  }
  const snapshot = { assessmentId, submittedAt: new Date().toISOString(), answers: byKey };
  const text = canonical(snapshot);
  const sha256 = createHash("sha256").update(text).digest("hex");
  await db.insertInto("assessment_submissions").values({ org_id: orgId, assessment_id: assessmentId, snapshot: text, sha256, submitted_by: userId }).execute();
  const updated = await db
    .updateTable("assessments")
    .set({ status: "submitted", submitted_at: new Date(), snapshot: text, snapshot_sha256: sha256, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", assessmentId)
    .where("status", "in", EDITABLE_STATUSES)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error("This questionnaire can no longer be submitted.");
  return { sha256 };
}

export async function listComments(db: Db, orgId: string, assessmentId: string) {
  return db
    .selectFrom("answer_comments as c")
    .leftJoin("users as u", "u.id", "c.author_user_id")
    .select(["c.id", "c.question_id", "c.body", "c.created_at", "u.name as author_name"])
    .where("c.org_id", "=", orgId)
    .where("c.assessment_id", "=", assessmentId)
    .orderBy("c.created_at")
    .execute();
}

/** Documents uploaded for this questionnaire's file questions (through the evidence page's question link). */
export async function listQuestionEvidence(db: Db, orgId: string, assessmentId: string) {
  return db
    .selectFrom("evidence_questions as eq")
    .innerJoin("evidence as e", "e.id", "eq.evidence_id")
    .select(["e.id", "eq.question_id", "e.title", "e.file_name", "e.status"])
    .where("eq.org_id", "=", orgId)
    .where("e.org_id", "=", orgId)
    .where("eq.assessment_id", "=", assessmentId)
    .orderBy("e.created_at")
    .execute();
}

/** A file question of one of the supplier's questionnaires, for the evidence page's "upload for this question" link. */
export async function findFileQuestion(db: Db, orgId: string, supplierId: string, assessmentId: string | null, questionId: string | null) {
  if (!assessmentId || !questionId || !isUuid(assessmentId) || !isUuid(questionId)) return undefined;
  return db
    .selectFrom("assessments as a")
    .innerJoin("questions as q", "q.template_version_id", "a.template_version_id")
    .select(["a.id as assessmentId", "q.id as questionId", "q.key", "q.text"])
    .where("a.org_id", "=", orgId)
    .where("a.supplier_id", "=", supplierId)
    .where("a.id", "=", assessmentId)
    .where("q.id", "=", questionId)
    .where("q.type", "=", "file")
    .executeTakeFirst();
}

export async function setReviewOutcome(db: Db, orgId: string, assessmentId: string, status: "changes_requested" | "approved" | "rejected", score: number | null) {
  const result = await db
    .updateTable("assessments")
    .set({ status, score, reviewed_at: new Date(), updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", assessmentId)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Finds a supplier of the organisation by normalised name (and country when given), or creates a sub-supplier. */
async function findOrCreateSupplier(db: Db, orgId: string, name: string, country: string | null) {
  const normalized = normalizeName(name);
  const existing = await db
    .selectFrom("suppliers")
    .select("id")
    .where("org_id", "=", orgId)
    .where("normalized_name", "=", normalized)
    .$if(Boolean(country), (qb) => qb.where("country", "=", country!))
    .orderBy("created_at")
    .executeTakeFirst();
  if (existing) return existing.id;
  const created = await db
    .insertInto("suppliers")
    .values({ org_id: orgId, external_id: `DECL-${randomUUID().slice(0, 8).toUpperCase()}`, name, normalized_name: normalized, country, is_vendor: false })
    .returning("id")
    .executeTakeFirstOrThrow();
  return created.id;
}

/** Applies an approved questionnaire to the supplier: declared figures, declared sub-suppliers and alternates. */
export async function applySupplierUpdates(db: Db, orgId: string, supplierId: string, updates: SupplierUpdates) {
  const before = await db
    .selectFrom("suppliers")
    .select(["declared_rto_min", "declared_rpo_min"])
    .where("org_id", "=", orgId)
    .where("id", "=", supplierId)
    .executeTakeFirstOrThrow();
  if (updates.declaredRtoMin !== undefined || updates.declaredRpoMin !== undefined) {
    await db
      .updateTable("suppliers")
      .set({
        ...(updates.declaredRtoMin !== undefined ? { declared_rto_min: updates.declaredRtoMin } : {}),
        ...(updates.declaredRpoMin !== undefined ? { declared_rpo_min: updates.declaredRpoMin } : {}),
        updated_at: new Date(),
      })
      .where("org_id", "=", orgId)
      .where("id", "=", supplierId)
      .execute();
  }
  const subIds = new Map<string, string>();
  for (const sub of updates.subSuppliers) {
    const id = await findOrCreateSupplier(db, orgId, sub.name, sub.country);
    subIds.set(sub.normalizedName, id);
    if (id === supplierId) continue;
    await db
      .insertInto("dependencies")
      .values({ org_id: orgId, supplier_id: supplierId, depends_on_id: id, supplies: sub.supplies, single_source: sub.singleSource, buffer_min: sub.bufferMin, declared_by: "vendor" })
      .onConflict((oc) =>
        oc.columns(["org_id", "supplier_id", "depends_on_id"]).doUpdateSet({ supplies: sub.supplies, single_source: sub.singleSource, buffer_min: sub.bufferMin, updated_at: new Date() }),
      )
      .execute();
  }
  for (const alternate of updates.alternates) {
    const replacesId = subIds.get(normalizeName(alternate.replacesName)) ?? (await findOrCreateSupplier(db, orgId, alternate.replacesName, null));
    const alternateId = await findOrCreateSupplier(db, orgId, alternate.alternateName, alternate.country);
    if (replacesId === alternateId) continue;
    const values = {
      status: alternate.qualified ? ("qualified" as const) : ("identified" as const),
      switchover_min: alternate.switchoverMin,
      capacity_pct: alternate.capacityPct,
      updated_at: new Date(),
    };
    const existing = await db
      .selectFrom("alternates")
      .select("id")
      .where("org_id", "=", orgId)
      .where("replaces_id", "=", replacesId)
      .where("alternate_id", "=", alternateId)
      .where("for_supplier_id", "=", supplierId)
      .executeTakeFirst();
    if (existing) await db.updateTable("alternates").set(values).where("id", "=", existing.id).execute();
    else
      await db
        .insertInto("alternates")
        .values({ org_id: orgId, replaces_id: replacesId, alternate_id: alternateId, for_supplier_id: supplierId, declared_by: "vendor", ...values })
        .execute();
  }
  return { before, after: { declared_rto_min: updates.declaredRtoMin, declared_rpo_min: updates.declaredRpoMin }, subSuppliers: updates.subSuppliers.length, alternates: updates.alternates.length };
}

export async function listAssessments(db: Db, orgId: string, filters: { status?: AssessmentStatus; overdue?: boolean; supplierId?: string }) {
  let q = db
    .selectFrom("assessments as a")
    .innerJoin("suppliers as s", "s.id", "a.supplier_id")
    .innerJoin("template_versions as v", "v.id", "a.template_version_id")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select(["a.id", "a.status", "a.due_date", "a.score", "a.submitted_at", "s.id as supplier_id", "s.name as supplier_name", "t.name as template_name", "v.version"])
    .where("a.org_id", "=", orgId);
  if (filters.status) q = q.where("a.status", "=", filters.status);
  if (filters.supplierId) q = q.where("a.supplier_id", "=", filters.supplierId);
  if (filters.overdue) q = q.where("a.due_date", "<", sql<Date>`current_date`).where("a.status", "not in", ["submitted", "approved", "rejected"]);
  return q.orderBy(sql`case a.status when 'submitted' then 0 else 1 end`).orderBy("a.due_date").limit(500).execute();
}

export async function listPublishedVersions(db: Db, orgId: string) {
  return db
    .selectFrom("template_versions as v")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select(["v.id", "v.version", "t.name"])
    .where("v.org_id", "=", orgId)
    .where("v.status", "=", "published")
    .orderBy("t.name")
    .orderBy("v.version", "desc")
    .execute();
}

/**
 * Sends a questionnaire version to suppliers; skips those with an open one for the same version;
 * pre-fills each new one with the supplier's last approved answers (carry forward) to confirm.
 */
export async function sendAssessments(db: Db, orgId: string, versionId: string, supplierIds: readonly string[], dueDate: string) {
  const open = await db
    .selectFrom("assessments")
    .select("supplier_id")
    .where("org_id", "=", orgId)
    .where("template_version_id", "=", versionId)
    .where("supplier_id", "in", supplierIds.length ? supplierIds : ["00000000-0000-0000-0000-000000000000"])
    .where("status", "not in", ["approved", "rejected"])
    .execute();
  const skip = new Set(open.map((o) => o.supplier_id));
  const targets = supplierIds.filter((id) => !skip.has(id));
  if (targets.length === 0) return { sent: 0, skipped: skip.size, created: [] };
  const created = await db
    .insertInto("assessments")
    .values(targets.map((supplierId) => ({ org_id: orgId, supplier_id: supplierId, template_version_id: versionId, status: "sent" as const, due_date: dueDate, sent_at: new Date() })))
    .returning(["id", "supplier_id"])
    .execute();
  // Carry forward: copy answers (matched by question key) from each supplier's latest approved assessment.
  await sql`
    insert into answers (org_id, assessment_id, question_id, value, revision)
    select ${orgId}, new_a.id, new_q.id, old_ans.value, 1
    from assessments new_a
    join lateral (
      select prev.id from assessments prev
      where prev.org_id = ${orgId} and prev.supplier_id = new_a.supplier_id and prev.status = 'approved'
      order by prev.reviewed_at desc nulls last limit 1
    ) last_approved on true
    join answers old_ans on old_ans.assessment_id = last_approved.id
    join questions old_q on old_q.id = old_ans.question_id
    join questions new_q on new_q.template_version_id = new_a.template_version_id and new_q.key = old_q.key
    where new_a.id = any(${created.map((c) => c.id)}::uuid[])
    on conflict (assessment_id, question_id) do nothing`.execute(db);
  return { sent: created.length, skipped: skip.size, created: created.map((c) => ({ assessmentId: c.id, supplierId: c.supplier_id })) };
}
