import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { clientIp } from "~/audit.server";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import {
  MAPPING_TYPES,
  QUESTION_TYPES,
  SUPPLIER_MAPPINGS,
  questionToFields,
  type FieldProblem,
  type QuestionFieldName,
  type QuestionFields,
  type VersionProblem,
} from "~/domain/questionnaire/template-question";
import { requireRole } from "~/permissions.server";
import {
  deleteDraftQuestion,
  discardDraft,
  getTemplateVersion,
  listVersionQuestions,
  moveDraftQuestion,
  publishDraft,
  saveDraftQuestion,
  versionProblems,
} from "~/questionnaire-templates.server";

/*
 * One template version. A draft is edited here question by question (add, edit, delete, move) and
 * published; a published version is shown read-only and the server refuses any change with 409.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.version.name} v${data.version.version}` : "Template"} · Questionnaire templates · Resilience portal` },
];

const DONE: Record<string, string> = {
  created: "Draft created. Add its questions, then publish it.",
  saved: "Question saved.",
  deleted: "Question deleted.",
  moved: "Question moved.",
  published: "Published. This version can now be sent, and can no longer be changed.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const version = await getTemplateVersion(db, orgId, params.versionId ?? "");
  if (!version) throw new Response("Not found", { status: 404 });
  const questions = await listVersionQuestions(db, orgId, version.id);
  const url = new URL(request.url);
  const editId = url.searchParams.get("edit");
  const editing = version.status === "draft" && editId ? questions.find((q) => q.id === editId) : undefined;
  return {
    version,
    questions: questions.map((q) => ({ id: q.id, sectionKey: q.sectionKey, sectionTitle: q.sectionTitle, question: q.question })),
    problems: version.status === "draft" ? versionProblems(questions) : [],
    editing: editing ? { id: editing.id, fields: questionToFields(editing.question, editing.sectionTitle) } : null,
    done: DONE[url.searchParams.get("done") ?? ""] ?? null,
  };
}

const field = (max: number) => z.string().max(max, "This field is too long").default("");
const Fields = z.object({
  section: field(1000),
  key: field(200),
  text: field(10_000),
  type: field(40),
  options: field(20_000),
  required: field(10),
  weight: field(20),
  help: field(10_000),
  condition: field(300),
  maps_to: field(40),
  good_answer: field(10),
});
const QuestionId = z.string().uuid("Unknown question");
const Intent = z.discriminatedUnion("intent", [
  Fields.extend({ intent: z.literal("save"), questionId: z.union([QuestionId, z.literal("")]).default("") }),
  z.object({ intent: z.literal("delete"), questionId: QuestionId }),
  z.object({ intent: z.literal("move"), questionId: QuestionId, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("discard") }),
]);

type EditorResult = {
  ok: false;
  message: string;
  problems?: FieldProblem[];
  values?: QuestionFields;
  questionId?: string | null;
  versionProblems?: VersionProblem[];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const form = await readValidatedForm(request);
  const versionId = params.versionId ?? "";
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<EditorResult>({ ok: false, message: parsed.error.issues[0]?.message ?? "Check the form." }, { status: 400 });
  const change = parsed.data;
  const actor = { userId: current.user.id, ip: clientIp(request) };
  const here = `/questionnaires/templates/${versionId}`;
  const refuse = (outcome: { status: number; message: string }) => {
    if (outcome.status === 404) throw new Response("Not found", { status: 404 });
    return data<EditorResult>({ ok: false, message: outcome.message }, { status: outcome.status });
  };

  switch (change.intent) {
    case "save": {
      const { intent: _intent, questionId, ...fields } = change;
      const saved = await saveDraftQuestion(db, orgId, actor, versionId, questionId || null, fields);
      if (saved.ok) return redirect(`${here}?done=saved#question-${saved.key}`);
      if (saved.status === 400) return data<EditorResult>({ ok: false, message: saved.message, problems: saved.problems, values: fields, questionId: questionId || null }, { status: 400 });
      return refuse(saved);
    }
    case "delete": {
      const deleted = await deleteDraftQuestion(db, orgId, actor, versionId, change.questionId);
      return deleted.ok ? redirect(`${here}?done=deleted`) : refuse(deleted);
    }
    case "move": {
      const moved = await moveDraftQuestion(db, orgId, actor, versionId, change.questionId, change.direction);
      return moved.ok ? redirect(`${here}?done=moved#question-${moved.key}`) : refuse(moved);
    }
    case "publish": {
      const published = await publishDraft(db, orgId, actor, versionId);
      if (published.ok) return redirect(`${here}?done=published`);
      if (published.status === 400) return data<EditorResult>({ ok: false, message: published.message, versionProblems: published.problems }, { status: 400 });
      return refuse(published);
    }
    case "discard": {
      const discarded = await discardDraft(db, orgId, actor, versionId);
      return discarded.ok ? redirect("/questionnaires/templates") : refuse(discarded);
    }
  }
}

const TYPE_LABELS: Record<string, string> = {
  yes_no: "Yes / no",
  single_choice: "One choice",
  multi_choice: "Several choices",
  text: "Text",
  number: "Number",
  date: "Date",
  duration: "Duration",
  file: "File",
  table: "Table",
};

function conditionText(condition: { questionKey: string; equals: string | boolean } | undefined) {
  if (!condition) return "";
  return `${condition.questionKey} = ${typeof condition.equals === "boolean" ? (condition.equals ? "yes" : "no") : condition.equals}`;
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function TemplateVersionPage() {
  const { version, questions, problems, editing, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const draft = version.status === "draft";
  const formFor = result?.values ? { id: result.questionId ?? null, fields: result.values, problems: result.problems ?? [] } : editing ? { ...editing, problems: [] } : null;
  const shownProblems = result?.versionProblems ?? problems;
  // A new location after each save remounts the form, so its inputs start from the new defaults.
  const location = useLocation();
  return (
    <>
      <p>
        <Link to="/questionnaires/templates">← Questionnaire templates</Link>
      </p>
      <h1>{`${version.name} — version ${version.version}`}</h1>
      {version.description ? <p className="muted">{version.description}</p> : null}
      {done && !result ? (
        <div className="alert info" role="status">
          <p style={{ margin: 0 }}>{done}</p>
        </div>
      ) : null}
      {result && !result.values && !result.versionProblems ? (
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>{result.message}</p>
        </div>
      ) : null}

      {draft ? (
        <div className="card">
          <p style={{ marginTop: 0 }}>
            <span className="badge warn">Draft</span> Not sendable until published. Publishing checks every question again (conditions refer to earlier questions, keys
            are unique, mappings fit their type); after that this version can never be changed.
          </p>
          <div className="actions">
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="button">
                Publish version {version.version}
              </button>
            </Form>
            <Link to={`/questionnaires/templates/${version.id}/preview`} className="button secondary">
              Preview
            </Link>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="discard" />
              <button type="submit" className="button secondary">
                Discard this draft
              </button>
            </Form>
          </div>
        </div>
      ) : (
        <div className="card" data-read-only="true">
          <p style={{ marginTop: 0 }}>
            <span className="badge ok">Published</span>
            {` on ${version.published_at ? new Date(version.published_at).toLocaleDateString("en-GB") : "—"}, sent ${version.assessment_count ?? 0} time${version.assessment_count === 1 ? "" : "s"}. `}
            A published version is read-only: questionnaires already sent keep exactly these questions.
          </p>
          <div className="actions">
            <Link to={`/questionnaires/templates/${version.id}/preview`} className="button secondary">
              Preview
            </Link>
            {version.draft_id ? (
              <Link to={`/questionnaires/templates/${version.draft_id}`} className="button secondary">
                Open the draft of the next version
              </Link>
            ) : (
              <Form method="post" action="/questionnaires/templates">
                <CsrfInput />
                <input type="hidden" name="intent" value="new-draft" />
                <input type="hidden" name="versionId" value={version.id} />
                <button type="submit" className="button">
                  New draft version
                </button>
              </Form>
            )}
          </div>
        </div>
      )}

      {draft && shownProblems.length ? (
        <div className={`alert ${result?.versionProblems ? "error" : "info"}`} role={result?.versionProblems ? "alert" : undefined} id="publish-problems">
          <p style={{ margin: 0 }}>{result?.versionProblems ? result.message : "To fix before publishing:"}</p>
          <ul>
            {shownProblems.map((p, i) => {
              const question = p.index === null ? undefined : questions[p.index];
              return (
                <li key={i} data-problem-key={p.key ?? ""} data-problem-field={p.field ?? ""}>
                  {question ? (
                    <>
                      <Link to={`?edit=${question.id}#question-form`}>{`Question ${p.index! + 1} (${p.key})`}</Link>
                      {`, ${p.field}: ${p.message}`}
                    </>
                  ) : (
                    p.message
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      <QuestionTable questions={questions} draft={draft} versionId={version.id} />

      {draft ? <QuestionForm key={`${formFor?.id ?? "new"}-${location.key}`} questions={questions} form={formFor} message={result?.values ? result.message : null} /> : null}
    </>
  );
}

function QuestionTable({ questions, draft, versionId }: { questions: Loaded["questions"]; draft: boolean; versionId: string }) {
  if (questions.length === 0) return <p className="card empty">No questions yet.</p>;
  return (
    <table data-testid="questions">
      <caption>{`Questions in order (${questions.length})`}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Key</th>
          <th scope="col">Question</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col" className="num">
            Weight
          </th>
          <th scope="col">Shown when</th>
          <th scope="col">Maps to</th>
          {draft ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {questions.flatMap((q, i) => {
          const rows = [];
          if (i === 0 || questions[i - 1]!.sectionKey !== q.sectionKey) {
            rows.push(
              <tr key={`section-${q.sectionKey}`} className="section-row">
                <th scope="colgroup" colSpan={draft ? 9 : 8}>
                  {q.sectionTitle}
                </th>
              </tr>,
            );
          }
          const { question } = q;
          rows.push(
            <tr key={q.id} id={`question-${question.key}`} data-question-key={question.key}>
              <td className="num">{i + 1}</td>
              <td>
                <code>{question.key}</code>
              </td>
              <td>
                {question.text}
                {question.help ? <div className="muted">{question.help}</div> : null}
                {question.options ? <div className="muted">{`Options: ${question.options.map((o) => `${o.label}${o.score === undefined ? "" : ` (${o.score})`}`).join(" · ")}`}</div> : null}
                {question.columns ? <div className="muted">{`Columns: ${question.columns.map((c) => `${c.label} (${c.type})`).join(" · ")}`}</div> : null}
                {question.goodAnswer !== undefined ? <div className="muted">{`Good answer: ${question.goodAnswer ? "yes" : "no"}`}</div> : null}
              </td>
              <td>{TYPE_LABELS[question.type] ?? question.type}</td>
              <td>{question.required ? "Yes" : "No"}</td>
              <td className="num">{question.weight}</td>
              <td>{question.condition ? <code>{conditionText(question.condition)}</code> : "Always"}</td>
              <td>{question.mapsTo ?? "—"}</td>
              {draft ? (
                <td>
                  <div className="actions">
                    <Link to={`/questionnaires/templates/${versionId}?edit=${q.id}#question-form`} className="button secondary small" aria-label={`Edit ${question.key}`}>
                      Edit
                    </Link>
                    {(["up", "down"] as const).map((direction) => (
                      <Form method="post" key={direction}>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="questionId" value={q.id} />
                        <input type="hidden" name="direction" value={direction} />
                        <button
                          type="submit"
                          className="button secondary small"
                          aria-label={`Move ${question.key} ${direction}`}
                          disabled={direction === "up" ? i === 0 : i === questions.length - 1}
                        >
                          {direction === "up" ? "↑" : "↓"}
                        </button>
                      </Form>
                    ))}
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="questionId" value={q.id} />
                      <button type="submit" className="button secondary small" aria-label={`Delete ${question.key}`}>
                        Delete
                      </button>
                    </Form>
                  </div>
                </td>
              ) : null}
            </tr>,
          );
          return rows;
        })}
      </tbody>
    </table>
  );
}

const EMPTY: QuestionFields = { section: "", key: "", text: "", type: "yes_no", options: "", required: "yes", weight: "1", help: "", condition: "", maps_to: "", good_answer: "" };

function QuestionForm({ questions, form, message }: { questions: Loaded["questions"]; form: { id: string | null; fields: QuestionFields; problems: FieldProblem[] } | null; message: string | null }) {
  const editingIndex = form?.id ? questions.findIndex((q) => q.id === form.id) : -1;
  const fields = form?.fields ?? { ...EMPTY, section: questions.at(-1)?.sectionTitle ?? "" };
  const errors = new Map<QuestionFieldName, string[]>();
  for (const p of form?.problems ?? []) errors.set(p.field, [...(errors.get(p.field) ?? []), p.message]);
  // Conditions may refer only to questions above this one: offer exactly those as suggestions.
  const earlier = editingIndex >= 0 ? questions.slice(0, editingIndex) : questions;
  const conditionChoices = earlier.flatMap(({ question }) =>
    question.type === "yes_no" ? [`${question.key} = yes`, `${question.key} = no`] : question.type === "single_choice" ? (question.options ?? []).map((o) => `${question.key} = ${o.value}`) : [],
  );
  const sections = [...new Set(questions.map((q) => q.sectionTitle))];
  const id = (name: string) => `qf-${name}`;
  const described = (name: QuestionFieldName, hint?: boolean) => {
    const ids = [hint ? `${id(name)}-hint` : null, errors.has(name) ? `${id(name)}-error` : null].filter(Boolean).join(" ");
    return { "aria-describedby": ids || undefined, "aria-invalid": errors.has(name) ? true : undefined };
  };
  const error = (name: QuestionFieldName) =>
    errors.has(name) ? (
      <p className="field-error" id={`${id(name)}-error`} data-field={name}>
        {errors.get(name)!.join(" ")}
      </p>
    ) : null;
  const title = form?.id ? `Edit question ${editingIndex >= 0 ? editingIndex + 1 : ""} (${form.fields.key})` : "Add a question";
  return (
    <section aria-labelledby="question-form-title" id="question-form">
      <h2 id="question-form-title">{title}</h2>
      {message ? (
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>{message}</p>
        </div>
      ) : null}
      <Form method="post" className="card" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="questionId" value={form?.id ?? ""} />

        <label htmlFor={id("section")}>Section</label>
        <input id={id("section")} name="section" type="text" list="qf-sections" defaultValue={fields.section} maxLength={200} {...described("section")} />
        <datalist id="qf-sections">
          {sections.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {error("section")}

        <label htmlFor={id("key")}>Key</label>
        <input id={id("key")} name="key" type="text" defaultValue={fields.key} maxLength={63} {...described("key", true)} />
        <p className="muted hint" id={`${id("key")}-hint`}>
          snake_case, unique in this version; answers are matched by key from one version to the next.
        </p>
        {error("key")}

        <label htmlFor={id("text")}>Question</label>
        <textarea id={id("text")} name="text" rows={2} defaultValue={fields.text} maxLength={2000} {...described("text")} />
        {error("text")}

        <label htmlFor={id("help")}>Help text (optional)</label>
        <textarea id={id("help")} name="help" rows={2} defaultValue={fields.help} maxLength={4000} {...described("help")} />
        {error("help")}

        <label htmlFor={id("type")}>Type</label>
        <select id={id("type")} name="type" defaultValue={fields.type} {...described("type")}>
          {QUESTION_TYPES.map((t) => (
            <option key={t} value={t}>{`${TYPE_LABELS[t]} (${t})`}</option>
          ))}
        </select>
        {error("type")}

        <label htmlFor={id("options")}>Options or table columns</label>
        <textarea id={id("options")} name="options" rows={4} defaultValue={fields.options} {...described("options", true)} />
        <p className="muted hint" id={`${id("options")}-hint`}>
          Choice questions: one option per line as <code>value = Label = score</code> (score 0–1, optional). Table questions: one column per line as{" "}
          <code>key = Label = type</code> (text, number, duration, yes_no, country). Leave empty for other types.
        </p>
        {error("options")}

        <label className="block-choice">
          <input type="checkbox" name="required" value="yes" defaultChecked={fields.required === "yes"} {...described("required")} /> Required
        </label>
        {error("required")}

        <label htmlFor={id("weight")}>Weight (points, 0–1000)</label>
        <input id={id("weight")} name="weight" type="number" min={0} max={1000} step={1} defaultValue={fields.weight} {...described("weight")} />
        {error("weight")}

        <label htmlFor={id("good_answer")}>Good answer (yes / no questions only)</label>
        <select id={id("good_answer")} name="good_answer" defaultValue={fields.good_answer} {...described("good_answer")}>
          <option value="">None (not scored)</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
        {error("good_answer")}

        <label htmlFor={id("condition")}>Show only when (optional)</label>
        <input id={id("condition")} name="condition" type="text" list="qf-conditions" defaultValue={fields.condition} maxLength={300} {...described("condition", true)} />
        <datalist id="qf-conditions">
          {conditionChoices.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <p className="muted hint" id={`${id("condition")}-hint`}>
          <code>earlier_key = value</code>: a yes / no question above this one (= yes or no) or a one-choice question above it (= an option value).
        </p>
        {error("condition")}

        <label htmlFor={id("maps_to")}>Updates the supplier&apos;s (optional)</label>
        <select id={id("maps_to")} name="maps_to" defaultValue={fields.maps_to} {...described("maps_to")}>
          <option value="">Nothing</option>
          {SUPPLIER_MAPPINGS.map((m) => (
            <option key={m} value={m}>{`${m} (needs a ${MAPPING_TYPES[m]} question)`}</option>
          ))}
        </select>
        {error("maps_to")}

        <div className="actions" style={{ marginTop: ".75rem" }}>
          <button type="submit" className="button">
            {form?.id ? "Save question" : "Add question"}
          </button>
          {form?.id ? (
            <Link to="?" className="button secondary">
              Cancel
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
