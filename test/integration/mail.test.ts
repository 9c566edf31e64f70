import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/* With SMTP_URL set, invitation links go out by e-mail (a real SMTP server on loopback). */
let app: Awaited<ReturnType<typeof startTestApp>>;
let smtp: SMTPServer;
const received: string[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      let text = "";
      stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
      stream.on("end", () => {
        received.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "Portal <portal@northwind.example>";
  app = await startTestApp();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("mail transport", () => {
  it("e-mails the invitation link to the invitee", async () => {
    const admin = new TestClient(app.baseUrl);
    await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
    await admin.page("/admin/users");
    const response = await admin.post("/admin/users", { intent: "invite", email: "mailed@example.com", role: "analyst" });
    const link = (await response.text()).match(/value="(http[^"]*\/invite\/[^"]+)"/)![1]!;
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("To: mailed@example.com");
    expect(received[0]).toContain("From: Portal <portal@northwind.example>");
    expect(received[0]!.replace(/=\r?\n/g, "")).toContain(new URL(link).pathname);
  });
});
