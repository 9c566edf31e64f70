import type { LoaderFunctionArgs } from "@remix-run/node";
import { answersByKey } from "~/assessments.server";
import { getAssessment, loadAnswers, loadQuestions } from "~/data/assessments.server";
import { apiError } from "~/data/dependencies.server";
import { db } from "~/db.server";
import { visibleQuestions } from "~/domain/questionnaire/answers";
import { requireApiUser } from "~/permissions.server";

/** GET: one questionnaire with its questions and answers. Vendors only their own company's (anything else is a 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const { orgId, role, supplierId } = current.membership;
  const assessment = await getAssessment(db, orgId, params.assessmentId ?? "");
  if (!assessment || (role === "vendor" && assessment.supplier_id !== supplierId)) return apiError(404, "Questionnaire not found.");
  const [questions, stored] = await Promise.all([loadQuestions(db, orgId, assessment.template_version_id), loadAnswers(db, assessment.id)]);
  const answers = answersByKey(questions, stored);
  const visible = new Set(visibleQuestions(questions, answers).map((q) => q.key));
  return Response.json(
    {
      id: assessment.id,
      status: assessment.status,
      dueDate: assessment.due_date instanceof Date ? assessment.due_date.toISOString().slice(0, 10) : assessment.due_date,
      score: assessment.score,
      submittedAt: assessment.submitted_at,
      reviewedAt: assessment.reviewed_at,
      snapshotSha256: assessment.snapshot_sha256,
      supplier: { id: assessment.supplier_id, name: assessment.supplier_name },
      template: { name: assessment.template_name, version: assessment.version, versionId: assessment.template_version_id },
      questions: questions.map((q) => ({
        key: q.key,
        section: { key: q.sectionKey, title: q.sectionTitle },
        text: q.text,
        help: q.help,
        type: q.type,
        required: q.required,
        weight: q.weight,
        mapsTo: q.mapsTo,
        options: q.config.options ?? null,
        columns: q.config.columns ?? null,
        condition: q.config.condition ?? null,
        visible: visible.has(q.key),
        answer: answers.get(q.key) ?? null,
        revision: stored.get(q.id)?.revision ?? 0,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
