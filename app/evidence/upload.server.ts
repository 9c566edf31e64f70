import { unstable_parseMultipartFormData } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { validateCsrf } from "../csrf.server";
import { ContentInspector, FileRefusedError, HEAD_BYTES, sanitizeFileName, type FieldErrors } from "../domain/evidence";
import { BlobTooLargeError, getBlobStore, type StoredBlob } from "../storage.server";

/*
 * Streaming evidence upload: multipart parts are read one at a time, each file is sniffed from its
 * first bytes, then streamed into the blob store (hashed, size-limited) and never held whole in
 * memory. Any failure deletes every blob this request stored; the caller writes evidence rows only
 * after everything arrived and checked out.
 */

const MB = 1024 * 1024;
export const DEFAULT_MAX_BYTES = 50 * MB;
/** Per file; `EVIDENCE_MAX_MB` overrides the default of 50 MB. */
export function evidenceMaxBytes(): number {
  const mb = Number(process.env.EVIDENCE_MAX_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb * MB) : DEFAULT_MAX_BYTES;
}
export const MAX_FILES = 10;
const MAX_FIELD_BYTES = 16 * 1024;
const YIELD_EVERY_BYTES = 256 * 1024;
/** Blob keys carry the upload's start time, so a clean-up can tell abandoned uploads from running ones. */
export const EVIDENCE_KEY_PREFIX = "evidence";

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export interface ReceivedFile {
  field: string;
  fileName: string;
  contentType: string;
  blob: StoredBlob;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

async function readField(data: AsyncIterable<Uint8Array>, name: string): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > MAX_FIELD_BYTES) throw new UploadError(413, `The form field “${name}” is too long.`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** Passes the bytes through, sniffing the head before anything is stored and checking the rest on the way. */
async function* inspected(data: AsyncIterable<Uint8Array>, inspector: ContentInspector): AsyncGenerator<Uint8Array> {
  const iterator = data[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    headParts.push(next.value);
    headBytes += next.value.length;
  }
  const head = Buffer.concat(headParts);
  inspector.head(head);
  inspector.update(head);
  yield head;
  let sinceYield = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    inspector.update(next.value);
    yield next.value;
    // With the embedded database every step of the copy can be a microtask; let the event loop turn
    // now and then so the garbage collector finishes its work (else the heap grows through a large upload).
    sinceYield += next.value.length;
    if (sinceYield >= YIELD_EVERY_BYTES) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await inspector.finish();
}

export interface ReceiveOptions {
  /** Check the CSRF field (browser forms); API calls authenticate with a bearer token instead. */
  csrf: boolean;
  maxBytes?: number;
  /** Validates the metadata fields as soon as the first file starts (fields come first in our forms). */
  checkFields?: (fields: Record<string, string>) => UploadError | null;
}

/**
 * Reads a multipart upload. Metadata fields should come before the files (the page's form puts
 * them first): then a bad form is refused before any file byte is stored. In the other order the
 * files are stored first and removed again if the fields turn out to be invalid.
 */
export async function receiveEvidenceUpload(db: Kysely<Database>, request: Request, options: ReceiveOptions): Promise<ReceivedUpload> {
  const maxBytes = options.maxBytes ?? evidenceMaxBytes();
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw new UploadError(415, "Send the files as multipart/form-data.");
  }
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes * MAX_FILES + MB) {
    throw new UploadError(413, tooLargeMessage(maxBytes));
  }
  const store = getBlobStore(db);
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  let csrfChecked = false;
  let fieldsChecked = false;

  const checkCsrf = async () => {
    if (!options.csrf || csrfChecked) return;
    const form = new FormData();
    if (fields.csrf !== undefined) form.set("csrf", fields.csrf);
    await validateCsrf(form, request);
    csrfChecked = true;
  };

  try {
    await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename === undefined) {
        const value = await readField(part.data, part.name);
        fields[part.name] = value;
        return value;
      }
      if (part.filename === "") {
        // A file input left empty: browsers still send an empty part.
        for await (const _ of part.data) void _;
        return undefined;
      }
      if (files.length >= MAX_FILES) throw new UploadError(413, `Upload at most ${MAX_FILES} files at once.`);
      if (fields.csrf !== undefined) await checkCsrf();
      if (!fieldsChecked && options.checkFields && fields.kind !== undefined) {
        const problem = options.checkFields(fields);
        if (problem) throw problem;
        fieldsChecked = true;
      }
      const fileName = sanitizeFileName(part.filename);
      const inspector = new ContentInspector(fileName, part.contentType ?? "");
      const blob = await store.put(inspected(part.data, inspector), { maxBytes, keyPrefix: `${EVIDENCE_KEY_PREFIX}:${Date.now()}` });
      const { mime } = await inspector.finish();
      files.push({ field: part.name, fileName, contentType: mime, blob });
      return fileName;
    });
    await checkCsrf();
    if (!fieldsChecked && options.checkFields) {
      const problem = options.checkFields(fields);
      if (problem) throw problem;
    }
    if (files.length === 0) throw new UploadError(400, "Choose at least one file to upload.", { file: ["Choose at least one file to upload."] });
  } catch (error) {
    await discardFiles(db, files);
    if (error instanceof BlobTooLargeError) throw new UploadError(413, tooLargeMessage(maxBytes));
    if (error instanceof FileRefusedError) throw new UploadError(415, error.message, { file: [error.message] });
    if (error instanceof TypeError && /parse content as FormData/.test(error.message)) throw new UploadError(400, "The upload could not be read. Try again.");
    throw error;
  }
  return { fields, files };
}

export async function discardFiles(db: Kysely<Database>, files: readonly ReceivedFile[]) {
  const store = getBlobStore(db);
  for (const f of files) await store.delete(f.blob.key).catch(() => {});
}

export function tooLargeMessage(maxBytes: number): string {
  return `Each file may be at most ${Math.round(maxBytes / MB)} MB. Compress or split larger documents (for example, export the PDF at a lower image quality) and upload again.`;
}
