import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { sql, type Kysely } from "kysely";
import { readDatabaseConfig } from "../db/connection";
import type { Database } from "../db/schema";

/*
 * One interface for stored files (evidence, finished exports). The default keeps them in the
 * database as 256 KiB chunks, so they stream in and out without ever being whole in memory and
 * work the same on PostgreSQL and PGlite. An S3-compatible store can implement the same interface.
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

export interface BlobStore {
  /** Streams the content in, hashing as it goes; refuses (and leaves nothing) past `maxBytes`. */
  put(content: AsyncIterable<Uint8Array>, options?: { maxBytes?: number; keyPrefix?: string }): Promise<StoredBlob>;
  /** Streams the content out. */
  get(key: string): Readable;
  delete(key: string): Promise<void>;
}

export const CHUNK_BYTES = 256 * 1024;

/** Re-chunks any byte stream into pieces of exactly `size` bytes (the last may be shorter). */
async function* fixedChunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (pendingBytes + buf.length >= size) {
      const take = size - pendingBytes;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending, size);
      pending = [];
      pendingBytes = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      // Copy: the source may reuse its buffer for the next piece.
      pending.push(Buffer.from(buf));
      pendingBytes += buf.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}

export class DatabaseBlobStore implements BlobStore {
  /**
   * @param hexTransfer send and read chunks as hex text, decoded by the database. Needed on PGlite,
   *   whose own bytea encoder builds one string per byte (tens of MB of garbage per chunk); on
   *   PostgreSQL the pg driver's binary path is leaner, so it stays off there.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hexTransfer = false,
  ) {}

  async put(content: AsyncIterable<Uint8Array>, options: { maxBytes?: number; keyPrefix?: string } = {}): Promise<StoredBlob> {
    const key = `${options.keyPrefix ?? "db"}:${randomUUID()}`;
    const hash = createHash("sha256");
    let size = 0;
    let seq = 0;
    try {
      for await (const chunk of fixedChunks(content, CHUNK_BYTES)) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        hash.update(chunk);
        const data = this.hexTransfer ? sql<Uint8Array>`decode(${chunk.toString("hex")}, 'hex')` : chunk;
        await this.db.insertInto("blob_chunks").values({ storage_key: key, seq: seq++, data }).execute();
      }
    } catch (error) {
      // An interrupted or refused upload leaves nothing behind.
      await this.delete(key);
      throw error;
    }
    return { key, sizeBytes: size, sha256: hash.digest("hex") };
  }

  get(key: string): Readable {
    const { db, hexTransfer } = this;
    async function* read() {
      // One chunk per query keeps memory flat however large the file.
      for (let seq = 0; ; seq++) {
        const chunk = db.selectFrom("blob_chunks").where("storage_key", "=", key).where("seq", "=", seq);
        if (hexTransfer) {
          const row = await chunk.select(sql<string>`encode(data, 'hex')`.as("hex")).executeTakeFirst();
          if (!row) return;
          yield Buffer.from(row.hex, "hex");
        } else {
          const row = await chunk.select("data").executeTakeFirst();
          if (!row) return;
          yield Buffer.from(row.data);
        }
      }
    }
    return Readable.from(read());
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom("blob_chunks").where("storage_key", "=", key).execute();
  }
}

export function getBlobStore(db: Kysely<Database>): BlobStore {
  return new DatabaseBlobStore(db, readDatabaseConfig().kind === "pglite");
}
