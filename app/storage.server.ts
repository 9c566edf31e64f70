import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectCommand, GetObjectCommand, S3Client, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { sql, type Kysely } from "kysely";
import { readDatabaseConfig } from "../db/connection";
import type { Database } from "../db/schema";

/*
 * One interface for stored files (evidence, finished exports, spreadsheet imports). The default
 * keeps them in the database as 1 MiB chunks, so they stream in and out without ever being whole
 * in memory and work the same on PostgreSQL and PGlite. With S3_BUCKET set, files go to an
 * S3-compatible object store instead (AWS S3, MinIO, Ceph, R2, …), streamed as multipart uploads.
 */
export interface StoredBlob {
  key: string;
  sizeBytes: number;
  sha256: string;
}

export class BlobTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The file is larger than the limit of ${Math.round(limitBytes / (1024 * 1024))} MB.`);
    this.name = "BlobTooLargeError";
  }
}

export interface PutOptions {
  maxBytes?: number;
  /** A generated key `<keyPrefix>:<uuid>` (default prefix "db")… */
  keyPrefix?: string;
  /** …or exactly this key (evidence: derived from the organisation and the evidence id). */
  key?: string;
}

export interface BlobStore {
  readonly kind: "database" | "s3";
  /** Streams the content in, hashing as it goes; refuses (and leaves nothing) past `maxBytes`. */
  put(content: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoredBlob>;
  /** Streams the content out. */
  get(key: string): Readable;
  delete(key: string): Promise<void>;
}

/**
 * Chunk size of the database store. Large enough that a 45 MB file is ~45 statements rather than
 * hundreds (each is a round trip and a commit), small enough that two chunks in flight stay a
 * few MB. Older blobs stored with other chunk sizes read the same (chunks are read by number).
 */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Re-chunks any byte stream into pieces of exactly `size` bytes (the last may be shorter), copying
 * each byte once. Rotates through `buffers` buffers: the caller must be done with a chunk before
 * `buffers - 1` more have been taken (DatabaseBlobStore waits for the oldest write first).
 */
async function* fixedChunks(source: AsyncIterable<Uint8Array>, size: number, buffers: number): AsyncGenerator<Buffer> {
  const pool: Buffer[] = [];
  let turn = 0;
  const next = () => (pool[turn++ % buffers] ??= Buffer.allocUnsafeSlow(size));
  let chunk = next();
  let filled = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(size - filled, piece.byteLength - offset);
      chunk.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield chunk;
        chunk = next();
        filled = 0;
      }
    }
  }
  if (filled) yield chunk.subarray(0, filled);
}

export class DatabaseBlobStore implements BlobStore {
  readonly kind = "database";

  /**
   * @param textTransfer send and read chunks as base64 text, decoded by the database. Needed on
   *   PGlite, whose own bytea encoder builds one string per byte (tens of MB of garbage per chunk);
   *   on PostgreSQL the pg driver sends the Buffer as a binary parameter, so it stays off there.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly textTransfer = false,
    /** Chunk writes in flight at once (PostgreSQL writes them in parallel; PGlite one after another). */
    private readonly writesInFlight = textTransfer ? 1 : 2,
  ) {}

  async put(content: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredBlob> {
    const key = options.key ?? `${options.keyPrefix ?? "db"}:${randomUUID()}`;
    const hash = createHash("sha256");
    let size = 0;
    let seq = 0;
    // Reading the request and writing to the database overlap: the next chunk fills while earlier
    // ones are written. Waiting for the oldest write before starting another is the backpressure
    // that keeps memory at a few chunks however fast the client sends.
    const writing: Promise<unknown>[] = [];
    try {
      for await (const chunk of fixedChunks(content, CHUNK_BYTES, this.writesInFlight + 1)) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        hash.update(chunk);
        if (writing.length >= this.writesInFlight) await writing.shift();
        const write = this.insert(key, seq++, chunk);
        write.catch(() => {}); // awaited above, below or in the catch; no unhandled rejection meanwhile
        writing.push(write);
      }
      await Promise.all(writing);
    } catch (error) {
      // An interrupted or refused upload leaves nothing behind: let the writes land, then delete.
      await Promise.allSettled(writing);
      await this.delete(key);
      throw error;
    }
    return { key, sizeBytes: size, sha256: hash.digest("hex") };
  }

  private insert(key: string, seq: number, chunk: Buffer) {
    const data = this.textTransfer ? sql<Uint8Array>`decode(${chunk.toString("base64")}, 'base64')` : chunk;
    return this.db.insertInto("blob_chunks").values({ storage_key: key, seq, data }).execute();
  }

  get(key: string): Readable {
    const { db, textTransfer } = this;
    async function* read() {
      // One chunk per query keeps memory flat however large the file.
      for (let seq = 0; ; seq++) {
        const chunk = db.selectFrom("blob_chunks").where("storage_key", "=", key).where("seq", "=", seq);
        if (textTransfer) {
          const row = await chunk.select(sql<string>`encode(data, 'base64')`.as("b64")).executeTakeFirst();
          if (!row) return;
          yield Buffer.from(row.b64, "base64");
        } else {
          const row = await chunk.select("data").executeTakeFirst();
          if (!row) return;
          yield Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
        }
      }
    }
    return Readable.from(read(), { objectMode: false });
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom("blob_chunks").where("storage_key", "=", key).execute();
  }
}

// ------------------------------------------------------------------------------------------------
// S3-compatible object store
// ------------------------------------------------------------------------------------------------

export interface S3Settings {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, Ceph, R2, …); unset for AWS. */
  endpoint?: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Both or neither; neither → the AWS SDK's default chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Prepended to every object key, e.g. `portal/`. */
  prefix: string;
}

/** S3 settings from the environment, or null (S3_BUCKET unset → the database store). */
export function readS3Settings(env: NodeJS.ProcessEnv = process.env): S3Settings | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return null;
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (!accessKeyId !== !secretAccessKey) throw new Error("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither.");
  return {
    bucket,
    region: env.S3_REGION?.trim() || "us-east-1",
    endpoint: env.S3_ENDPOINT?.trim() || undefined,
    forcePathStyle: /^(1|true|yes)$/i.test(env.S3_FORCE_PATH_STYLE?.trim() ?? ""),
    accessKeyId,
    secretAccessKey,
    prefix: env.S3_PREFIX?.trim() ?? "",
  };
}

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.accessKeyId ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey! } : undefined,
    // Extra CRC checksums only where S3 requires them: many S3-compatible servers reject the
    // newer trailing-checksum uploads, and every file already carries our own SHA-256.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Multipart part size (S3's minimum) and parts in flight: at most ~3 parts of one upload in memory. */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

export class S3BlobStore implements BlobStore {
  readonly kind = "s3";

  constructor(
    readonly client: S3Client,
    readonly settings: S3Settings,
  ) {}

  /** Storage key `evidence:<org>:<id>:<ms>` → object key `<prefix>evidence/<org>/<id>/<ms>`. */
  objectKey(key: string): string {
    return this.settings.prefix + key.split(":").join("/");
  }

  storageKey(objectKey: string): string {
    return objectKey.slice(this.settings.prefix.length).split("/").join(":");
  }

  async put(content: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredBlob> {
    const key = options.key ?? `${options.keyPrefix ?? "blob"}:${randomUUID()}`;
    const hash = createHash("sha256");
    let size = 0;
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body, ContentType: "application/octet-stream" },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false, // a failed multipart upload is aborted (its parts deleted)
    });
    const done = upload.done();
    done.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
    try {
      for await (const piece of content) {
        size += piece.byteLength;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        hash.update(piece);
        // Backpressure: wait while the upload has its parts in flight (or fail as soon as it fails).
        if (!body.write(piece)) await Promise.race([once(body, "drain"), done]);
      }
      body.end();
      await done;
    } catch (error) {
      // Ends the upload with an error: lib-storage aborts the multipart upload. Then make sure no
      // object exists under the key (a single-part upload may have completed meanwhile).
      body.destroy(error instanceof Error ? error : new Error(String(error)));
      await done.catch(() => {});
      await this.delete(key).catch(() => {});
      throw error;
    }
    return { key, sizeBytes: size, sha256: hash.digest("hex") };
  }

  get(key: string): Readable {
    const out = new PassThrough();
    this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }), { abortSignal: abortOnClose(out) }).then(
      (response) => pipeline(response.Body as Readable, out).catch((error: unknown) => out.destroy(error as Error)),
      (error: unknown) => out.destroy(error as Error),
    );
    return out;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  /** Every stored key starting with `prefix` (a storage key prefix such as `evidence:`), with its upload time. */
  async *list(prefix: string): AsyncGenerator<{ key: string; lastModified: Date | undefined }> {
    const pages = paginateListObjectsV2({ client: this.client }, { Bucket: this.settings.bucket, Prefix: this.objectKey(prefix) });
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: this.storageKey(object.Key), lastModified: object.LastModified };
      }
    }
  }
}

/** Aborts the S3 request when the consumer goes away (a download cancelled half-way). */
function abortOnClose(stream: PassThrough): AbortSignal {
  const controller = new AbortController();
  stream.once("close", () => {
    if (!stream.readableEnded) controller.abort();
  });
  return controller.signal;
}

const clients = new Map<string, S3Client>();

function s3Client(settings: S3Settings): S3Client {
  const id = JSON.stringify(settings);
  let client = clients.get(id);
  if (!client) {
    client = createS3Client(settings);
    clients.set(id, client);
  }
  return client;
}

/** The configured store: S3 when S3_BUCKET is set, else the database. */
export function getBlobStore(db: Kysely<Database>): BlobStore {
  const s3 = readS3Settings();
  if (s3) return new S3BlobStore(s3Client(s3), s3);
  return new DatabaseBlobStore(db, readDatabaseConfig().kind === "pglite");
}
