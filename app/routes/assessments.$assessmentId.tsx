import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useRef, useState } from "react";
import { answersByKey, handleReviewPost, handleVendorPost, requireAssessment, type SaveOutcome } from "~/assessments.server";
import { requireUser } from "~/auth.server";
import { CsrfInput } from "~/components/csrf-input";
import { QuestionField } from "~/components/question-field";
import { readValidatedForm } from "~/csrf.server";
import { EDITABLE_STATUSES, listComments, listQuestionEvidence, loadAnswers, loadQuestions } from "~/data/assessments.server";
import { db } from "~/db.server";
import { scoreAnswers, visibleQuestions, type AnswerValue, type Question } from "~/domain/questionnaire/answers";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.assessment.template_name ?? "Questionnaire"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const assessment = await requireAssessment(current, params.assessmentId);
  const { orgId, role } = current.membership;
  const [questions, stored, comments, evidence] = await Promise.all([
    loadQuestions(db, orgId, assessment.template_version_id),
    loadAnswers(db, assessment.id),
    listComments(db, orgId, assessment.id),
    listQuestionEvidence(db, orgId, assessment.id),
  ]);
  const answers = answersByKey(questions, stored);
  const isVendor = role === "vendor";
  return {
    assessment,
    questions,
    answers: Object.fromEntries(answers),
    revisions: Object.fromEntries(questions.map((q) => [q.key, stored.get(q.id)?.revision ?? 0])),
    visibleKeys: visibleQuestions(questions, answers).map((q) => q.key),
    comments,
    evidence,
    mode: isVendor ? ("answer" as const) : ("review" as const),
    editable: isVendor && EDITABLE_STATUSES.includes(assessment.status),
    canReview: role === "procurement",
    preview: isVendor ? null : scoreAnswers(questions, answers),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const form = await readValidatedForm(request);
  if (current.membership.role === "vendor") {
    const outcome = await handleVendorPost(current, request, params.assessmentId ?? "", form);
    return data(outcome, { status: outcome.ok ? 200 : outcome.conflicts.length ? 409 : 400 });
  }
  if (current.membership.role !== "procurement") throw new Response("Only procurement reviews questionnaires.", { status: 403 });
  const outcome = await handleReviewPost(current, request, params.assessmentId ?? "", form);
  return data({ ...outcome, fieldErrors: {}, conflicts: [], missing: [] } satisfies SaveOutcome, { status: outcome.ok ? 200 : 400 });
}

/**
 * A refused post (400: answers missing or invalid) still saved the valid answers: reload their
 * revisions, or the vendor's next change would be reported as someone else's conflicting edit.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 400 || defaultShouldRevalidate;

const STATUS_TEXT: Record<string, string> = {
  draft: "Draft",
  sent: "To do",
  in_progress: "In progress",
  submitted: "Submitted — in review",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
};

function show(value: AnswerValue | undefined): string {
  if (value === undefined || value === null || value === "") return "—";
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map((v) => (typeof v === "object" ? Object.values(v ?? {}).filter((x) => x !== null).join(" · ") : String(v))).join("; ");
  return String(value);
}

function sections(questions: readonly Question[]) {
  const out: { key: string; title: string; questions: Question[] }[] = [];
  for (const q of questions) {
    const last = out.at(-1);
    if (last && last.key === q.sectionKey) last.questions.push(q);
    else out.push({ key: q.sectionKey, title: q.sectionTitle, questions: [q] });
  }
  return out;
}

export default function AssessmentPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { assessment, questions, answers, revisions, comments, evidence, mode, editable, canReview, preview } = loaderData;
  const result = useActionData<typeof action>();
  const autosave = useFetcher<typeof action>();
  const [visible, setVisible] = useState(() => new Set(loaderData.visibleKeys));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // With JavaScript: conditional questions appear as you answer, and each change is saved after a pause.
  const onChange = useCallback(
    (event: React.FormEvent<HTMLFormElement>) => {
      const form = event.currentTarget;
      const formData = new FormData(form);
      const current = new Map<string, unknown>();
      for (const q of questions) {
        if (q.type === "yes_no") {
          const v = formData.get(`q.${q.key}`);
          current.set(q.key, v === "yes" ? true : v === "no" ? false : null);
        } else if (q.type === "single_choice") current.set(q.key, formData.get(`q.${q.key}`) ?? null);
      }
      const next = new Set<string>();
      for (const q of questions) {
        const c = q.config.condition;
        if (c && (!next.has(c.questionKey) || current.get(c.questionKey) !== c.equals)) continue;
        next.add(q.key);
      }
      setVisible(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        formData.set("intent", "save");
        autosave.submit(formData, { method: "post" });
      }, 800);
    },
    [questions, autosave],
  );

  const shown = result ?? autosave.data;
  const commentsFor = (questionId: string) => comments.filter((c) => c.question_id === questionId);
  // File questions: the documents uploaded for them on the evidence page (which links them back here).
  const documentsFor = (q: Question) => {
    const docs = q.type === "file" ? evidence.filter((e) => e.question_id === q.id) : [];
    const canUpload = q.type === "file" && mode === "answer" && editable;
    if (!docs.length && !canUpload) return null;
    return (
      <ul aria-label={`Documents for: ${q.text}`}>
        {docs.map((e) => (
          <li key={e.id}>
            <a href={`/evidence/${e.id}/download`} download>
              {e.title}
            </a>{" "}
            <span className="muted">{`(${e.file_name}, ${e.status})`}</span>
          </li>
        ))}
        {canUpload ? (
          <li>
            <Link to={`/suppliers/${assessment.supplier_id}/evidence?${new URLSearchParams({ assessmentId: assessment.id, questionId: q.id })}`}>
              Upload a document for this question
            </Link>
          </li>
        ) : null}
      </ul>
    );
  };
  const answeredCount = questions.filter((q) => visible.has(q.key) && show(answers[q.key] as AnswerValue) !== "—").length;
  const visibleCount = questions.filter((q) => visible.has(q.key)).length;

  return (
    <>
      <p>
        <Link to={mode === "answer" ? "/" : "/questionnaires"}>← {mode === "answer" ? "Overview" : "Questionnaires"}</Link>
      </p>
      <h1>{`${assessment.template_name} — ${assessment.supplier_name}`}</h1>
      <p>
        <span className="badge neutral">{STATUS_TEXT[assessment.status] ?? assessment.status}</span>{" "}
        {assessment.due_date ? `Due ${new Date(assessment.due_date).toLocaleDateString("en-GB")}. ` : ""}
        {assessment.snapshot_sha256 ? <span className="muted">{`Submitted snapshot SHA-256 ${assessment.snapshot_sha256.slice(0, 16)}…`}</span> : null}
      </p>
      <p>
        {mode === "answer" ? (
          <Link to={`/assessments/${assessment.id}/offline`}>Answer offline in Excel (download / upload)</Link>
        ) : (
          <a href={`/assessments/${assessment.id}/offline.xlsx`}>Download as Excel</a>
        )}
      </p>
      {shown ? (
        <div className={`alert ${shown.ok ? "info" : "error"}`} role={shown.ok ? "status" : "alert"}>
          <p style={{ margin: 0 }}>{shown.message}</p>
          {shown.missing.length ? (
            <ul>
              {shown.missing.map((m) => (
                <li key={m.key}>
                  <a href={`#question-${m.key}`}>{m.text}</a>
                </li>
              ))}
            </ul>
          ) : null}
          {shown.conflicts.length ? (
            <ul>
              {shown.conflicts.map((c) => (
                <li key={c.key}>
                  <a href={`#question-${c.key}`}>{c.text}</a>: now “{show(c.theirs)}”; yours was “{show(c.yours)}” (not saved — re-enter it if it should win).
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {mode === "review" && preview ? <p className="card">{`Score from current answers: ${preview.score} / 100`}</p> : null}

      <div className="layout-aside">
        <nav aria-label="Sections" className="section-nav">
          {mode === "answer" ? (
            <div aria-label={`${answeredCount} of ${visibleCount} questions answered`}>
              <p className="muted" style={{ margin: "0 0 .25rem" }}>{`${answeredCount} of ${visibleCount} answered`}</p>
              <div className="progress" aria-hidden="true">
                <span style={{ width: `${visibleCount ? Math.round((100 * answeredCount) / visibleCount) : 0}%` }} />
              </div>
            </div>
          ) : null}
          <ol>
            {sections(questions).map((s) => (
              <li key={s.key}>
                <a href={`#section-${s.key}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
        <div>
          {mode === "answer" && editable ? (
            <Form
              method="post"
              onChange={onChange}
              // The button's post carries every answer: a pending autosave would only race it (and fail once submitted).
              onSubmit={() => timer.current && clearTimeout(timer.current)}
              id="answers"
              noValidate
            >
              <CsrfInput />
              {sections(questions).map((s) => (
                <section key={s.key} id={`section-${s.key}`} aria-labelledby={`h-${s.key}`}>
                  <h2 id={`h-${s.key}`}>{s.title}</h2>
                  {s.questions.map((q) => (
                    <div key={q.key} id={`question-${q.key}`} hidden={!visible.has(q.key)}>
                      {visible.has(q.key) ? <input type="hidden" name="present" value={q.key} /> : null}
                      <input type="hidden" name={`rev.${q.key}`} value={revisions[q.key] ?? 0} />
                      <QuestionField question={q} value={answers[q.key] as AnswerValue} disabled={false} error={(shown?.fieldErrors as Record<string, string> | undefined)?.[q.key]} />
                      {documentsFor(q)}
                      {commentsFor(q.id).map((c) => (
                        <p key={c.id} className="comment">{`Reviewer (${c.author_name ?? "procurement"}): ${c.body}`}</p>
                      ))}
                    </div>
                  ))}
                </section>
              ))}
              <div className="actions" style={{ marginTop: "1rem" }}>
                <button type="submit" name="intent" value="save" className="button secondary">
                  Save draft
                </button>
                <button type="submit" name="intent" value="submit" className="button">
                  Submit
                </button>
                {autosave.state !== "idle" ? <span className="muted">Saving…</span> : null}
              </div>
            </Form>
          ) : (
            sections(questions).map((s) => (
              <section key={s.key} id={`section-${s.key}`}>
                <h2>{s.title}</h2>
                <dl className="facts card">
                  {s.questions
                    .filter((q) => visible.has(q.key))
                    .map((q) => (
                      <div key={q.key} id={`question-${q.key}`} style={{ display: "contents" }}>
                        <dt>{q.text}</dt>
                        <dd>
                          {q.type === "duration" && typeof answers[q.key] === "number" ? formatMinutes(answers[q.key] as number) : show(answers[q.key] as AnswerValue)}
                          {documentsFor(q)}
                          {commentsFor(q.id).map((c) => (
                            <p key={c.id} className="comment">{`${c.author_name ?? "Reviewer"}: ${c.body}`}</p>
                          ))}
                          {canReview && assessment.status === "submitted" ? (
                            <Form method="post" className="inline-form">
                              <CsrfInput />
                              <input type="hidden" name="intent" value="comment" />
                              <input type="hidden" name="questionId" value={q.id} />
                              <label className="visually-hidden" htmlFor={`comment-${q.key}`}>{`Comment on: ${q.text}`}</label>
                              <input id={`comment-${q.key}`} name="body" type="text" placeholder="Comment for the vendor" style={{ minWidth: "12rem" }} />{" "}
                              <button type="submit" className="button secondary small">
                                Comment
                              </button>
                            </Form>
                          ) : null}
                        </dd>
                      </div>
                    ))}
                </dl>
              </section>
            ))
          )}
          {canReview && assessment.status === "submitted" ? (
            <div className="actions card" style={{ marginTop: "1rem" }}>
              {(["request-changes", "approve", "reject"] as const).map((intent) => (
                <Form method="post" key={intent}>
                  <CsrfInput />
                  <input type="hidden" name="intent" value={intent} />
                  <button type="submit" className={intent === "approve" ? "button" : "button secondary"}>
                    {intent === "request-changes" ? "Request changes" : intent === "approve" ? "Approve" : "Reject"}
                  </button>
                </Form>
              ))}
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
