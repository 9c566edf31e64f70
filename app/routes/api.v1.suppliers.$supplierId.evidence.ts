import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { listSupplierEvidence } from "~/evidence/data.server";
import { apiSupplierAccess, handleEvidenceUpload, uploadErrorHeaders } from "~/evidence/http.server";

/*
 * GET  /api/v1/suppliers/{id}/evidence — the supplier's evidence (metadata, newest first)
 * POST /api/v1/suppliers/{id}/evidence — multipart upload (fields first, then one or more `file`
 *      parts); bearer token of a procurement user. 201 with the new ids and SHA-256s.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, supplier } = await apiSupplierAccess(request, params.supplierId);
  const items = await listSupplierEvidence(db, current.membership.orgId, supplier.id);
  return Response.json(
    {
      supplier: { id: supplier.id, name: supplier.name },
      evidence: items.map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
        fileName: e.file_name,
        contentType: e.content_type,
        sizeBytes: e.size_bytes,
        sha256: e.sha256,
        status: e.status,
        reviewNote: e.review_note,
        supersedesId: e.supersedes_id,
        supersededBy: e.superseded_by,
        documentVersion: e.document_version,
        approvalDate: e.approval_date,
        testDate: e.test_date,
        scope: e.test_scope,
        achievedRtoMin: e.achieved_rto_min,
        achievedRpoMin: e.achieved_rpo_min,
        testPassed: e.test_passed,
        issuer: e.issuer,
        certificateNumber: e.certificate_number,
        validFrom: e.valid_from,
        validTo: e.valid_to,
        createdAt: e.created_at,
        reviewedAt: e.reviewed_at,
        download: `/api/v1/suppliers/${supplier.id}/evidence/${e.id}`,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: { status: 405, message: "Use GET or POST." } }, { status: 405 });
  const { current, supplier } = await apiSupplierAccess(request, params.supplierId, ["procurement"]);
  const outcome = await handleEvidenceUpload(db, request, current, supplier.id, { csrf: false });
  if (!outcome.ok) {
    return Response.json({ error: { status: outcome.status, message: outcome.message, fields: outcome.fieldErrors } }, { status: outcome.status, headers: uploadErrorHeaders(outcome.status) });
  }
  return Response.json({ evidence: outcome.files }, { status: 201, headers: { Location: `/api/v1/suppliers/${supplier.id}/evidence` } });
}
