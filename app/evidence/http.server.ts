import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { clientIp } from "../audit.server";
import type { OrgUser } from "../auth.server";
import { requireApiUser, requireSupplierAccess } from "../permissions.server";
import type { Role } from "../../db/schema";
import { contentDisposition, parseEvidenceFields } from "../domain/evidence";
import { getBlobStore } from "../storage.server";
import { createEvidence } from "./data.server";
import { UploadError, discardFiles, receiveEvidenceUpload } from "./upload.server";

export type UploadOutcome =
  | { ok: true; status: 201; message: string; ids: string[]; files: { id: string; fileName: string; sha256: string; sizeBytes: number }[] }
  | { ok: false; status: number; message: string; fieldErrors?: Record<string, string[]> };

/**
 * The whole upload: stream the files in, check them, write the rows. The supplier must already be
 * authorised (requireSupplierAccess) before this is called, so nothing is read for outsiders.
 */
export async function handleEvidenceUpload(
  db: Kysely<Database>,
  request: Request,
  current: OrgUser,
  supplierId: string,
  { csrf }: { csrf: boolean },
): Promise<UploadOutcome> {
  let received;
  try {
    received = await receiveEvidenceUpload(db, request, {
      orgId: current.membership.orgId,
      csrf,
      checkFields: (fields) => {
        const parsed = parseEvidenceFields(fields);
        return parsed.ok ? null : new UploadError(400, parsed.message, parsed.fieldErrors);
      },
    });
  } catch (error) {
    if (error instanceof UploadError) return { ok: false, status: error.status, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  try {
    const created = await createEvidence(db, {
      orgId: current.membership.orgId,
      supplierId,
      userId: current.user.id,
      fields: received.fields,
      files: received.files,
      ip: clientIp(request),
    });
    if (!created.ok) {
      await discardFiles(db, received.files);
      return created;
    }
    const n = received.files.length;
    return {
      ok: true,
      status: 201,
      message: `Uploaded ${n === 1 ? `“${received.files[0]!.fileName}”` : `${n} files`}; procurement will review ${n === 1 ? "it" : "them"}.`,
      ids: created.ids,
      files: received.files.map((f, i) => ({ id: created.ids[i]!, fileName: f.fileName, sha256: f.blob.sha256, sizeBytes: f.blob.sizeBytes })),
    };
  } catch (error) {
    await discardFiles(db, received.files);
    throw error;
  }
}

/** Headers for a failed upload: the rest of the body may still be on its way, so do not keep the connection. */
export function uploadErrorHeaders(status: number): HeadersInit {
  return status >= 400 ? { Connection: "close", "Cache-Control": "no-store" } : { "Cache-Control": "no-store" };
}

/** Streams a stored file as an attachment with its stored type; the browser must never render it. */
export function evidenceDownload(
  db: Kysely<Database>,
  row: { storage_key: string; file_name: string; content_type: string; size_bytes: number; sha256: string },
): Response {
  const body = createReadableStreamFromReadable(getBlobStore(db).get(row.storage_key));
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": row.content_type,
      "Content-Length": String(row.size_bytes),
      "Content-Disposition": contentDisposition(row.file_name),
      // X-Content-Type-Options: nosniff is set on every response by the server (helmet).
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      Digest: `sha-256=${Buffer.from(row.sha256, "hex").toString("base64")}`,
    },
  });
}

/** API access to one supplier: bearer token or session, then the same audited supplier check as pages (JSON 404). */
export async function apiSupplierAccess(request: Request, supplierId: string | undefined, roles?: readonly Role[]) {
  const current = await requireApiUser(request, roles);
  try {
    return { current, supplier: await requireSupplierAccess(current, request, supplierId) };
  } catch (error) {
    if (error instanceof Response) throw Response.json({ error: { status: error.status, message: "Not found" } }, { status: error.status });
    throw error;
  }
}
