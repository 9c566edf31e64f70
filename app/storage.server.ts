import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type * as S3Sdk from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type * as S3Storage from "@aws-sdk/lib-storage";
import { sql, type Kysely } from "kysely";
import type { Connection, Pool as PgPool, Submittable } from "pg";
import { pgPoolOf, readDatabaseConfig } from "../db/connection";
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
 * hundreds (each is a round trip and a commit), small enough that the chunks in flight stay a
 * few MB. Older blobs stored with other chunk sizes read the same (chunks are read by number).
 */
export const CHUNK_BYTES = 1024 * 1024;

/*
 * PostgreSQL chunks go in with COPY FROM STDIN in the binary format: for one blob_chunks row
 * (storage_key text, seq int4, data bytea) the file header, the row's header with the field
 * lengths, the data and the trailer, all in one CopyData message. The data is written as the
 * pieces it arrived in, in one corked burst (one writev), so no byte of a file is copied on its way
 * to the server. A bound INSERT parameter is copied into the driver's message buffer first, and
 * its chunk had to be assembled (copied) before that.
 */
const COPY_SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const COPY_TRAILER = Buffer.from([0xff, 0xff]);
/** CopyDone: 'c', length 4. */
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);
/*
 * Each chunk commits without waiting for its WAL to reach the disk (saves a flush per chunk, 45 for
 * a 45 MB file). Nothing is lost by it: a blob is only used once the row that refers to it
 * (evidence, task result) commits, and that commit waits for the WAL up to itself, chunks included.
 * A crash before then leaves at most an orphan, as it always could (evidence housekeeping removes those).
 */
const COPY_CHUNK_SQL = "set local synchronous_commit = off; copy blob_chunks (storage_key, seq, data) from stdin (format binary)";

/** The CopyData message header ('d', length), the binary COPY header and the row's header, before the data. */
function copyChunkHead(key: Buffer, seq: number, dataBytes: number): Buffer {
  const payloadHead = COPY_SIGNATURE.length + 8 + 2 + 4 + key.length + 4 + 4 + 4;
  const head = Buffer.alloc(5 + payloadHead);
  head[0] = 0x64;
  let at = head.writeUInt32BE(4 + payloadHead + dataBytes + COPY_TRAILER.length, 1);
  at += COPY_SIGNATURE.copy(head, at);
  at = head.writeInt32BE(0, at); // flags
  at = head.writeInt32BE(0, at); // header extension length
  at = head.writeInt16BE(3, at); // fields in the row
  at = head.writeInt32BE(key.length, at);
  at += key.copy(head, at);
  at = head.writeInt32BE(4, at);
  at = head.writeInt32BE(seq, at);
  head.writeInt32BE(dataBytes, at);
  return head;
}

/**
 * One COPY FROM STDIN of data already in memory, as a pg "submittable" (the driver's interface for
 * custom queries, as pg-cursor and pg-copy-streams use it). Settles when the server is ready again.
 */
class CopyChunk implements Submittable {
  readonly done: Promise<void>;
  private settle!: (error?: Error) => void;

  constructor(
    private readonly head: Buffer,
    private readonly pieces: readonly Uint8Array[],
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  submit(connection: Connection): void {
    connection.query(COPY_CHUNK_SQL);
  }

  handleCopyInResponse(connection: Connection): void {
    const socket = connection.stream;
    socket.cork();
    socket.write(this.head);
    for (const piece of this.pieces) socket.write(piece);
    socket.write(COPY_TRAILER);
    socket.write(COPY_DONE);
    socket.uncork();
  }

  handleError(error: Error): void {
    this.settle(error); // the server's ReadyForQuery that follows goes to no query
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Pieces smaller than this are copied into a staging buffer of STAGING_BYTES rather than kept as views. */
const SMALL_PIECE_BYTES = 16 * 1024;
const STAGING_BYTES = 64 * 1024;

export class DatabaseBlobStore implements BlobStore {
  readonly kind = "database";

  /**
   * @param textTransfer send and read chunks as base64 text, decoded by the database. Needed on
   *   PGlite, whose own bytea encoder builds one string per byte (tens of MB of garbage per chunk);
   *   on PostgreSQL the chunks go in with binary COPY (see `pool`), so it stays off there.
   * @param pool the pg pool behind `db` on PostgreSQL: chunks are written with COPY FROM STDIN,
   *   one short statement per chunk on a connection of their own. Without it (PGlite), INSERT.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly textTransfer = false,
    private readonly pool?: PgPool,
    /** Chunk writes in flight at once (PostgreSQL writes them in parallel; PGlite one after another). */
    private readonly writesInFlight = textTransfer ? 1 : 2,
  ) {}

  async put(content: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredBlob> {
    const key = options.key ?? `${options.keyPrefix ?? "db"}:${randomUUID()}`;
    const hash = createHash("sha256");
    let size = 0;
    let seq = 0;
    // The pieces of the chunk being filled, as they arrived (views, never copies). Reading the
    // request and writing to the database overlap: the next chunk fills while earlier ones are
    // written. Waiting for the oldest write before starting another is the backpressure that keeps
    // memory at a few chunks however fast the client sends.
    let pieces: Uint8Array[] = [];
    let filled = 0;
    // Small pieces (a client trickling a few bytes per packet) are copied together instead: a
    // chunk is then at most a few hundred views however the bytes arrive, and a view never keeps a
    // much larger network buffer alive for a few bytes of it.
    let staging: Buffer | null = null;
    let stagedFrom = 0;
    let staged = 0;
    const unstage = () => {
      if (staged > stagedFrom) pieces.push(staging!.subarray(stagedFrom, staged));
      stagedFrom = staged;
    };
    const append = (view: Uint8Array) => {
      if (view.byteLength >= SMALL_PIECE_BYTES) {
        unstage();
        pieces.push(view);
      } else {
        if (!staging || staging.length - staged < view.byteLength) {
          unstage();
          staging = Buffer.allocUnsafe(STAGING_BYTES);
          stagedFrom = staged = 0;
        }
        staging.set(view, staged);
        staged += view.byteLength;
      }
      filled += view.byteLength;
    };
    const writing: Promise<unknown>[] = [];
    const write = async () => {
      unstage();
      if (writing.length >= this.writesInFlight) await writing.shift();
      const chunk = this.writeChunk(key, seq++, pieces, filled);
      chunk.catch(() => {}); // awaited above, below or in the catch; no unhandled rejection meanwhile
      writing.push(chunk);
      pieces = [];
      filled = 0;
    };
    try {
      for await (const piece of content) {
        size += piece.byteLength;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        hash.update(piece);
        let offset = 0;
        while (piece.byteLength - offset >= CHUNK_BYTES - filled) {
          const take = CHUNK_BYTES - filled;
          append(offset === 0 && take === piece.byteLength ? piece : piece.subarray(offset, offset + take));
          offset += take;
          await write();
        }
        if (offset < piece.byteLength) append(offset === 0 ? piece : piece.subarray(offset));
      }
      if (filled) await write();
      await Promise.all(writing);
    } catch (error) {
      // An interrupted or refused upload leaves nothing behind: let the writes land, then delete.
      await Promise.allSettled(writing);
      await this.delete(key);
      throw error;
    }
    return { key, sizeBytes: size, sha256: hash.digest("hex") };
  }

  private async writeChunk(key: string, seq: number, pieces: readonly Uint8Array[], bytes: number): Promise<void> {
    if (this.pool) return this.copyChunk(this.pool, key, seq, pieces, bytes);
    const chunk = pieces.length === 1 ? Buffer.from(pieces[0]!.buffer, pieces[0]!.byteOffset, bytes) : Buffer.concat(pieces, bytes);
    const data = this.textTransfer ? sql<Uint8Array>`decode(${chunk.toString("base64")}, 'base64')` : chunk;
    await this.db.insertInto("blob_chunks").values({ storage_key: key, seq, data }).execute();
  }

  /** One chunk as one row of a binary COPY, in its own short statement (so no connection is held between chunks). */
  private async copyChunk(pool: PgPool, key: string, seq: number, pieces: readonly Uint8Array[], bytes: number): Promise<void> {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      await client.query(new CopyChunk(copyChunkHead(Buffer.from(key), seq, bytes), pieces)).done;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // After a failure mid-COPY the connection's state is uncertain: the pool replaces it.
      client.release(failure);
    }
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

/*
 * The AWS SDK (client-s3 and lib-storage, ≈ 25 MB resident) is imported when an S3 store is first
 * used, not with this module: every server process imports this file (and the server bundle), and
 * one storing in the database should not carry the SDK.
 */
let sdk: Promise<{ s3: typeof S3Sdk; storage: typeof S3Storage }> | undefined;

function loadSdk() {
  sdk ??= Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]).then(([s3, storage]) => ({ s3, storage }));
  return sdk;
}

export async function createS3Client(settings: S3Settings): Promise<S3Client> {
  const { s3 } = await loadSdk();
  return new s3.S3Client({
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

  constructor(readonly settings: S3Settings) {}

  /** This store's client, with the SDK (loaded on first use). */
  async sdk() {
    const [client, { s3, storage }] = await Promise.all([s3Client(this.settings), loadSdk()]);
    return { client, s3, storage };
  }

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
    const { client, storage } = await this.sdk();
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    const upload = new storage.Upload({
      client,
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
    const abortSignal = abortOnClose(out);
    this.sdk()
      .then(({ client, s3 }) => client.send(new s3.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }), { abortSignal }))
      .then(
      (response) => pipeline(response.Body as Readable, out).catch((error: unknown) => out.destroy(error as Error)),
      (error: unknown) => out.destroy(error as Error),
    );
    return out;
  }

  async delete(key: string): Promise<void> {
    const { client, s3 } = await this.sdk();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  /** Every stored key starting with `prefix` (a storage key prefix such as `evidence:`), with its upload time. */
  async *list(prefix: string): AsyncGenerator<{ key: string; lastModified: Date | undefined }> {
    const { client, s3 } = await this.sdk();
    const pages = s3.paginateListObjectsV2({ client }, { Bucket: this.settings.bucket, Prefix: this.objectKey(prefix) });
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

const clients = new Map<string, Promise<S3Client>>();

function s3Client(settings: S3Settings): Promise<S3Client> {
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
  if (s3) return new S3BlobStore(s3);
  const pool = pgPoolOf(db);
  return new DatabaseBlobStore(db, !pool && readDatabaseConfig().kind === "pglite", pool);
}
