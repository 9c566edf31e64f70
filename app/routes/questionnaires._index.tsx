import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAssessments } from "~/data/assessments.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";

export const meta: MetaFunction = () => [{ title: "Questionnaires · Resilience portal" }];

const STATUSES = ["draft", "sent", "in_progress", "submitted", "changes_requested", "approved", "rejected"] as const;
const QuerySchema = z.object({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STATUSES).optional()).catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const params = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    assessments: await listAssessments(db, current.membership.orgId, { status: params.status, overdue: Boolean(params.overdue) }),
    params,
    canSend: current.membership.role === "procurement",
  };
}

export default function QuestionnairesPage() {
  const { assessments, params, canSend } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Questionnaires</h1>
      {canSend ? (
        <p>
          <Link to="/questionnaires/send" className="button">
            Send a questionnaire
          </Link>{" "}
          <Link to="/questionnaires/templates" className="button secondary">
            Templates
          </Link>{" "}
          <Link to="/questionnaires/schedule" className="button secondary">
            Reassessment schedule
          </Link>
        </p>
      ) : (
        <p>
          <Link to="/questionnaires/schedule">Reassessment schedule</Link>
        </p>
      )}
      <Form method="get" className="toolbar" aria-label="Filter questionnaires">
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <label>
          <input type="checkbox" name="overdue" value="1" defaultChecked={Boolean(params.overdue)} /> Overdue only
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {assessments.length === 0 ? (
        <p className="card empty">No questionnaire matches.</p>
      ) : (
        <table>
          <caption>Submitted questionnaires (awaiting review) first</caption>
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Questionnaire</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {assessments.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/assessments/${a.id}`}>{a.supplier_name}</Link>
                </td>
                <td>{`${a.template_name} (v${a.version})`}</td>
                <td>{a.status.replace("_", " ")}</td>
                <td>{a.due_date ? new Date(a.due_date).toLocaleDateString("en-GB") : "—"}</td>
                <td className="num">{a.score ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
