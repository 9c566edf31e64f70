import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { StatusBadge } from "~/components/status-badge";
import { findFileQuestion } from "~/data/assessments.server";
import { db } from "~/db.server";
import { KIND_LABELS, expiryState, type EvidenceKind } from "~/domain/evidence";
import { listSupplierEvidence } from "~/evidence/data.server";
import { handleEvidenceUpload, uploadErrorHeaders } from "~/evidence/http.server";
import { ensureEvidenceMaintenance } from "~/evidence/maintenance.server";
import { listNotifications } from "~/evidence/notifications.server";
import { EvidenceUploadForm } from "~/evidence/upload-form";
import { evidenceMaxBytes } from "~/evidence/upload.server";
import { assertRole, requireSupplierAccess } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Evidence · ${data?.supplier.name ?? "Supplier"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const supplier = await requireSupplierAccess(current, request, params.supplierId);
  ensureEvidenceMaintenance(db);
  const { orgId, role } = current.membership;
  const items = await listSupplierEvidence(db, orgId, supplier.id);
  const replaceId = new URL(request.url).searchParams.get("replace");
  const replaceItem = items.find((i) => i.id === replaceId && !i.superseded_by);
  // Arriving from a questionnaire's file question: the upload is linked to that question.
  const search = new URL(request.url).searchParams;
  const forQuestion = (await findFileQuestion(db, orgId, supplier.id, search.get("assessmentId"), search.get("questionId"))) ?? null;
  const notifications = role === "vendor" ? (await listNotifications(db, current)).filter((n) => !n.read_at) : [];
  return {
    supplier,
    items,
    notifications,
    forQuestion,
    replace: replaceItem ? { id: replaceItem.id, title: replaceItem.title, kind: replaceItem.kind as EvidenceKind } : null,
    canUpload: role === "vendor" || role === "procurement",
    canReview: role === "procurement",
    isVendor: role === "vendor",
    maxMb: Math.round(evidenceMaxBytes() / (1024 * 1024)),
    today: new Date().toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireUser(request);
  await assertRole(current, request, ["vendor", "procurement"]);
  const supplier = await requireSupplierAccess(current, request, params.supplierId);
  const outcome = await handleEvidenceUpload(db, request, current, supplier.id, { csrf: true });
  const result = outcome.ok ? { ok: true as const, message: outcome.message } : { ok: false as const, message: outcome.message, fieldErrors: outcome.fieldErrors };
  return data(result, { status: outcome.ok ? 200 : outcome.status, headers: uploadErrorHeaders(outcome.ok ? 200 : outcome.status) });
}

function bytes(n: number) {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export default function SupplierEvidencePage() {
  const { supplier, items, notifications, forQuestion, replace, canUpload, canReview, isVendor, maxMb, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const asOf = new Date(today);
  const base = `/suppliers/${supplier.id}/evidence`;
  return (
    <>
      <p>
        <Link to={`/suppliers/${supplier.id}`}>← {supplier.name}</Link>
      </p>
      <h1>Evidence: {supplier.name}</h1>
      {notifications.length ? (
        <section className="alert info" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading" style={{ marginTop: 0 }}>
            Reminders
          </h2>
          <ul>
            {notifications.map((n) => (
              <li key={n.id}>
                {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                {n.body ? ` — ${n.body}` : ""}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/notifications">All notifications</Link>
          </p>
        </section>
      ) : null}
      {forQuestion ? (
        <p className="alert info">
          {`Uploads here answer the question “${forQuestion.text}”. `}
          <Link to={`/assessments/${forQuestion.assessmentId}#question-${forQuestion.key}`}>Back to the questionnaire</Link>
        </p>
      ) : null}
      {canUpload ? (
        <EvidenceUploadForm
          action={`${base}${forQuestion ? `?assessmentId=${forQuestion.assessmentId}&questionId=${forQuestion.questionId}` : ""}`}
          xhrAction={`${base}/upload`}
          maxMb={maxMb}
          result={result}
          replace={replace}
          hidden={forQuestion ? { assessmentId: forQuestion.assessmentId, questionId: forQuestion.questionId } : undefined}
        />
      ) : null}
      <h2>Documents</h2>
      {items.length === 0 ? (
        <p className="card empty">No evidence uploaded yet.{isVendor ? " Start with your BCP plan and latest DR test report." : ""}</p>
      ) : (
        <table className="card">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Kind</th>
              <th scope="col">Details</th>
              <th scope="col">Status</th>
              <th scope="col">Uploaded</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => {
              const state = expiryState(e.valid_to, asOf, 30);
              return (
                <tr key={e.id} className={e.superseded_by ? "muted" : undefined}>
                  <td>
                    <a href={`/evidence/${e.id}/download`} download>
                      {e.title}
                    </a>
                    <br />
                    <small className="muted">
                      {e.file_name} · {bytes(e.size_bytes)} · SHA-256 <code title={e.sha256}>{e.sha256.slice(0, 12)}…</code>
                    </small>
                    {e.superseded_by ? (
                      <>
                        <br />
                        <small>Replaced by a newer version</small>
                      </>
                    ) : null}
                  </td>
                  <td>{KIND_LABELS[e.kind as EvidenceKind]}</td>
                  <td>
                    {e.document_version ? <div>Version {e.document_version}</div> : null}
                    {e.approval_date ? <div>Approved {String(e.approval_date).slice(0, 10)}</div> : null}
                    {e.test_date ? (
                      <div>
                        Tested {String(e.test_date).slice(0, 10)}: RTO {formatMinutes(e.achieved_rto_min)}, RPO {formatMinutes(e.achieved_rpo_min)},{" "}
                        {e.test_passed ? "passed" : "failed"}
                      </div>
                    ) : null}
                    {e.issuer ? (
                      <div>
                        {e.issuer}
                        {e.certificate_number ? ` · ${e.certificate_number}` : ""}
                      </div>
                    ) : null}
                    {e.valid_to ? (
                      <div>
                        Valid to {String(e.valid_to).slice(0, 10)}
                        {state === "expired" ? " (expired)" : state === "expiring" ? " (expires soon)" : ""}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={e.status} />
                    {e.review_note ? <div className="muted">{e.review_note}</div> : null}
                  </td>
                  <td>
                    {new Date(e.created_at).toLocaleDateString("en-GB")}
                    {e.uploaded_by_name ? ` by ${e.uploaded_by_name}` : ""}
                  </td>
                  <td>
                    {canUpload && !e.superseded_by ? <Link to={`${base}?replace=${e.id}`}>Upload new version</Link> : null}
                    {canReview && e.status === "pending" ? (
                      <>
                        {" "}
                        <Link to={`/evidence/${e.id}`}>Review</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {isVendor ? null : (
        <p>
          <Link to="/evidence">Review queue and expiring evidence</Link>
        </p>
      )}
    </>
  );
}
