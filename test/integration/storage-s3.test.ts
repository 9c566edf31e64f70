import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { removeOrphanedEvidenceBlobs } from "../../app/evidence/maintenance.server";
import { evidenceBlobKey } from "../../app/evidence/upload.server";
import { BlobTooLargeError, S3BlobStore, getBlobStore } from "../../app/storage.server";
import { FIXTURES } from "../unit/evidence/fixtures";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";
import { postOversizedPdf } from "../support/oversized-upload";

/*
 * The S3-compatible blob store against a real S3 server (s3rver, on a random port over a temp
 * directory): the store on its own, then the evidence upload path of the built app with the S3_*
 * settings — streamed in, hashed, refused past the limit, nothing left behind, streamed back out.
 */

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;

const BUCKET = "evidence-test";
const S3_ENV = ["S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"] as const;
const vendor = DEMO_USERS.find((u) => u.role === "vendor")!;
const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;

let s3: S3rverInstance;
let s3Dir: string;
let app: Awaited<ReturnType<typeof startTestApp>>;
const ids = { org: "", own: "" };

beforeAll(async () => {
  s3Dir = mkdtempSync(path.join(tmpdir(), "s3rver-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await s3.run();
  Object.assign(process.env, {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: BUCKET,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER", // s3rver's built-in account
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "true",
  });
  app = await startTestApp();
  const org = await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
  ids.org = org.id;
  const m = await app.db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.supplier_id")
    .where("u.email", "=", vendor.email)
    .executeTakeFirstOrThrow();
  ids.own = m.supplier_id!;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await s3?.close();
  for (const name of S3_ENV) delete process.env[name];
  if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
});

function store(): S3BlobStore {
  const s = getBlobStore(app.db);
  expect(s).toBeInstanceOf(S3BlobStore);
  return s as S3BlobStore;
}

async function objectKeys(prefix = "") {
  const keys: string[] = [];
  for await (const o of store().list(prefix)) keys.push(o.key);
  return keys.sort();
}

async function* pieces(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(stream: NodeJS.ReadableStream) {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

async function counts() {
  const evidence = await app.db.selectFrom("evidence").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const chunks = await app.db.selectFrom("blob_chunks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { evidence: Number(evidence.n), chunks: Number(chunks.n), objects: (await objectKeys("evidence:")).length };
}

async function loggedIn(email: string) {
  const client = new TestClient(app.baseUrl);
  expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302);
  await client.page(`/suppliers/${ids.own}/evidence`); // the CSRF token
  return client;
}

describe("the S3 blob store", () => {
  it("streams a multi-part file in and out with its SHA-256, and deletes it", async () => {
    const bytes = randomBytes(12 * 1024 * 1024 + 4321); // three 5 MB parts
    const stored = await store().put(pieces(bytes, 64 * 1024), { keyPrefix: "roundtrip" });
    expect(stored.sizeBytes).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await objectKeys("roundtrip:")).toEqual([stored.key]);
    expect((await readAll(store().get(stored.key))).equals(bytes)).toBe(true);
    // A small file goes up in one request.
    const small = await store().put(pieces(Buffer.from("hello"), 2), { key: "roundtrip:small" });
    expect((await readAll(store().get(small.key))).toString()).toBe("hello");
    await store().delete(stored.key);
    await store().delete(small.key);
    expect(await objectKeys("roundtrip:")).toEqual([]);
  });

  it("refuses content over the limit and leaves no object behind", async () => {
    await expect(store().put(pieces(randomBytes(7 * 1024 * 1024), 256 * 1024), { key: "limit:a", maxBytes: 6 * 1024 * 1024 })).rejects.toBeInstanceOf(BlobTooLargeError);
    await expect(store().put(pieces(randomBytes(300_000), 10_000), { key: "limit:b", maxBytes: 200_000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await objectKeys("limit:")).toEqual([]);
  });

  it("cleans up when the source fails part-way (an interrupted upload)", async () => {
    async function* broken() {
      yield randomBytes(6 * 1024 * 1024); // past the first part
      throw new Error("connection reset");
    }
    await expect(store().put(broken(), { key: "broken:a" })).rejects.toThrow("connection reset");
    expect(await objectKeys("broken:")).toEqual([]);
  });
});

describe("evidence on S3", () => {
  it("stores an upload under a key made of organisation and evidence id, with the SHA-256, and serves it back", async () => {
    const client = await loggedIn(vendor.email);
    const before = await counts();
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(6 * 1024 * 1024 + 999)]);
    const form = new FormData();
    form.append("csrf", client.csrfToken!);
    form.append("kind", "other");
    form.append("file", new Blob([bytes], { type: "application/pdf" }), "../secret plan.pdf");
    const response = await client.request(`/suppliers/${ids.own}/evidence/upload`, { method: "POST", body: form, headers: { Accept: "application/json" } });
    expect(response.status).toBe(201);
    const id = ((await response.json()) as { ids: string[] }).ids[0]!;
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sha256: createHash("sha256").update(bytes).digest("hex"), size_bytes: bytes.length, file_name: "secret plan.pdf" });
    expect(row.storage_key).toMatch(new RegExp(`^evidence:${ids.org}:${id}:\\d+$`));
    expect(row.storage_key).not.toContain("secret");
    expect(await counts()).toEqual({ evidence: before.evidence + 1, chunks: before.chunks, objects: before.objects + 1 });
    expect(await objectKeys("evidence:")).toContain(row.storage_key);

    const download = await client.request(`/evidence/${id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    const buyer = new TestClient(app.baseUrl);
    await buyer.login(procurement.email, DEMO_PASSWORD);
    const token = await buyer.createApiToken("s3", "procurement", 30);
    const api = await fetch(`${app.baseUrl}/api/v1/suppliers/${ids.own}/evidence/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(Buffer.from(await api.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses a disguised file with 415 and stores nothing", async () => {
    const client = await loggedIn(vendor.email);
    const before = await counts();
    const form = new FormData();
    form.append("csrf", client.csrfToken!);
    form.append("kind", "other");
    form.append("file", new Blob([Buffer.from(FIXTURES.html)], { type: "application/pdf" }), "evil.pdf");
    const response = await client.request(`/suppliers/${ids.own}/evidence/upload`, { method: "POST", body: form, headers: { Accept: "application/json" } });
    expect(response.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it("cuts a 200 MB upload off at the 50 MB limit with 413 (or a reset) and leaves no row or object", async () => {
    const client = await loggedIn(vendor.email);
    const before = await counts();
    const total = 200 * 1024 * 1024;
    const { status, message, sent } = await postOversizedPdf(client, `/suppliers/${ids.own}/evidence/upload`, total);
    expect([413, "reset"]).toContain(status);
    if (status === 413) expect(message).toMatch(/at most 50 MB/);
    expect(sent).toBeLessThan(total);
    await expect.poll(counts, { timeout: 10_000 }).toEqual(before);
  }, 60_000);

  it("the housekeeping removes objects of abandoned uploads and keeps referenced ones", async () => {
    const referenced = await app.db.selectFrom("evidence").select("storage_key").executeTakeFirstOrThrow();
    const abandoned = evidenceBlobKey(ids.org, "00000000-0000-4000-8000-000000000001", Date.now() - 60_000);
    const running = evidenceBlobKey(ids.org, "00000000-0000-4000-8000-000000000002", Date.now() + 60_000);
    for (const key of [abandoned, running]) await store().put(pieces(Buffer.from("%PDF-1.7\n"), 4), { key });
    expect(await removeOrphanedEvidenceBlobs(app.db, new Date())).toBe(1);
    const left = await objectKeys("evidence:");
    expect(left).toContain(referenced.storage_key);
    expect(left).toContain(running);
    expect(left).not.toContain(abandoned);
    await store().delete(running);
  });
});
