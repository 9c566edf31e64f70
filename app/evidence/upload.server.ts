import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Readable } from "node:stream";
import busboy from "busboy";
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
  /** The id the evidence row will get (its blob key is derived from it). */
  evidenceId: string;
  fileName: string;
  contentType: string;
  blob: StoredBlob;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

/**
 * A file stream's chunks as busboy pushed them. A Readable's own async iterator reads whatever is
 * buffered at once, joined into one new Buffer: during a fast upload a copy of most of the bytes
 * (CPU, and as much garbage again). Stops listening when the consumer stops.
 */
async function* pushedChunks(stream: Readable): AsyncGenerator<Buffer> {
  if (stream.readableEnded) return;
  if (stream.destroyed) throw stream.errored ?? new Error("The file's stream closed before its end.");
  const queue: Buffer[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    stream.pause(); // one chunk at a time: backpressure down to the request
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: unknown) => {
    failure ??= error;
    notify();
  };
  const onClose = () => {
    if (!ended) failure ??= new Error("The file's stream closed before its end.");
    notify();
  };
  stream.on("data", onData);
  stream.on("end", onEnd);
  stream.on("error", onError);
  stream.on("close", onClose);
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        if (queue.length === 0) stream.resume();
        yield chunk;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off("data", onData);
    stream.off("end", onEnd);
    stream.off("error", onError);
    stream.off("close", onClose);
    // A consumer that stops early (size limit, refused content) ends the file here, as a Readable's
    // own iterator does: the parser then skips the rest of the part, and a later error on the
    // stream (the parser being destroyed) has nobody left to reach.
    if (!ended) stream.destroy();
  }
}

/** Passes the bytes through, sniffing the head before anything is stored and checking the rest on the way. */
async function* inspected(data: Readable, inspector: ContentInspector): AsyncGenerator<Uint8Array> {
  const iterator = pushedChunks(data);
  try {
    const headParts: Uint8Array[] = [];
    let headBytes = 0;
    while (headBytes < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      headParts.push(next.value);
      headBytes += next.value.length;
    }
    const head = headParts.length === 1 ? headParts[0]! : Buffer.concat(headParts);
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
  } finally {
    await iterator.return(undefined); // stop listening, so the caller can drain what is left
  }
}

export interface ReceiveOptions {
  /** The organisation the files belong to: part of every blob key. */
  orgId: string;
  /** Check the CSRF field (browser forms); API calls authenticate with a bearer token instead. */
  csrf: boolean;
  maxBytes?: number;
  /** Validates the metadata fields as soon as the first file starts (fields come first in our forms). */
  checkFields?: (fields: Record<string, string>) => UploadError | null;
}

/**
 * The blob key of an evidence file: organisation, the evidence row's id (chosen before the upload)
 * and the upload's start time, so the housekeeping can tell abandoned uploads from running ones.
 * Never anything from the file name.
 */
export function evidenceBlobKey(orgId: string, evidenceId: string, startedAt = Date.now()): string {
  return `${EVIDENCE_KEY_PREFIX}:${orgId}:${evidenceId}:${startedAt}`;
}

type FieldHandler = (name: string, value: string) => void;
type FileHandler = (name: string, filename: string | undefined, contentType: string, data: Readable) => Promise<void>;

/**
 * Parses a multipart body with busboy (a native-speed boundary search; the Remix parser spent
 * most of an upload's CPU time searching byte by byte). Parts are handed over strictly in order,
 * one file at a time: a file's stream is read to its end (with backpressure down to the request)
 * before the next part is seen. Stops reading the request at the first error.
 */
async function parseMultipart(body: ReadableStream<Uint8Array>, contentType: string, onField: FieldHandler, onFile: FileHandler): Promise<void> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8", // browsers send file names as raw UTF-8
      limits: { fieldSize: MAX_FIELD_BYTES, fields: 200, files: MAX_FILES, parts: 300 },
    });
  } catch {
    throw new UploadError(400, "The upload could not be read. Try again.");
  }
  const reader = body.getReader();
  let failure: unknown = null;
  let stop!: (error: unknown) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => {});
  const fail = (error: unknown) => {
    if (failure) return;
    failure = error;
    stop(error);
  };
  // Parts in order: each handler starts after the one before it has finished.
  let queue: Promise<void> = Promise.resolve();
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fail(new UploadError(413, `The form field “${name}” is too long.`));
    queue = queue.then(() => {
      if (!failure) onField(name, value);
    });
  });
  parser.on("file", (name, stream, info) => {
    queue = queue.then(async () => {
      if (failure) return void stream.resume();
      try {
        await onFile(name, info.filename, info.mimeType, stream);
      } catch (error) {
        fail(error);
      } finally {
        stream.resume(); // whatever the handler left unread
      }
    });
  });
  parser.on("filesLimit", () => fail(new UploadError(413, `Upload at most ${MAX_FILES} files at once.`)));
  parser.on("fieldsLimit", () => fail(new UploadError(413, "The form has too many fields.")));
  parser.on("partsLimit", () => fail(new UploadError(413, "The form has too many parts.")));
  parser.on("error", () => fail(new UploadError(400, "The upload could not be read. Try again.")));
  const parsed = new Promise<void>((resolve) => parser.once("close", resolve));

  try {
    // Feed the request into the parser, waiting whenever it (and so the file being stored) is busy.
    for (;;) {
      const next = await Promise.race([reader.read(), stopped]);
      if (next.done) break;
      if (!parser.write(next.value)) await Promise.race([once(parser, "drain"), stopped]);
    }
    parser.end();
    await Promise.race([parsed, stopped]);
    await Promise.race([queue, stopped]);
    if (failure) throw failure;
  } catch (error) {
    fail(error);
    // Ends the file being stored with an error, so its store deletes what it wrote.
    parser.destroy(new Error("The upload was stopped."));
    // Stop reading the rest of the body, but do not cancel it: that would reset the connection
    // before the answer goes out. The route answers with `Connection: close` instead.
    reader.releaseLock();
    await queue.catch(() => {});
    throw failure;
  }
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
  if (!request.body) throw new UploadError(400, "Choose at least one file to upload.", { file: ["Choose at least one file to upload."] });
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
    await parseMultipart(
      request.body,
      contentType,
      (name, value) => {
        fields[name] = value;
      },
      async (name, filename, mimeType, data) => {
        // A file input left empty: browsers still send an empty part.
        if (!filename) return;
        if (fields.csrf !== undefined) await checkCsrf();
        if (!fieldsChecked && options.checkFields && fields.kind !== undefined) {
          const problem = options.checkFields(fields);
          if (problem) throw problem;
          fieldsChecked = true;
        }
        const fileName = sanitizeFileName(filename);
        // A part without a Content-Type is text/plain by definition (RFC 7578), so treat that as no claim.
        const inspector = new ContentInspector(fileName, mimeType === "text/plain" ? "" : mimeType);
        const evidenceId = randomUUID();
        const blob = await store.put(inspected(data, inspector), { maxBytes, key: evidenceBlobKey(options.orgId, evidenceId) });
        const file: ReceivedFile = { field: name, fileName, contentType: "", blob, evidenceId };
        files.push(file); // pushed first, so a refusal below still deletes the blob
        file.contentType = (await inspector.finish()).mime;
      },
    );
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
