import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuestionField } from "~/components/question-field";
import { loadQuestions } from "~/data/assessments.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { getTemplateVersion } from "~/questionnaire-templates.server";

/* A template version the way a vendor sees it, read-only: nothing here is a form, nothing is saved. */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview: ${data?.version.name ?? "template"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const version = await getTemplateVersion(db, orgId, params.versionId ?? "");
  if (!version) throw new Response("Not found", { status: 404 });
  return { version, questions: await loadQuestions(db, orgId, version.id) };
}

export default function TemplatePreviewPage() {
  const { version, questions } = useLoaderData<typeof loader>();
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const sections: { key: string; title: string; questions: typeof questions }[] = [];
  for (const q of questions) {
    const last = sections.at(-1);
    if (last && last.key === q.sectionKey) last.questions.push(q);
    else sections.push({ key: q.sectionKey, title: q.sectionTitle, questions: [q] });
  }
  return (
    <>
      <p>
        <Link to={`/questionnaires/templates/${version.id}`}>{`← ${version.name} v${version.version}`}</Link>
      </p>
      <h1>{`Preview: ${version.name}`}</h1>
      <p className="alert info" role="status">
        {`Version ${version.version} (${version.status === "draft" ? "draft, not sendable yet" : "published"}) as a vendor sees it. Conditional questions are all shown here, each with when it appears; nothing you enter is saved.`}
      </p>
      {questions.length === 0 ? <p className="card empty">No questions yet.</p> : null}
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`h-${s.key}`}>
          <h2 id={`h-${s.key}`}>{s.title}</h2>
          {s.questions.map((q) => {
            const condition = q.config.condition;
            const parent = condition ? byKey.get(condition.questionKey) : undefined;
            const equals =
              typeof condition?.equals === "boolean"
                ? condition.equals
                  ? "Yes"
                  : "No"
                : (parent?.config.options?.find((o) => o.value === condition?.equals)?.label ?? String(condition?.equals ?? ""));
            return (
              <div key={q.key} id={`question-${q.key}`}>
                {condition ? <p className="muted hint">{`Shown only when “${parent?.text ?? condition.questionKey}” is answered “${equals}”.`}</p> : null}
                <QuestionField question={q} value={undefined} disabled={false} />
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}
