import { clientIp, recordAudit } from "./audit.server";
import type { OrgUser } from "./auth.server";
import {
  EDITABLE_STATUSES,
  applySupplierUpdates,
  getAssessment,
  loadAnswers,
  loadQuestions,
  saveAnswers,
  setReviewOutcome,
  submitAssessment,
  type AnswerChange,
} from "./data/assessments.server";
import { db } from "./db.server";
import {
  missingRequired,
  parseAnswer,
  scoreAnswers,
  supplierUpdatesFromAnswers,
  visibleQuestions,
  type AnswerValue,
  type Question,
} from "./domain/questionnaire/answers";
import { requestRecompute } from "./resilience.server";

/** Loads an assessment the user may see: vendors only their own company's; others any in the organisation. */
export async function requireAssessment(current: OrgUser, assessmentId: string | undefined) {
  const assessment = await getAssessment(db, current.membership.orgId, assessmentId ?? "");
  const visible = assessment && (current.membership.role !== "vendor" || assessment.supplier_id === current.membership.supplierId);
  if (!assessment || !visible) throw new Response("Not found", { status: 404 });
  return assessment;
}

export function answersByKey(questions: readonly Question[], stored: Awaited<ReturnType<typeof loadAnswers>>) {
  const byKey = new Map<string, AnswerValue>();
  for (const q of questions) {
    const answer = stored.get(q.id);
    if (answer) byKey.set(q.key, answer.value);
  }
  return byKey;
}

export type SaveOutcome = {
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
  conflicts: { key: string; text: string; theirs: AnswerValue; yours: AnswerValue }[];
  missing: { key: string; text: string }[];
};

/**
 * Reads the posted answers (only the questions present in the form), validates each, and saves
 * the changed ones with per-question conflict detection. Nothing invalid is saved; valid answers
 * in the same post still are, so nothing typed is lost to one bad field.
 */
export async function saveFromForm(current: OrgUser, assessmentId: string, questions: readonly Question[], form: FormData) {
  const present = new Set(form.getAll("present").map(String));
  const stored = await loadAnswers(db, assessmentId);
  const merged = answersByKey(questions, stored);
  const fieldErrors: Record<string, string> = {};
  const changes: AnswerChange[] = [];
  for (const question of questions) {
    if (!present.has(question.key)) continue;
    const parsed = parseAnswer(question, form);
    if ("error" in parsed) {
      fieldErrors[question.key] = parsed.error;
      continue;
    }
    merged.set(question.key, parsed.value);
    changes.push({ questionId: question.id, value: parsed.value, baseRevision: Number(form.get(`rev.${question.key}`) ?? 0) });
  }
  // Answers to questions hidden by the new answers are kept (they reappear if the condition does).
  const { conflicts } = await saveAnswers(db, current.membership.orgId, assessmentId, current.user.id, changes);
  const byId = new Map(questions.map((q) => [q.id, q]));
  return {
    fieldErrors,
    answers: merged,
    conflicts: conflicts.map((c) => ({ key: byId.get(c.questionId)!.key, text: byId.get(c.questionId)!.text, theirs: c.theirs, yours: c.yours })),
  };
}

export async function handleVendorPost(current: OrgUser, request: Request, assessmentId: string, form: FormData): Promise<SaveOutcome> {
  const assessment = await requireAssessment(current, assessmentId);
  if (!EDITABLE_STATUSES.includes(assessment.status)) {
    throw new Response("This questionnaire has been submitted and can no longer be changed.", { status: 409 });
  }
  const questions = await loadQuestions(db, current.membership.orgId, assessment.template_version_id);
  const { fieldErrors, conflicts, answers } = await saveFromForm(current, assessment.id, questions, form);
  const intent = form.get("intent");
  const base = { fieldErrors, conflicts, missing: [] as SaveOutcome["missing"] };
  if (Object.keys(fieldErrors).length || conflicts.length) {
    return { ...base, ok: false, message: conflicts.length ? "Some answers were changed by someone else meanwhile — check them below." : "Some answers need fixing." };
  }
  if (intent !== "submit") return { ...base, ok: true, message: "Draft saved." };
  const missing = missingRequired(questions, answers).map((q) => ({ key: q.key, text: q.text }));
  if (missing.length) return { ...base, ok: false, missing, message: `${missing.length} required question${missing.length === 1 ? " is" : "s are"} not answered yet.` };
  const { sha256 } = await submitAssessment(db, current.membership.orgId, assessment.id, current.user.id, questions);
  await recordAudit(db, {
    orgId: current.membership.orgId,
    actorUserId: current.user.id,
    action: "assessment.submitted",
    entityType: "assessment",
    entityId: assessment.id,
    summary: { sha256 },
    ip: clientIp(request),
  });
  return { ...base, ok: true, message: "Submitted. Thank you — the procurement team will review your answers." };
}

/** Procurement's review: comment, request changes, approve (updating the supplier) or reject. */
export async function handleReviewPost(current: OrgUser, request: Request, assessmentId: string, form: FormData) {
  const { orgId } = current.membership;
  const assessment = await requireAssessment(current, assessmentId);
  const intent = String(form.get("intent") ?? "");
  const audit = (action: string, summary: Record<string, unknown>) =>
    recordAudit(db, { orgId, actorUserId: current.user.id, action, entityType: "assessment", entityId: assessment.id, summary, ip: clientIp(request) });
  if (intent === "comment") {
    const body = String(form.get("body") ?? "").trim();
    const questionId = String(form.get("questionId") ?? "");
    const questions = await loadQuestions(db, orgId, assessment.template_version_id);
    if (!body || body.length > 4000 || !questions.some((q) => q.id === questionId)) return { ok: false, message: "Write a comment (up to 4,000 characters) on a question." };
    await db.insertInto("answer_comments").values({ org_id: orgId, assessment_id: assessment.id, question_id: questionId, author_user_id: current.user.id, body }).execute();
    await audit("assessment.commented", { questionId });
    return { ok: true, message: "Comment added." };
  }
  if (assessment.status !== "submitted") return { ok: false, message: "Only a submitted questionnaire can be reviewed." };
  if (intent === "request-changes") {
    await setReviewOutcome(db, orgId, assessment.id, "changes_requested", null);
    await audit("assessment.changes_requested", {});
    return { ok: true, message: "Sent back to the vendor with your comments." };
  }
  if (intent === "reject") {
    await setReviewOutcome(db, orgId, assessment.id, "rejected", null);
    await audit("assessment.rejected", {});
    return { ok: true, message: "Questionnaire rejected." };
  }
  if (intent === "approve") {
    const questions = await loadQuestions(db, orgId, assessment.template_version_id);
    const answers = answersByKey(questions, await loadAnswers(db, assessment.id));
    const { score } = scoreAnswers(questions, answers);
    const applied = await db.transaction().execute(async (trx) => {
      const ok = await setReviewOutcome(trx, orgId, assessment.id, "approved", score);
      if (!ok) return null;
      return applySupplierUpdates(trx, orgId, assessment.supplier_id, supplierUpdatesFromAnswers(visibleQuestions(questions, answers), answers));
    });
    if (!applied) return { ok: false, message: "Someone else reviewed this questionnaire meanwhile." };
    await audit("assessment.approved", { score, supplierChanges: applied });
    await recordAudit(db, {
      orgId,
      actorUserId: current.user.id,
      action: "supplier.updated_from_questionnaire",
      entityType: "supplier",
      entityId: assessment.supplier_id,
      summary: applied,
      ip: clientIp(request),
    });
    await requestRecompute(db, orgId, current.user.id);
    return { ok: true, message: `Approved with a score of ${score}. The supplier's declared figures and sub-suppliers were updated.` };
  }
  return { ok: false, message: "Unknown action." };
}
