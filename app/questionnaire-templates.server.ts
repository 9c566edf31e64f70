import { sql } from "kysely";
import { recordAudit } from "./audit.server";
import type { Db } from "./data/types";
import type { QuestionConfig } from "./domain/questionnaire/answers";
import type { SupplierFieldMapping, TemplateQuestion } from "./domain/questionnaire/default-template";
import {
  MAX_TEMPLATE_QUESTIONS,
  sectionKeys,
  slugify,
  validateQuestionFields,
  validateTemplateVersion,
  type FieldProblem,
  type QuestionFields,
  type VersionProblem,
} from "./domain/questionnaire/template-question";
import { isUuid } from "./utils/misc";

/*
 * Questionnaire templates built in the portal: a template has numbered versions; a draft version is
 * edited question by question, then published. A published version never changes again (sent
 * assessments point at it), so every change here first locks the version row and refuses unless it
 * is still a draft. Every change is audited in the same transaction.
 */

export interface Actor {
  userId: string;
  ip: string | null;
}
export type Refusal = { ok: false; status: 404 | 409; message: string };
type Invalid = { ok: false; status: 400; message: string; problems: FieldProblem[] };

const NOT_FOUND: Refusal = { ok: false, status: 404, message: "Template version not found." };
const PUBLISHED: Refusal = { ok: false, status: 409, message: "This version is published and can no longer be changed. Create a new draft version to change it." };

async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/** Every version of every template of the organisation, newest version first. */
export async function listTemplateVersions(db: Db, orgId: string) {
  return db
    .selectFrom("template_versions as v")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select((eb) => [
      "v.id",
      "v.version",
      "v.status",
      "v.published_at",
      "t.id as template_id",
      "t.name",
      "t.key",
      eb.selectFrom("questions as q").whereRef("q.template_version_id", "=", "v.id").select(sql<number>`count(*)::int`.as("n")).as("question_count"),
      eb.selectFrom("assessments as a").whereRef("a.template_version_id", "=", "v.id").select(sql<number>`count(*)::int`.as("n")).as("assessment_count"),
      eb
        .selectFrom("template_versions as d")
        .whereRef("d.template_id", "=", "v.template_id")
        .where("d.status", "=", "draft")
        .select("d.id")
        .limit(1)
        .as("draft_id"),
    ])
    .where("v.org_id", "=", orgId)
    .orderBy("t.name")
    .orderBy("v.version", "desc")
    .limit(500)
    .execute();
}

export async function getTemplateVersion(db: Db, orgId: string, versionId: string) {
  if (!isUuid(versionId)) return undefined;
  return db
    .selectFrom("template_versions as v")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select((eb) => [
      "v.id",
      "v.version",
      "v.status",
      "v.published_at",
      "v.created_at",
      "t.id as template_id",
      "t.name",
      "t.key",
      "t.description",
      eb.selectFrom("assessments as a").whereRef("a.template_version_id", "=", "v.id").select(sql<number>`count(*)::int`.as("n")).as("assessment_count"),
      eb
        .selectFrom("template_versions as d")
        .whereRef("d.template_id", "=", "v.template_id")
        .where("d.status", "=", "draft")
        .select(["d.id"])
        .limit(1)
        .as("draft_id"),
    ])
    .where("v.org_id", "=", orgId)
    .where("v.id", "=", versionId)
    .executeTakeFirst();
}

export interface BuilderQuestion {
  id: string;
  position: number;
  sectionKey: string;
  sectionTitle: string;
  question: TemplateQuestion;
}

function toTemplateQuestion(row: {
  key: string;
  text: string;
  help: string | null;
  type: TemplateQuestion["type"];
  required: boolean;
  weight: number;
  maps_to: string | null;
  config: Record<string, unknown>;
}): TemplateQuestion {
  const config = row.config as QuestionConfig;
  const question: TemplateQuestion = { key: row.key, text: row.text, type: row.type, required: row.required, weight: row.weight };
  if (row.help) question.help = row.help;
  if (config.options) question.options = config.options;
  if (config.columns) question.columns = config.columns;
  if (config.condition) question.condition = config.condition;
  if (config.goodAnswer !== undefined) question.goodAnswer = config.goodAnswer;
  if (config.evidenceKind) question.evidenceKind = config.evidenceKind as TemplateQuestion["evidenceKind"];
  if (row.maps_to) question.mapsTo = row.maps_to as SupplierFieldMapping;
  return question;
}

/** The columns a question is stored in (the same split as installTemplate). */
function questionColumns(question: TemplateQuestion) {
  const { key, text, help, type, required, weight, mapsTo, ...config } = question;
  return { key, text, help: help ?? null, type, required, weight, maps_to: mapsTo ?? null, config: JSON.stringify(config) };
}

/** The questions of a version in order. */
export async function listVersionQuestions(db: Db, orgId: string, versionId: string): Promise<BuilderQuestion[]> {
  const rows = await db
    .selectFrom("questions")
    .select(["id", "position", "section_key", "section_title", "key", "text", "help", "type", "required", "weight", "maps_to", "config"])
    .where("org_id", "=", orgId)
    .where("template_version_id", "=", versionId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, position: r.position, sectionKey: r.section_key, sectionTitle: r.section_title, question: toTemplateQuestion(r) }));
}

/** What publishing would refuse: the whole version checked by the import's rules. */
export function versionProblems(questions: readonly BuilderQuestion[]): VersionProblem[] {
  return validateTemplateVersion(questions.map((q) => ({ section: q.sectionTitle, question: q.question })));
}

/** Locks the version row for the rest of the transaction; refuses unless it is this organisation's draft. */
async function lockDraft(trx: Db, orgId: string, versionId: string) {
  if (!isUuid(versionId)) return NOT_FOUND;
  const version = await trx
    .selectFrom("template_versions")
    .select(["id", "template_id", "version", "status"])
    .where("org_id", "=", orgId)
    .where("id", "=", versionId)
    .forUpdate()
    .executeTakeFirst();
  if (!version) return NOT_FOUND;
  if (version.status !== "draft") return PUBLISHED;
  return { ok: true as const, version };
}

/** Rewrites positions 0..n-1 and section keys after a change, touching only the rows that moved. */
async function renumber(trx: Db, orgId: string, versionId: string, ordered: readonly BuilderQuestion[]) {
  const keys = sectionKeys(ordered.map((q) => q.sectionTitle));
  for (const [index, q] of ordered.entries()) {
    if (q.position === index && q.sectionKey === keys[index]) continue;
    await trx
      .updateTable("questions")
      .set({ position: index, section_key: keys[index]! })
      .where("org_id", "=", orgId)
      .where("template_version_id", "=", versionId)
      .where("id", "=", q.id)
      .execute();
  }
}

function uniqueKey(base: string, taken: ReadonlySet<string>) {
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

/** A new, empty template: version 1 as a draft. */
export async function createTemplate(db: Db, orgId: string, actor: Actor, input: { name: string; description: string }) {
  return inTransaction(db, async (trx) => {
    // Serialises concurrent creations in the organisation, so the derived key stays unique.
    await sql`select pg_advisory_xact_lock(hashtext(${`questionnaire_templates:${orgId}`}))`.execute(trx);
    const taken = new Set((await trx.selectFrom("questionnaire_templates").select("key").where("org_id", "=", orgId).execute()).map((t) => t.key));
    const key = uniqueKey(slugify(input.name), taken);
    const template = await trx
      .insertInto("questionnaire_templates")
      .values({ org_id: orgId, key, name: input.name, description: input.description || null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto("template_versions")
      .values({ org_id: orgId, template_id: template.id, version: 1, status: "draft" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: "questionnaire_template.created",
      entityType: "template_version",
      entityId: version.id,
      summary: { name: input.name, key, version: 1 },
      ip: actor.ip,
    });
    return { templateId: template.id, versionId: version.id, key };
  });
}

/** Version N+1 of a published version's template as a draft holding a copy of its questions. One draft per template. */
export async function createDraftVersion(db: Db, orgId: string, actor: Actor, fromVersionId: string): Promise<{ ok: true; versionId: string; version: number } | (Refusal & { draftId?: string })> {
  if (!isUuid(fromVersionId)) return NOT_FOUND;
  return inTransaction(db, async (trx) => {
    const source = await trx.selectFrom("template_versions").select(["id", "template_id", "version", "status"]).where("org_id", "=", orgId).where("id", "=", fromVersionId).executeTakeFirst();
    if (!source) return NOT_FOUND;
    if (source.status !== "published") return { ok: false as const, status: 409 as const, message: "Only a published version can be copied into a new draft." };
    // Locking the template serialises two "new draft" clicks: the second sees the first's draft.
    await trx.selectFrom("questionnaire_templates").select("id").where("org_id", "=", orgId).where("id", "=", source.template_id).forUpdate().executeTakeFirstOrThrow();
    const versions = await trx.selectFrom("template_versions").select(["id", "version", "status"]).where("org_id", "=", orgId).where("template_id", "=", source.template_id).execute();
    const draft = versions.find((v) => v.status === "draft");
    if (draft) return { ok: false as const, status: 409 as const, message: `This template already has a draft (version ${draft.version}); finish or discard it first.`, draftId: draft.id };
    const next = Math.max(...versions.map((v) => v.version)) + 1;
    const created = await trx
      .insertInto("template_versions")
      .values({ org_id: orgId, template_id: source.template_id, version: next, status: "draft" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const copied = await sql<{ n: number }>`
      with inserted as (
        insert into questions (org_id, template_version_id, section_key, section_title, key, position, text, help, type, config, required, weight, maps_to)
        select org_id, ${created.id}::uuid, section_key, section_title, key, position, text, help, type, config, required, weight, maps_to
        from questions where org_id = ${orgId}::uuid and template_version_id = ${source.id}::uuid
        order by position
        returning 1
      ) select count(*)::int as n from inserted`.execute(trx);
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: "questionnaire_template.draft_created",
      entityType: "template_version",
      entityId: created.id,
      summary: { templateId: source.template_id, version: next, copiedFrom: { versionId: source.id, version: source.version }, questions: copied.rows[0]?.n ?? 0 },
      ip: actor.ip,
    });
    return { ok: true as const, versionId: created.id, version: next };
  });
}

/**
 * Adds (questionId null, at the end) or changes a question of a draft, checked by the same rules as
 * an imported row: the key is unique in the version and a condition refers to a question above.
 */
export async function saveDraftQuestion(
  db: Db,
  orgId: string,
  actor: Actor,
  versionId: string,
  questionId: string | null,
  fields: QuestionFields,
): Promise<{ ok: true; questionId: string; key: string } | Refusal | Invalid> {
  return inTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, orgId, versionId);
    if (!locked.ok) return locked;
    const questions = await listVersionQuestions(trx, orgId, versionId);
    const index = questionId === null ? questions.length : questions.findIndex((q) => q.id === questionId);
    if (index < 0) return { ok: false as const, status: 404 as const, message: "Question not found in this version." };
    if (questionId === null && questions.length >= MAX_TEMPLATE_QUESTIONS) {
      return { ok: false as const, status: 400 as const, message: `A template has at most ${MAX_TEMPLATE_QUESTIONS} questions.`, problems: [] };
    }
    const before = questions[index];
    const result = validateQuestionFields(fields, {
      earlier: new Map(questions.slice(0, index).map((q) => [q.question.key, q.question])),
      keyUsedAt: (key) => {
        const other = questions.findIndex((q, i) => i !== index && q.question.key === key);
        return other < 0 ? undefined : `by question ${other + 1}`;
      },
      here: "this question",
    });
    if (result.problems.length) {
      const count = result.problems.length;
      return { ok: false as const, status: 400 as const, message: `${count} problem${count === 1 ? "" : "s"} in the question; nothing was saved.`, problems: result.problems };
    }
    const question = result.question;
    // The builder has no field for the evidence kind of a file question: keep the copied one.
    if (before?.question.evidenceKind && question.type === "file") question.evidenceKind = before.question.evidenceKind;
    const columns = questionColumns(question);
    let id: string;
    if (before) {
      await trx
        .updateTable("questions")
        .set({ ...columns, section_title: result.section })
        .where("org_id", "=", orgId)
        .where("template_version_id", "=", versionId)
        .where("id", "=", before.id)
        .execute();
      id = before.id;
      questions[index] = { ...before, sectionTitle: result.section, question };
    } else {
      const inserted = await trx
        .insertInto("questions")
        .values({ ...columns, org_id: orgId, template_version_id: versionId, section_title: result.section, section_key: slugify(result.section), position: index })
        .returning(["id", "section_key"])
        .executeTakeFirstOrThrow();
      id = inserted.id;
      questions.push({ id, position: index, sectionKey: inserted.section_key, sectionTitle: result.section, question });
    }
    await renumber(trx, orgId, versionId, questions);
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: before ? "questionnaire_template.question_updated" : "questionnaire_template.question_added",
      entityType: "template_version",
      entityId: versionId,
      summary: before ? { questionId: id, key: question.key, before: before.question, after: question } : { questionId: id, key: question.key, question, section: result.section },
      ip: actor.ip,
    });
    return { ok: true as const, questionId: id, key: question.key };
  });
}

export async function deleteDraftQuestion(db: Db, orgId: string, actor: Actor, versionId: string, questionId: string): Promise<{ ok: true; key: string } | Refusal> {
  return inTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, orgId, versionId);
    if (!locked.ok) return locked;
    const questions = await listVersionQuestions(trx, orgId, versionId);
    const target = questions.find((q) => q.id === questionId);
    if (!target) return { ok: false as const, status: 404 as const, message: "Question not found in this version." };
    await trx.deleteFrom("questions").where("org_id", "=", orgId).where("template_version_id", "=", versionId).where("id", "=", target.id).execute();
    await renumber(
      trx,
      orgId,
      versionId,
      questions.filter((q) => q.id !== target.id),
    );
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: "questionnaire_template.question_deleted",
      entityType: "template_version",
      entityId: versionId,
      summary: { questionId: target.id, key: target.question.key, question: target.question, section: target.sectionTitle },
      ip: actor.ip,
    });
    return { ok: true as const, key: target.question.key };
  });
}

/** Swaps a question with its neighbour above or below (nothing happens at either end). */
export async function moveDraftQuestion(db: Db, orgId: string, actor: Actor, versionId: string, questionId: string, direction: "up" | "down"): Promise<{ ok: true; key: string; moved: boolean } | Refusal> {
  return inTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, orgId, versionId);
    if (!locked.ok) return locked;
    const questions = await listVersionQuestions(trx, orgId, versionId);
    const index = questions.findIndex((q) => q.id === questionId);
    if (index < 0) return { ok: false as const, status: 404 as const, message: "Question not found in this version." };
    const other = direction === "up" ? index - 1 : index + 1;
    const key = questions[index]!.question.key;
    if (other < 0 || other >= questions.length) return { ok: true as const, key, moved: false };
    [questions[index], questions[other]] = [questions[other]!, questions[index]!];
    await renumber(trx, orgId, versionId, questions);
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: "questionnaire_template.question_moved",
      entityType: "template_version",
      entityId: versionId,
      summary: { questionId, key, direction, from: index + 1, to: other + 1 },
      ip: actor.ip,
    });
    return { ok: true as const, key, moved: true };
  });
}

/** Publishes a draft when the whole version passes the import's rules; from then on it is read-only. */
export async function publishDraft(
  db: Db,
  orgId: string,
  actor: Actor,
  versionId: string,
): Promise<{ ok: true; version: number; questions: number } | Refusal | { ok: false; status: 400; message: string; problems: VersionProblem[] }> {
  return inTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, orgId, versionId);
    if (!locked.ok) return locked;
    const questions = await listVersionQuestions(trx, orgId, versionId);
    const problems = versionProblems(questions);
    if (problems.length) {
      return { ok: false as const, status: 400 as const, message: `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before publishing.`, problems };
    }
    await trx.updateTable("template_versions").set({ status: "published", published_at: new Date() }).where("org_id", "=", orgId).where("id", "=", versionId).execute();
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: "questionnaire_template.published",
      entityType: "template_version",
      entityId: versionId,
      summary: { templateId: locked.version.template_id, version: locked.version.version, questions: questions.length },
      ip: actor.ip,
    });
    return { ok: true as const, version: locked.version.version, questions: questions.length };
  });
}

/** Throws a draft away (and the template with it when the draft was its only version). */
export async function discardDraft(db: Db, orgId: string, actor: Actor, versionId: string): Promise<{ ok: true; templateDeleted: boolean } | Refusal> {
  return inTransaction(db, async (trx) => {
    const locked = await lockDraft(trx, orgId, versionId);
    if (!locked.ok) return locked;
    const { version } = locked;
    // Drafts are never sent, so no assessment points at this version; questions go with it (cascade).
    await trx.deleteFrom("template_versions").where("org_id", "=", orgId).where("id", "=", version.id).execute();
    const remaining = await trx.selectFrom("template_versions").select("id").where("org_id", "=", orgId).where("template_id", "=", version.template_id).execute();
    if (remaining.length === 0) await trx.deleteFrom("questionnaire_templates").where("org_id", "=", orgId).where("id", "=", version.template_id).execute();
    await recordAudit(trx, {
      orgId,
      actorUserId: actor.userId,
      action: "questionnaire_template.draft_discarded",
      entityType: "template_version",
      entityId: version.id,
      summary: { templateId: version.template_id, version: version.version, templateDeleted: remaining.length === 0 },
      ip: actor.ip,
    });
    return { ok: true as const, templateDeleted: remaining.length === 0 };
  });
}
