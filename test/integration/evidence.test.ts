import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { sendExpiryReminders } from "../../app/evidence/maintenance.server";
import { CHUNK_BYTES } from "../../app/storage.server";
import { FIXTURES } from "../unit/evidence/fixtures";
import { startTestApp } from "../support/app";
import { createEmptyPostgresDatabase } from "../support/database";
import { TestClient } from "../support/http-client";
import { postOversizedPdf } from "../support/oversized-upload";
import { startServerProcess } from "../support/server-process";

/*
 * The evidence vault over real HTTP against the built app: streaming uploads with content checks
 * and a size limit, downloads, isolation between suppliers, review feeding the tested RTO/RPO,
 * versions, reminders — and a server killed mid-upload.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;
const analyst = DEMO_USERS.find((u) => u.role === "analyst")!;
const vendor = DEMO_USERS.find((u) => u.role === "vendor")!;
const ids = { org: "", own: "", other: "" };

beforeAll(async () => {
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
  const other = await app.db
    .selectFrom("suppliers")
    .select("id")
    .where("org_id", "=", org.id)
    .where("id", "<>", ids.own)
    .where("is_vendor", "=", true)
    .executeTakeFirstOrThrow();
  ids.other = other.id;
});

afterAll(async () => {
  await app?.close();
});

async function loggedIn(email: string, baseUrl = app.baseUrl) {
  const client = new TestClient(baseUrl);
  expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302);
  return client;
}

async function counts() {
  const [evidence, chunks] = await Promise.all([
    app.db.selectFrom("evidence").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    app.db.selectFrom("blob_chunks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { evidence: Number(evidence.n), chunks: Number(chunks.n) };
}

type Part = [name: string, value: string] | [name: string, bytes: Uint8Array, fileName: string, type?: string];

/** Posts a multipart form (parts in the given order) with the page's CSRF token first. */
async function upload(client: TestClient, target: string, parts: Part[], { csrf = true } = {}) {
  if (!client.csrfToken) await client.page(`/suppliers/${ids.own}/evidence`);
  const form = new FormData();
  if (csrf) form.append("csrf", client.csrfToken!);
  for (const p of parts) {
    if (p.length === 2) form.append(p[0], p[1]);
    else form.append(p[0], new Blob([Buffer.from(p[1])], { type: p[3] ?? "application/octet-stream" }), p[2]);
  }
  return client.request(target, { method: "POST", body: form, headers: { Accept: "application/json" } });
}

const xhrTarget = (supplierId: string) => `/suppliers/${supplierId}/evidence/upload`;

describe("uploading evidence", () => {
  it("stores a vendor's file with the SHA-256 of the original (as sha256sum computes it) and serves it back as an attachment", async () => {
    const client = await loggedIn(vendor.email);
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(CHUNK_BYTES * 2 + 999)]);
    const dir = mkdtempSync(path.join(tmpdir(), "evidence-"));
    const file = path.join(dir, "plan.pdf");
    writeFileSync(file, bytes);
    const expected = execFileSync("sha256sum", [file]).toString().split(" ")[0]!;
    rmSync(dir, { recursive: true, force: true });

    const response = await upload(client, xhrTarget(ids.own), [
      ["kind", "bcp_plan"],
      ["documentVersion", "4.2"],
      ["approvalDate", "2026-09-01"],
      ["file", bytes, "../../Business plan \u202Efdp.pdf", "application/pdf"],
    ]);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { ids: string[] };
    const row = await app.db.selectFrom("evidence").selectAll().where("id", "=", body.ids[0]!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sha256: expected, size_bytes: bytes.length, file_name: "Business plan fdp.pdf", content_type: "application/pdf", status: "pending", supplier_id: ids.own });
    expect(row.valid_to?.toISOString().slice(0, 10)).toBe("2027-09-01");

    const download = await client.request(`/evidence/${row.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="Business plan fdp.pdf"/);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("accepts several files at once from the plain (no JavaScript) form, and fields after the file", async () => {
    const client = await loggedIn(vendor.email);
    const before = await counts();
    const page = await upload(client, `/suppliers/${ids.own}/evidence`, [
      ["kind", "other"],
      ["file", FIXTURES.png, "diagram.png", "image/png"],
      ["file", FIXTURES.docx, "runbook.docx"],
      ["file", FIXTURES.text, "业务连续性.txt", "text/plain"],
    ]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Uploaded 3 files");
    expect((await counts()).evidence).toBe(before.evidence + 3);

    const late = await upload(client, xhrTarget(ids.own), [["file", FIXTURES.xlsx, "figures.xlsx"], ["kind", "insurance"], ["issuer", "Mutual"], ["validTo", "2027-03-01"]]);
    expect(late.status).toBe(201);
    const badLate = await upload(client, xhrTarget(ids.own), [["file", FIXTURES.pdf, "policy.pdf"], ["kind", "insurance"]]);
    expect(badLate.status).toBe(400);
    expect(((await badLate.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty("issuer");
    expect(await counts()).toEqual({ evidence: before.evidence + 4, chunks: before.chunks + 4 });
  });

  it.each([
    ["an ELF executable", FIXTURES.elf, /executable program \(ELF\)/],
    ["an HTML page", FIXTURES.html, /HTML page/],
  ])("refuses evil.pdf that is %s, storing nothing", async (_what, bytes, message) => {
    const client = await loggedIn(vendor.email);
    const before = await counts();
    const response = await upload(client, xhrTarget(ids.own), [["kind", "other"], ["file", bytes, "evil.pdf", "application/pdf"]]);
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses a form without its CSRF token or with bad fields before storing anything", async () => {
    const client = await loggedIn(vendor.email);
    const before = await counts();
    expect((await upload(client, xhrTarget(ids.own), [["kind", "other"], ["file", FIXTURES.pdf, "a.pdf"]], { csrf: false })).status).toBe(403);
    const bad = await upload(client, xhrTarget(ids.own), [["kind", "dr_test"], ["file", FIXTURES.pdf, "a.pdf"]]);
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
    // Analysts read but do not upload.
    const reader = await loggedIn(analyst.email);
    await reader.page(`/suppliers/${ids.own}/evidence`);
    expect((await upload(reader, xhrTarget(ids.own), [["kind", "other"], ["file", FIXTURES.pdf, "a.pdf"]])).status).toBe(403);
  });

  it("cuts a 200 MB upload off at the 50 MB limit with 413 (or a reset) and leaves no row or blob", async () => {
    const client = await loggedIn(vendor.email);
    await client.page(`/suppliers/${ids.own}/evidence`);
    const before = await counts();
    const total = 200 * 1024 * 1024;
    const { status, message, sent } = await postOversizedPdf(client, xhrTarget(ids.own), total);
    expect([413, "reset"]).toContain(status);
    if (status === 413) expect(message).toMatch(/at most 50 MB/);
    expect(sent).toBeLessThan(total);
    await expect.poll(counts, { timeout: 10_000 }).toEqual(before);
  });
});

describe("access to evidence", () => {
  it("a vendor cannot list, open or download another supplier's evidence by guessing ids", async () => {
    const buyer = await loggedIn(procurement.email);
    await buyer.page(`/suppliers/${ids.other}/evidence`);
    const onBehalf = await upload(buyer, xhrTarget(ids.other), [["kind", "other"], ["file", FIXTURES.pdf, "secret.pdf", "application/pdf"]]);
    expect(onBehalf.status).toBe(201);
    const foreignId = ((await onBehalf.json()) as { ids: string[] }).ids[0]!;

    const client = await loggedIn(vendor.email);
    for (const target of [
      `/evidence/${foreignId}/download`,
      `/evidence/${foreignId}`,
      `/suppliers/${ids.other}/evidence`,
      `/api/v1/suppliers/${ids.other}/evidence`,
      `/api/v1/suppliers/${ids.other}/evidence/${foreignId}`,
      `/api/v1/suppliers/${ids.own}/evidence/${foreignId}`,
      `/evidence/00000000-0000-0000-0000-000000000000/download`,
      `/evidence/not-a-uuid/download`,
    ]) {
      const response = await client.request(target);
      expect(response.status, target).toBe(404);
      expect(await response.text()).not.toContain("%PDF");
    }
    const denied = () => app.db.selectFrom("audit_events").select("id").where("action", "=", "permission.denied").execute();
    const before = (await denied()).length;
    expect((await client.request(`/evidence/${foreignId}/download`)).status).toBe(404);
    expect((await denied()).length).toBe(before + 1);
    expect((await client.request(`/evidence`)).status).toBe(403);
    // Uploading into another supplier is refused before the body is read.
    expect((await upload(client, xhrTarget(ids.other), [["kind", "other"], ["file", FIXTURES.pdf, "x.pdf"]])).status).toBe(404);
    // The buyer's staff can.
    expect((await buyer.request(`/evidence/${foreignId}/download`)).status).toBe(200);
  });

  it("lists, uploads and downloads through the API with a bearer token", async () => {
    const admin = await loggedIn(procurement.email);
    const token = await admin.createApiToken("evidence", "procurement", 30);
    const auth = { Authorization: `Bearer ${token}` };
    const form = new FormData();
    form.append("kind", "other");
    form.append("file", new Blob([Buffer.from(FIXTURES.jpeg)], { type: "image/jpeg" }), "site.jpg");
    const posted = await fetch(`${app.baseUrl}/api/v1/suppliers/${ids.own}/evidence`, { method: "POST", body: form, headers: auth });
    expect(posted.status).toBe(201);
    const { evidence } = (await posted.json()) as { evidence: { id: string; sha256: string }[] };
    expect(evidence[0]!.sha256).toBe(createHash("sha256").update(FIXTURES.jpeg).digest("hex"));
    const list = (await (await fetch(`${app.baseUrl}/api/v1/suppliers/${ids.own}/evidence`, { headers: auth })).json()) as { evidence: { id: string; download: string }[] };
    const item = list.evidence.find((e) => e.id === evidence[0]!.id)!;
    const file = await fetch(`${app.baseUrl}${item.download}`, { headers: auth });
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(FIXTURES.jpeg))).toBe(true);
  });
});

describe("review, versions and reminders", () => {
  it("accepting a recent DR test report makes its RTO/RPO the supplier's tested figures (audited) and queues a recompute", async () => {
    const client = await loggedIn(vendor.email);
    const testDate = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const response = await upload(client, xhrTarget(ids.own), [
      ["kind", "dr_test"],
      ["testDate", testDate],
      ["testScope", "Full fail-over"],
      ["achievedRto", "4"],
      ["achievedRtoUnit", "h"],
      ["achievedRpo", "15"],
      ["achievedRpoUnit", "min"],
      ["testResult", "pass"],
      ["file", FIXTURES.pdf, "dr-test.pdf"],
    ]);
    expect(response.status).toBe(201);
    const id = ((await response.json()) as { ids: string[] }).ids[0]!;
    const buyer = await loggedIn(procurement.email);
    await buyer.page(`/evidence/${id}`);
    expect((await buyer.post(`/evidence/${id}`, { decision: "reject" })).status).toBe(400);
    expect((await client.post(`/evidence/${id}`, { decision: "accept" })).status).toBe(403);
    const accepted = await buyer.post(`/evidence/${id}`, { decision: "accept", note: "" });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain("tested RTO and RPO now come from this report");
    const supplier = await app.db.selectFrom("suppliers").select(["tested_rto_min", "tested_rpo_min", "tested_at"]).where("id", "=", ids.own).executeTakeFirstOrThrow();
    expect(supplier).toMatchObject({ tested_rto_min: 240, tested_rpo_min: 15 });
    expect(supplier.tested_at?.toISOString().slice(0, 10)).toBe(testDate);
    const audit = await app.db.selectFrom("audit_events").select("summary").where("action", "=", "supplier.tested_figures").where("entity_id", "=", ids.own).executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ after: { tested_rto_min: 240, tested_rpo_min: 15 }, fromEvidence: id });
    const task = await app.db.selectFrom("background_tasks").select("id").where("org_id", "=", ids.org).where("kind", "=", "recompute").executeTakeFirst();
    expect(task).toBeTruthy();
    expect((await buyer.post(`/evidence/${id}`, { decision: "reject", note: "again" })).status).toBe(409);
  });

  it("a new version supersedes the old one and the history is kept", async () => {
    const client = await loggedIn(vendor.email);
    const first = await upload(client, xhrTarget(ids.own), [["kind", "other"], ["file", FIXTURES.pdf, "v1.pdf"]]);
    const oldId = ((await first.json()) as { ids: string[] }).ids[0]!;
    const wrongKind = await upload(client, xhrTarget(ids.own), [["kind", "insurance"], ["issuer", "X"], ["validTo", "2030-01-01"], ["supersedesId", oldId], ["file", FIXTURES.pdf, "v2.pdf"]]);
    expect(wrongKind.status).toBe(400);
    const second = await upload(client, xhrTarget(ids.own), [["kind", "other"], ["supersedesId", oldId], ["file", FIXTURES.pdf, "v2.pdf"]]);
    expect(second.status).toBe(201);
    const { html } = await client.page(`/evidence/${oldId}`);
    expect(html).toContain("v1.pdf");
    expect(html).toContain("v2.pdf");
    const list = await client.page(`/suppliers/${ids.own}/evidence`);
    expect(list.html).toContain("Replaced by a newer version");
  });

  it("reminds the vendor before expiry (once) and lists it as expiring for procurement", async () => {
    const validTo = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const row = await app.db
      .insertInto("evidence")
      .values({
        org_id: ids.org,
        supplier_id: ids.own,
        kind: "iso22301",
        title: "ISO cert 2024",
        file_name: "iso.pdf",
        content_type: "application/pdf",
        size_bytes: 0,
        sha256: "0".repeat(64),
        storage_key: "evidence:0:none",
        status: "accepted",
        valid_to: validTo,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await sendExpiryReminders(app.db, new Date(), 30)).toBeGreaterThanOrEqual(1);
    expect(await sendExpiryReminders(app.db, new Date(), 30)).toBe(0);
    const client = await loggedIn(vendor.email);
    const { html } = await client.page(`/suppliers/${ids.own}/evidence`);
    expect(html).toContain("ISO cert 2024");
    expect(html).toMatch(/expires in (9|10) days/);
    const notes = await client.page("/notifications");
    expect(notes.html).toContain("ISO cert 2024");
    const buyer = await loggedIn(procurement.email);
    const expiring = await buyer.page("/evidence?within=30");
    expect(expiring.html).toContain(`/evidence/${row.id}`);
    const queue = await buyer.page("/evidence");
    expect(queue.html).toContain("Waiting for review");
  });
});

describe("a server killed mid-upload", () => {
  it("leaves no evidence row without its chunks, and start-up removes the orphaned chunks", async () => {
    const postgres = await createEmptyPostgresDatabase();
    const dir = postgres ? null : mkdtempSync(path.join(tmpdir(), "evidence-kill-"));
    const env = { PORT: "0", DATABASE_URL: postgres?.url, PGLITE_DIR: dir ?? undefined, RUN_WORKERS: "false" };
    const config = postgres ? ({ kind: "postgres", url: postgres.url, poolSize: 2 } as const) : ({ kind: "pglite", dataDir: dir! } as const);
    const inspect = async () => {
      const handle = openDatabase(config);
      try {
        const evidence = await handle.db.selectFrom("evidence").select(["storage_key", "size_bytes"]).execute();
        const orphans = await sql<{ n: number }>`select count(*)::int as n from blob_chunks c where not exists (select 1 from evidence e where e.storage_key = c.storage_key)`.execute(handle.db);
        const broken = await sql<{ n: number }>`
          select count(*)::int as n from evidence e
          where e.size_bytes > 0 and (select count(*) from blob_chunks c where c.storage_key = e.storage_key) <> ceil(e.size_bytes / ${CHUNK_BYTES}::numeric)`.execute(handle.db);
        return { evidence: evidence.length, orphans: orphans.rows[0]!.n, broken: broken.rows[0]!.n };
      } finally {
        await handle.db.destroy();
      }
    };
    try {
      let server = startServerProcess(env);
      let port = (await server.waitFor(/listening on http:\/\/localhost:(\d+)/, 90_000))[1]!;
      let client = await loggedIn(vendor.email, `http://127.0.0.1:${port}`);
      const home = await client.page("/");
      const supplierId = home.html.match(/\/suppliers\/([0-9a-f-]{36})/)![1]!;
      await client.page(`/suppliers/${supplierId}/evidence`);
      const boundary = "----killtest";
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${client.csrfToken}\r\n--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\n\r\n%PDF-1.7\n`,
            ),
          );
        },
        async pull(c) {
          await new Promise((r) => setTimeout(r, 50));
          sent += 256 * 1024;
          c.enqueue(Buffer.alloc(256 * 1024, 0x41));
        },
      });
      const pending = client
        .request(xhrTarget(supplierId), { method: "POST", body, headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, duplex: "half" } as RequestInit)
        .then((r) => r.status, () => "reset");
      await expect.poll(() => sent, { timeout: 20_000 }).toBeGreaterThan(3 * 1024 * 1024);
      server.child.kill("SIGKILL");
      await server.exited;
      expect(await pending).toBe("reset");

      const afterKill = await inspect();
      expect(afterKill).toMatchObject({ evidence: 0, broken: 0 });
      expect(afterKill.orphans).toBeGreaterThan(0);

      // Restart: the evidence housekeeping (grace period 0 here) removes the abandoned upload's chunks.
      server = startServerProcess({ ...env, EVIDENCE_UPLOAD_GRACE_MINUTES: "0" });
      port = (await server.waitFor(/listening on http:\/\/localhost:(\d+)/, 90_000))[1]!;
      client = await loggedIn(vendor.email, `http://127.0.0.1:${port}`);
      expect((await client.request(`/suppliers/${supplierId}/evidence`)).status).toBe(200);
      await server.waitFor(/\[evidence\] removed \d+ orphaned chunk/, 20_000);
      server.child.kill("SIGTERM");
      await server.exited;
      expect(await inspect()).toEqual({ evidence: 0, orphans: 0, broken: 0 });
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    }
  }, 120_000);
});
