import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Db } from "../data/types";
import { recordAudit } from "../audit.server";
import { isTestCurrent, isoDate, parseEvidenceFields, KIND_LABELS, type KindColumns } from "../domain/evidence";
import type { EvidenceKind } from "../../db/schema";
import type { ReceivedFile } from "./upload.server";
import { isUuid } from "../utils/misc";

/* Evidence rows: listing, creation after an upload, review, versions and the expiring list. */

export const EVIDENCE_COLUMNS = [
  "e.id",
  "e.supplier_id",
  "e.kind",
  "e.title",
  "e.file_name",
  "e.content_type",
  "e.size_bytes",
  "e.sha256",
  "e.status",
  "e.review_note",
  "e.supersedes_id",
  "e.document_version",
  "e.approval_date",
  "e.test_date",
  "e.test_scope",
  "e.achieved_rto_min",
  "e.achieved_rpo_min",
  "e.test_passed",
  "e.issuer",
  "e.certificate_number",
  "e.valid_from",
  "e.valid_to",
  "e.reviewed_at",
  "e.created_at",
] as const;

/** Every item of one supplier, newest first, with who uploaded it and whether a newer version replaced it. */
export async function listSupplierEvidence(db: Db, orgId: string, supplierId: string) {
  const rows = await db
    .selectFrom("evidence as e")
    .leftJoin("users as u", "u.id", "e.uploaded_by")
    .leftJoin("users as r", "r.id", "e.reviewed_by")
    .select([...EVIDENCE_COLUMNS, "u.name as uploaded_by_name", "r.name as reviewed_by_name"])
    .select((eb) =>
      eb
        .selectFrom("evidence as n")
        .select("n.id")
        .whereRef("n.supersedes_id", "=", "e.id")
        .where("n.status", "<>", "rejected")
        .orderBy("n.created_at", "desc")
        .limit(1)
        .as("superseded_by"),
    )
    .where("e.org_id", "=", orgId)
    .where("e.supplier_id", "=", supplierId)
    .orderBy("e.created_at", "desc")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

export async function getEvidence(db: Db, orgId: string, evidenceId: string) {
  if (!isUuid(evidenceId)) return undefined;
  const row = await db
    .selectFrom("evidence as e")
    .innerJoin("suppliers as s", (j) => j.onRef("s.id", "=", "e.supplier_id").onRef("s.org_id", "=", "e.org_id"))
    .leftJoin("users as u", "u.id", "e.uploaded_by")
    .leftJoin("users as r", "r.id", "e.reviewed_by")
    .select([...EVIDENCE_COLUMNS, "e.storage_key", "s.name as supplier_name", "u.name as uploaded_by_name", "r.name as reviewed_by_name"])
    .where("e.org_id", "=", orgId)
    .where("e.id", "=", evidenceId)
    .executeTakeFirst();
  return row ? { ...row, size_bytes: Number(row.size_bytes) } : undefined;
}

/** The chain of versions an item belongs to (older and newer), oldest first. */
export async function versionChain(db: Db, orgId: string, evidenceId: string) {
  const rows = await sql<{ id: string; title: string; file_name: string; status: string; created_at: Date; depth: number }>`
    with recursive older as (
      select id, supersedes_id, 0 as depth from evidence where id = ${evidenceId} and org_id = ${orgId}
      union all
      select e.id, e.supersedes_id, o.depth - 1 from evidence e join older o on e.id = o.supersedes_id where e.org_id = ${orgId} and o.depth > -100
    ), newer as (
      select id, 0 as depth from evidence where id = ${evidenceId} and org_id = ${orgId}
      union all
      select e.id, n.depth + 1 from evidence e join newer n on e.supersedes_id = n.id where e.org_id = ${orgId} and n.depth < 100
    ), chain as (select id, depth from older union select id, depth from newer)
    select e.id, e.title, e.file_name, e.status, e.created_at, c.depth
    from chain c join evidence e on e.id = c.id order by c.depth, e.created_at`.execute(db);
  return rows.rows;
}

export type CreateEvidenceResult = { ok: true; ids: string[] } | { ok: false; status: number; message: string; fieldErrors?: Record<string, string[]> };

/** Writes one evidence row per received file, in one transaction (audited); the caller deletes the blobs on failure. */
export async function createEvidence(
  db: Kysely<Database>,
  input: { orgId: string; supplierId: string; userId: string; fields: Record<string, string>; files: readonly ReceivedFile[]; ip: string | null },
): Promise<CreateEvidenceResult> {
  const parsed = parseEvidenceFields(input.fields);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message, fieldErrors: parsed.fieldErrors };
  const { meta, columns } = parsed;
  if (meta.supersedesId) {
    if (input.files.length !== 1) return { ok: false, status: 400, message: "A new version replaces one document: upload a single file.", fieldErrors: { supersedesId: ["Upload a single file to replace a document."] } };
    const old = await db
      .selectFrom("evidence")
      .select(["kind"])
      .where("org_id", "=", input.orgId)
      .where("supplier_id", "=", input.supplierId)
      .where("id", "=", meta.supersedesId)
      .executeTakeFirst();
    if (!old) return { ok: false, status: 400, message: "The document to replace was not found.", fieldErrors: { supersedesId: ["Choose one of this supplier's documents."] } };
    if (old.kind !== meta.kind) return { ok: false, status: 400, message: `A new version must be the same kind (${KIND_LABELS[old.kind]}).`, fieldErrors: { kind: [`Choose ${KIND_LABELS[old.kind]}.`] } };
  }
  const found = await questionLink(db, input);
  if (found === "invalid") return { ok: false, status: 400, message: "That questionnaire question is not open for this supplier." };

  const link = found;
  const ids = await db.transaction().execute(insertRows);
  return { ok: true, ids };

  async function insertRows(trx: Db): Promise<string[]> {
    const out: string[] = [];
    for (const file of input.files) {
      const title = meta.title ? (input.files.length > 1 ? `${meta.title} — ${file.fileName}` : meta.title) : file.fileName;
      const row = await trx
        .insertInto("evidence")
        .values({
          id: file.evidenceId, // chosen before the upload: the blob key is derived from it
          org_id: input.orgId,
          supplier_id: input.supplierId,
          kind: meta.kind,
          title,
          file_name: file.fileName,
          content_type: file.contentType,
          size_bytes: file.blob.sizeBytes,
          sha256: file.blob.sha256,
          storage_key: file.blob.key,
          supersedes_id: meta.supersedesId,
          uploaded_by: input.userId,
          ...(columns satisfies KindColumns),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      out.push(row.id);
      if (link) await trx.insertInto("evidence_questions").values({ evidence_id: row.id, org_id: input.orgId, ...link }).execute();
      await recordAudit(trx, {
        orgId: input.orgId,
        actorUserId: input.userId,
        action: "evidence.upload",
        entityType: "evidence",
        entityId: row.id,
        summary: { supplierId: input.supplierId, kind: meta.kind, fileName: file.fileName, sizeBytes: file.blob.sizeBytes, sha256: file.blob.sha256, supersedes: meta.supersedesId },
        ip: input.ip,
      });
      await trx
        .insertInto("notifications")
        .values({
          org_id: input.orgId,
          supplier_id: null,
          kind: "evidence_uploaded",
          title: `New ${KIND_LABELS[meta.kind]} to review`,
          body: `${file.fileName} was uploaded and waits for review.`,
          link: `/evidence/${row.id}`,
          dedupe_key: `evidence-uploaded:${row.id}`,
        })
        .execute();
    }
    return out;
  }
}

async function questionLink(db: Db, input: { orgId: string; supplierId: string; fields: Record<string, string> }) {
  const assessmentId = input.fields.assessmentId?.trim();
  const questionId = input.fields.questionId?.trim();
  if (!assessmentId && !questionId) return null;
  if (!assessmentId || !questionId || !isUuid(assessmentId) || !isUuid(questionId)) return "invalid" as const;
  const row = await db
    .selectFrom("assessments as a")
    .innerJoin("questions as q", "q.template_version_id", "a.template_version_id")
    .select(["a.id as assessment_id", "q.id as question_id"])
    .where("a.org_id", "=", input.orgId)
    .where("a.supplier_id", "=", input.supplierId)
    .where("a.id", "=", assessmentId)
    .where("q.id", "=", questionId)
    .executeTakeFirst();
  return row ?? ("invalid" as const);
}

export type ReviewDecision = { decision: "accept" | "reject"; note: string | null };

/**
 * Accepts or rejects a pending item. Accepting a DR test report no older than 12 months with its
 * achieved RTO and RPO makes them the supplier's tested figures (unless a newer test already is),
 * in the same transaction, audited with before and after.
 */
export async function reviewEvidence(
  db: Kysely<Database>,
  input: { orgId: string; evidenceId: string; userId: string; ip: string | null; asOf?: Date } & ReviewDecision,
): Promise<{ ok: true; testedFiguresUpdated: boolean; supplierId: string } | { ok: false; status: number; message: string }> {
  const asOf = input.asOf ?? new Date();
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom("evidence")
      .select(["id", "supplier_id", "kind", "status", "title", "test_date", "achieved_rto_min", "achieved_rpo_min"])
      .where("org_id", "=", input.orgId)
      .where("id", "=", input.evidenceId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) return { ok: false as const, status: 404, message: "Not found" };
    if (item.status !== "pending") return { ok: false as const, status: 409, message: `This item was already ${item.status}.` };
    const status = input.decision === "accept" ? "accepted" : "rejected";
    await trx
      .updateTable("evidence")
      .set({ status, review_note: input.note, reviewed_by: input.userId, reviewed_at: asOf })
      .where("id", "=", item.id)
      .execute();
    await recordAudit(trx, {
      orgId: input.orgId,
      actorUserId: input.userId,
      action: `evidence.${input.decision}`,
      entityType: "evidence",
      entityId: item.id,
      summary: { before: { status: item.status }, after: { status }, note: input.note },
      ip: input.ip,
    });
    let testedFiguresUpdated = false;
    if (
      status === "accepted" &&
      item.kind === "dr_test" &&
      item.achieved_rto_min !== null &&
      item.achieved_rpo_min !== null &&
      isTestCurrent(item.test_date, asOf)
    ) {
      const supplier = await trx
        .selectFrom("suppliers")
        .select(["tested_rto_min", "tested_rpo_min", "tested_at"])
        .where("org_id", "=", input.orgId)
        .where("id", "=", item.supplier_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const testDate = isoDate(item.test_date!);
      if (!supplier.tested_at || isoDate(supplier.tested_at) <= testDate) {
        const after = { tested_rto_min: item.achieved_rto_min, tested_rpo_min: item.achieved_rpo_min, tested_at: testDate };
        await trx.updateTable("suppliers").set({ ...after, updated_at: asOf }).where("org_id", "=", input.orgId).where("id", "=", item.supplier_id).execute();
        await recordAudit(trx, {
          orgId: input.orgId,
          actorUserId: input.userId,
          action: "supplier.tested_figures",
          entityType: "supplier",
          entityId: item.supplier_id,
          summary: {
            before: { ...supplier, tested_at: supplier.tested_at ? isoDate(supplier.tested_at) : null },
            after,
            fromEvidence: item.id,
          },
          ip: input.ip,
        });
        testedFiguresUpdated = true;
      }
    }
    await trx
      .insertInto("notifications")
      .values({
        org_id: input.orgId,
        supplier_id: item.supplier_id,
        kind: `evidence_${status}`,
        title: `${KIND_LABELS[item.kind as EvidenceKind]} ${status}: ${item.title}`,
        body: input.note ?? "",
        link: `/suppliers/${item.supplier_id}/evidence`,
        dedupe_key: `evidence-reviewed:${item.id}`,
      })
      .onConflict((oc) => oc.columns(["org_id", "dedupe_key"]).doNothing())
      .execute();
    return { ok: true as const, testedFiguresUpdated, supplierId: item.supplier_id };
  });
}

/** Current (not replaced) accepted items expiring within `days`, soonest first. */
export async function listExpiring(db: Db, orgId: string, asOf: Date, days: number) {
  const today = isoDate(asOf);
  const until = isoDate(new Date(asOf.getTime() + days * 86_400_000));
  return db
    .selectFrom("evidence as e")
    .innerJoin("suppliers as s", (j) => j.onRef("s.id", "=", "e.supplier_id").onRef("s.org_id", "=", "e.org_id"))
    .select(["e.id", "e.supplier_id", "s.name as supplier_name", "e.kind", "e.title", "e.valid_to", "e.status"])
    .where("e.org_id", "=", orgId)
    .where("e.status", "=", "accepted")
    .where("e.valid_to", ">=", sql<Date>`cast(${today} as date)`)
    .where("e.valid_to", "<=", sql<Date>`cast(${until} as date)`)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("evidence as n").select("n.id").whereRef("n.supersedes_id", "=", "e.id").where("n.status", "=", "accepted"))),
    )
    .orderBy("e.valid_to")
    .orderBy("s.name")
    .execute();
}

/** Items waiting for review, oldest first. */
export async function listPendingReview(db: Db, orgId: string) {
  return db
    .selectFrom("evidence as e")
    .innerJoin("suppliers as s", (j) => j.onRef("s.id", "=", "e.supplier_id").onRef("s.org_id", "=", "e.org_id"))
    .leftJoin("users as u", "u.id", "e.uploaded_by")
    .select(["e.id", "e.supplier_id", "s.name as supplier_name", "e.kind", "e.title", "e.file_name", "e.created_at", "u.name as uploaded_by_name"])
    .where("e.org_id", "=", orgId)
    .where("e.status", "=", "pending")
    .orderBy("e.created_at")
    .limit(500)
    .execute();
}
