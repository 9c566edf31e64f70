import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp } from "~/audit.server";
import { requireUser } from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { StatusBadge } from "~/components/status-badge";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import { KIND_LABELS, type EvidenceKind } from "~/domain/evidence";
import { getEvidence, reviewEvidence, versionChain } from "~/evidence/data.server";
import { assertRole, requireSupplierAccess } from "~/permissions.server";
import { requestRecompute } from "~/resilience.server";
import { parseForm, type ActionResult } from "~/utils/forms";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Evidence"} · Resilience portal` }];

async function loadItem(request: Request, evidenceId: string | undefined) {
  const current = await requireUser(request);
  const item = await getEvidence(db, current.membership.orgId, evidenceId ?? "");
  // Someone else's (or no) item: the same audited 404 as any foreign supplier.
  await requireSupplierAccess(current, request, item?.supplier_id);
  return { current, item: item! };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, item } = await loadItem(request, params.evidenceId);
  const { storage_key: _key, ...visible } = item;
  void _key;
  return {
    item: visible,
    versions: await versionChain(db, current.membership.orgId, item.id),
    canReview: current.membership.role === "procurement",
  };
}

const Review = z.object({
  decision: z.enum(["accept", "reject"], { errorMap: () => ({ message: "Choose accept or reject" }) }),
  note: z.string().trim().max(2000).optional().transform((v) => (v ? v : null)),
}).refine((v) => v.decision === "accept" || v.note, { path: ["note"], message: "Say why the document is rejected, so the vendor can fix it" });

export async function action({ request, params }: ActionFunctionArgs) {
  const { current, item } = await loadItem(request, params.evidenceId);
  await assertRole(current, request, ["procurement"]);
  const parsed = parseForm(Review, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const { orgId } = current.membership;
  const outcome = await reviewEvidence(db, { orgId, evidenceId: item.id, userId: current.user.id, ip: clientIp(request), ...parsed.data });
  if (!outcome.ok) return data<ActionResult>({ ok: false, message: outcome.message }, { status: outcome.status });
  await requestRecompute(db, orgId, current.user.id);
  return {
    ok: true,
    message:
      parsed.data.decision === "accept"
        ? `Accepted.${outcome.testedFiguresUpdated ? " The supplier's tested RTO and RPO now come from this report." : ""}`
        : "Rejected; the vendor sees your note.",
  } satisfies ActionResult;
}

export default function EvidencePage() {
  const { item, versions, canReview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const day = (d: string | Date | null) => (d ? String(d).slice(0, 10) : "—");
  return (
    <>
      <p>
        <Link to={`/suppliers/${item.supplier_id}/evidence`}>← Evidence of {item.supplier_name}</Link>
      </p>
      <h1>{item.title}</h1>
      <ActionMessage result={result} />
      <dl className="facts card">
        <dt>Kind</dt>
        <dd>{KIND_LABELS[item.kind as EvidenceKind]}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={item.status} />
          {item.review_note ? ` — ${item.review_note}` : ""}
          {item.reviewed_by_name ? ` (${item.reviewed_by_name})` : ""}
        </dd>
        <dt>File</dt>
        <dd>
          <a href={`/evidence/${item.id}/download`} download>
            {item.file_name}
          </a>{" "}
          ({item.content_type.split(";")[0]}, {item.size_bytes.toLocaleString("en-GB")} bytes)
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code>{item.sha256}</code>
        </dd>
        {item.document_version ? (
          <>
            <dt>Plan version</dt>
            <dd>{item.document_version}</dd>
            <dt>Approved</dt>
            <dd>{day(item.approval_date)}</dd>
          </>
        ) : null}
        {item.test_date ? (
          <>
            <dt>Test date</dt>
            <dd>{day(item.test_date)}</dd>
            <dt>Achieved</dt>
            <dd>
              RTO {formatMinutes(item.achieved_rto_min)}, RPO {formatMinutes(item.achieved_rpo_min)} — {item.test_passed ? "passed" : "failed"}
            </dd>
          </>
        ) : null}
        {item.test_scope ? (
          <>
            <dt>Scope</dt>
            <dd>{item.test_scope}</dd>
          </>
        ) : null}
        {item.issuer ? (
          <>
            <dt>Issuer</dt>
            <dd>
              {item.issuer}
              {item.certificate_number ? ` · ${item.certificate_number}` : ""}
            </dd>
          </>
        ) : null}
        {item.valid_to ? (
          <>
            <dt>Valid</dt>
            <dd>
              {day(item.valid_from)} to {day(item.valid_to)}
            </dd>
          </>
        ) : null}
        <dt>Uploaded</dt>
        <dd>
          {new Date(item.created_at).toLocaleString("en-GB")}
          {item.uploaded_by_name ? ` by ${item.uploaded_by_name}` : ""}
        </dd>
      </dl>
      {canReview && item.status === "pending" ? (
        <Form method="post" className="card">
          <CsrfInput />
          <h2 style={{ marginTop: 0 }}>Review</h2>
          <fieldset className="field">
            <legend>Decision</legend>
            <label className="inline-choice">
              <input type="radio" name="decision" value="accept" required /> Accept
            </label>{" "}
            <label className="inline-choice">
              <input type="radio" name="decision" value="reject" /> Reject
            </label>
            {errors.decision ? <p className="field-error">{errors.decision.join(" ")}</p> : null}
          </fieldset>
          <div className="field">
            <label htmlFor="note">Note (required when rejecting)</label>
            <textarea id="note" name="note" rows={3} maxLength={2000} aria-describedby={errors.note ? "note-error" : undefined} />
            {errors.note ? (
              <p className="field-error" id="note-error">
                {errors.note.join(" ")}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            Save review
          </button>
        </Form>
      ) : null}
      {versions.length > 1 ? (
        <>
          <h2>Versions</h2>
          <ol className="card">
            {versions.map((v) => (
              <li key={v.id}>
                {v.id === item.id ? <strong>{v.title} (this one)</strong> : <Link to={`/evidence/${v.id}`}>{v.title}</Link>} — {v.file_name},{" "}
                {new Date(v.created_at).toLocaleDateString("en-GB")}, {v.status}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
