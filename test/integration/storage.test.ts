import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobTooLargeError, CHUNK_BYTES, getBlobStore } from "../../app/storage.server";
import { createFreshDatabase } from "../support/database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
beforeAll(async () => {
  database = await createFreshDatabase();
});
afterAll(async () => {
  await database?.cleanup();
});

async function* pieces(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(stream: NodeJS.ReadableStream) {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

describe("database blob store", () => {
  it("stores and streams back a file across many chunks, with its SHA-256", async () => {
    const store = getBlobStore(database.db);
    const bytes = randomBytes(CHUNK_BYTES * 3 + 12_345);
    const stored = await store.put(pieces(bytes, 10_000));
    expect(stored.sizeBytes).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await readAll(store.get(stored.key))).equals(bytes)).toBe(true);
    const chunks = await database.db.selectFrom("blob_chunks").select("seq").where("storage_key", "=", stored.key).execute();
    expect(chunks).toHaveLength(4);
  });

  it("keeps every byte when pieces straddle chunks, span several or are empty", async () => {
    const store = getBlobStore(database.db);
    const sizes = [1, 0, Math.floor(CHUNK_BYTES * 2.5), 3, CHUNK_BYTES - 4, 0, CHUNK_BYTES, 7];
    const bytes = randomBytes(sizes.reduce((a, b) => a + b, 0));
    async function* uneven() {
      let at = 0;
      for (const size of sizes) {
        yield bytes.subarray(at, at + size);
        at += size;
      }
    }
    const stored = await store.put(uneven());
    expect(stored.sizeBytes).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await readAll(store.get(stored.key))).equals(bytes)).toBe(true);
    const chunks = await database.db.selectFrom("blob_chunks").select("seq").where("storage_key", "=", stored.key).orderBy("seq").execute();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it("stores a file that trickled in as tiny pieces, mixed with large ones", async () => {
    const store = getBlobStore(database.db);
    const bytes = randomBytes(Math.floor(CHUNK_BYTES * 1.5));
    async function* trickle() {
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const size = i % 50 === 49 ? 200_000 : (i * 37) % 300; // mostly 0–299 bytes, now and then 200 kB
        yield bytes.subarray(at, at + size);
        at += size;
      }
    }
    const stored = await store.put(trickle());
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await readAll(store.get(stored.key))).equals(bytes)).toBe(true);
  });

  it("refuses content over the limit and leaves no chunk behind", async () => {
    const store = getBlobStore(database.db);
    const before = (await database.db.selectFrom("blob_chunks").select("storage_key").execute()).length;
    await expect(store.put(pieces(randomBytes(CHUNK_BYTES * 2), 50_000), { maxBytes: CHUNK_BYTES })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect((await database.db.selectFrom("blob_chunks").select("storage_key").execute()).length).toBe(before);
  });

  it("cleans up when the source fails part-way (an interrupted upload)", async () => {
    const store = getBlobStore(database.db);
    const before = (await database.db.selectFrom("blob_chunks").select("storage_key").execute()).length;
    async function* broken() {
      yield randomBytes(CHUNK_BYTES * 2);
      throw new Error("connection reset");
    }
    await expect(store.put(broken())).rejects.toThrow("connection reset");
    expect((await database.db.selectFrom("blob_chunks").select("storage_key").execute()).length).toBe(before);
  });
});
