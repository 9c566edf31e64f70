import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { applyPortfolioImport, previewPortfolioImport } from "./data/portfolio.server";
import { validateCsrf } from "./csrf.server";
import { MAX_UPLOAD_BYTES, parsePortfolioUpload, spoolUpload } from "./domain/portfolio";
import type { TaskHandler } from "./jobs/tasks.server";
import { requestRecompute } from "./resilience.server";
import { BlobTooLargeError, getBlobStore } from "./storage.server";

/*
 * The portfolio import as a two-step job: the uploaded file is stored once; a "preview" task
 * parses and validates it (counts and every problem), an "apply" task re-parses the same stored
 * file and writes it in one transaction. Both run on the queue, so 100,000 rows never hold a
 * request open, and the page shows progress.
 */

export const PROBLEMS_SHOWN = 500;

export class UploadRejected extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Streams a multipart upload's `file` field into the blob store (never whole in memory). */
export async function storeMultipartUpload(db: Kysely<Database>, request: Request, maxBytes = MAX_UPLOAD_BYTES) {
  const store = getBlobStore(db);
  let stored: { key: string; fileName: string; sizeBytes: number } | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== "file" || !filename) {
      // Small text fields (csrf, intent); anything big here is not a form we sent.
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.length;
        if (size > 10_000) throw new UploadRejected("Unexpected form field.", 400);
        parts.push(chunk);
      }
      return Buffer.concat(parts).toString("utf8");
    }
    try {
      const blob = await store.put(data, { maxBytes, keyPrefix: "import" });
      stored = { key: blob.key, fileName: filename.slice(0, 255), sizeBytes: blob.sizeBytes };
    } catch (error) {
      if (error instanceof BlobTooLargeError) {
        tooLarge = true;
        return undefined;
      }
      throw error;
    }
    return filename;
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  const file = stored as { key: string; fileName: string; sizeBytes: number } | null;
  try {
    await validateCsrf(form, request);
  } catch (error) {
    if (file) await store.delete(file.key);
    throw error;
  }
  if (tooLarge) throw new UploadRejected(`The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB. Split it, or import CSV sheets one by one.`, 413);
  if (!file) throw new UploadRejected("Choose a file to upload (.xlsx or .csv).", 400);
  if (file.sizeBytes === 0) {
    await store.delete(file.key);
    throw new UploadRejected("The file is empty.", 400);
  }
  return file;
}

export interface ImportTaskParams {
  storageKey: string;
  fileName: string;
  apply: boolean;
  /** For an apply task: the preview task it confirms. */
  previewTaskId?: string;
}

export const importTaskHandler: TaskHandler = async ({ db, task, progress }) => {
  const params = task.params as unknown as ImportTaskParams;
  await progress(2, "Reading the file");
  const spooled = await spoolUpload(getBlobStore(db).get(params.storageKey), MAX_UPLOAD_BYTES);
  if ("tooLarge" in spooled) return { status: "rejected", message: "The stored file is larger than the upload limit." };
  try {
    await progress(10, "Checking the workbook");
    const parsed = await parsePortfolioUpload({ path: spooled.path }, { fileName: params.fileName });
    if (parsed.status === "rejected") return { status: "rejected", message: parsed.message, problems: [], problemCount: 0 };
    if (!params.apply) {
      await progress(60, "Comparing with your current data");
      const preview = await previewPortfolioImport(db, task.orgId, parsed);
      return {
        status: "preview",
        counts: preview.counts,
        problemCount: preview.problemCount,
        problems: preview.problems.slice(0, PROBLEMS_SHOWN),
        warnings: preview.warnings.slice(0, PROBLEMS_SHOWN),
      };
    }
    await progress(30, "Applying");
    const outcome = await applyPortfolioImport(db, task.orgId, task.createdBy, parsed, {
      fileName: params.fileName,
      onProgress: ({ sheet, written, total }) => progress(30 + Math.round(65 * (written / Math.max(1, total))), `Writing ${sheet}: ${written} of ${total}`),
    });
    if (outcome.status === "rejected") {
      return { status: "rejected", message: "Nothing was applied: the file has problems.", problems: outcome.problems.slice(0, PROBLEMS_SHOWN), problemCount: outcome.problemCount };
    }
    await requestRecompute(db, task.orgId, task.createdBy);
    return { status: "applied", counts: outcome.counts };
  } finally {
    await spooled.remove();
  }
};
