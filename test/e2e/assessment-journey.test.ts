import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { DEFAULT_TEMPLATE, type TemplateQuestion } from "../../app/domain/questionnaire/default-template";
import { rootDir, startServerOnFreshDatabase } from "../support/server-process";
import { chromiumPath, launchBrowser } from "./browser";

const screenshots = path.join(rootDir, "test-results");

/*
 * Issue #5 end to end in Chromium, two people in two browser contexts: procurement creates a vendor,
 * invites its BCM lead and sends the default questionnaire; the vendor accepts the invitation, answers
 * (a follow-up appears), uploads the BCP as evidence for its file question, is told what is missing,
 * submits; procurement comments and requests changes; the vendor lowers its RTO and resubmits;
 * procurement approves and the supplier page shows the new declared RTO.
 */

const QUESTIONS = DEFAULT_TEMPLATE.sections.flatMap((s) => s.questions);
const question = (key: string) => QUESTIONS.find((q) => q.key === key)!;
const RTO = QUESTIONS.find((q) => q.mapsTo === "declared_rto")!;
const RPO = QUESTIONS.find((q) => q.mapsTo === "declared_rpo")!;
/** The only "yes": it reveals the BCP document and review date. Every other yes/no is "no". */
const YES = new Set(["bcp_exists"]);
/** Left blank on purpose until the first submit attempt names it. */
const LEFT_FOR_LATER = question("data_processing_countries");
const SUPPLIER = { id: "SUP-901", name: "Helios Relay Systems GmbH" };
const VENDOR_EMAIL = "bcm@helios-relay.example";
const PROCUREMENT = DEMO_USERS.find((u) => u.role === "procurement")!;

/** The planned answer drives which questions are visible, exactly as the form's conditions do. */
function plannedValue(q: TemplateQuestion): string | boolean | null {
  if (q.type === "yes_no") return YES.has(q.key);
  if (q.type === "single_choice") return q.options![0]!.value;
  return null;
}
function visibleQuestions(): TemplateQuestion[] {
  const shown = new Map<string, string | boolean | null>();
  return QUESTIONS.filter((q) => {
    const c = q.condition;
    if (c && (!shown.has(c.questionKey) || shown.get(c.questionKey) !== c.equals)) return false;
    shown.set(q.key, plannedValue(q));
    return true;
  });
}

/** A small but real PDF (one empty page, correct cross-reference table). */
function tinyPdf(): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** Answers one question through its accessible name, scoped to the question's block. */
async function answer(page: Page, q: TemplateQuestion) {
  const block = page.locator(`#question-${q.key}`);
  switch (q.type) {
    case "yes_no":
      await block.getByRole("radiogroup", { name: q.text }).getByRole("radio", { name: YES.has(q.key) ? "Yes" : "No" }).check();
      return;
    case "single_choice":
      await block.getByLabel(q.text).selectOption(plannedValue(q) as string);
      return;
    case "text":
      await block.getByLabel(q.text).fill(q.key === LEFT_FOR_LATER.key ? "Germany" : "Documented in our BCP, section 4.");
      return;
    case "date":
      await block.getByLabel(q.text).fill("2026-09-01");
      return;
    case "duration":
      // The amount carries the question as its label; the unit select is "<question>: unit".
      await block.getByLabel(q.text, { exact: true }).fill(q.key === RTO.key ? "6" : "1");
      await block.getByLabel(`${q.text}: unit`).selectOption("h");
      return;
    case "table":
      for (const c of q.columns!) {
        const cell = block.getByLabel(`${c.label}, row 1`, { exact: true });
        if (c.type === "yes_no") await cell.selectOption("yes");
        else if (c.type === "country") await cell.fill("DE");
        else if (c.type === "duration" || c.type === "number") await cell.fill("2");
        else await cell.fill(`${c.label} of the first entry`);
      }
      return;
    default:
      throw new Error(`No browser answer written for ${q.type} (${q.key})`);
  }
}

async function logIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** The text a user reads next to a term in a description list (e.g. "Declared RTO" → "5 h"). */
function definitionOf(page: Page, term: string): Locator {
  const exact = new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  return page.locator("dt", { hasText: exact }).locator("xpath=following-sibling::dd[1]");
}

describe.skipIf(!chromiumPath)("browser journey: invite → answer → upload → review → resubmit → approve", () => {
  let running: Awaited<ReturnType<typeof startServerOnFreshDatabase>>;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const errors: string[] = [];

  async function newPage() {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    page.on("pageerror", (error) => errors.push(error.message));
    return page;
  }

  beforeAll(async () => {
    running = await startServerOnFreshDatabase();
    baseUrl = running.baseUrl;
    browser = await launchBrowser();
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await running?.stop();
  });

  it("ends with the supplier's declared RTO taken from the approved answers", async () => {
    try {
      await journey();
    } catch (error) {
      // A failure leaves what each person saw, to tell a flaky wait from a broken page.
      for (const [i, page] of pages.entries()) {
        await page.screenshot({ path: path.join(screenshots, `assessment-journey-failure-${i}.png`), fullPage: true }).catch(() => undefined);
        console.error(`page ${i} at ${page.url()}:\n${(await page.locator("main").innerText().catch(() => "")).slice(0, 2000)}`);
      }
      throw error;
    }
  });

  async function journey() {
    // 1. Procurement: a new vendor, an invitation for its BCM lead, the default questionnaire sent.
    const admin = await newPage();
    await logIn(admin, baseUrl, PROCUREMENT.email, DEMO_PASSWORD);
    await admin.goto(`${baseUrl}/suppliers/new`);
    await admin.getByLabel("Supplier ID").fill(SUPPLIER.id);
    await admin.getByLabel("Name", { exact: true }).fill(SUPPLIER.name);
    await admin.getByLabel("Country", { exact: true }).fill("DE");
    await admin.getByLabel("Criticality").selectOption("high");
    await admin.getByLabel("Direct vendor (tier 1: we buy from them)").check();
    await admin.getByRole("button", { name: "Create supplier" }).click();
    await admin.getByRole("heading", { level: 1, name: SUPPLIER.name }).waitFor();
    const supplierUrl = admin.url();
    expect(supplierUrl).toMatch(/\/suppliers\/[0-9a-f-]{36}$/);
    expect(await definitionOf(admin, "Declared RTO").textContent()).toBe("unknown");

    await admin.goto(`${baseUrl}/admin/users`);
    await admin.getByLabel("Email").fill(VENDOR_EMAIL);
    await admin.getByLabel("Role", { exact: true }).selectOption({ label: "Vendor user" });
    await admin.getByLabel("Vendor company (for vendor users)").selectOption({ label: `${SUPPLIER.name} (${SUPPLIER.id})` });
    await admin.getByRole("button", { name: "Create invitation" }).click();
    await admin.getByRole("status").getByText(`Invitation created for ${VENDOR_EMAIL}`).waitFor();
    // No SMTP in tests: the one-time link is shown to the admin (and logged).
    const inviteLink = await admin.getByLabel("Link (shown once — copy it now)").inputValue();
    expect(inviteLink).toMatch(/\/invite\/[^/]+$/);

    await admin.goto(`${baseUrl}/questionnaires/send`);
    await admin.getByLabel("Questionnaire").selectOption({ label: `${DEFAULT_TEMPLATE.name} (v1)` });
    await admin.getByLabel("Due date").fill("2030-01-31");
    await admin.getByRole("checkbox", { name: `${SUPPLIER.name} (${SUPPLIER.id}` }).check();
    await admin.getByRole("button", { name: "Send", exact: true }).click();
    await admin.getByRole("status").getByText("Sent to 1 vendor.").waitFor();

    // 2. The vendor, in its own browser context: first login through the invitation.
    const vendor = await newPage();
    await vendor.goto(inviteLink);
    await vendor.getByText(`for ${SUPPLIER.name}`).waitFor();
    await vendor.getByLabel("Your name").fill("Jana Vogt");
    await vendor.getByLabel("Choose a password (at least 12 characters)").fill("relay-continuity-2030");
    await vendor.getByLabel("Repeat the password").fill("relay-continuity-2030");
    await vendor.getByRole("button", { name: "Accept invitation" }).click();
    await vendor.waitForURL(`${baseUrl}/`);
    await vendor.getByRole("heading", { level: 1, name: SUPPLIER.name }).waitFor();
    const mine = vendor.getByRole("row", { name: new RegExp(DEFAULT_TEMPLATE.name) });
    expect(await mine.getByRole("cell").nth(1).textContent()).toBe("Sent");
    expect(await mine.getByRole("cell").nth(2).textContent()).toBe("31/01/2030");
    await mine.getByRole("link", { name: `${DEFAULT_TEMPLATE.name} (v1)` }).click();
    await vendor.getByRole("button", { name: "Save draft" }).waitFor();
    const questionnaireUrl = vendor.url();

    // A follow-up question appears only once the answer calls for it.
    const planBlock = vendor.locator("#question-bcp_plan_document");
    expect(await planBlock.isHidden()).toBe(true);
    expect(await vendor.locator("#question-bcp_last_review_date").isHidden()).toBe(true);
    await answer(vendor, question("bcp_exists"));
    await planBlock.waitFor({ state: "visible" });
    await vendor.locator("#question-bcp_last_review_date").waitFor({ state: "visible" });
    await vendor.getByRole("button", { name: "Save draft" }).click();
    await vendor.getByRole("status").getByText("Draft saved.").waitFor();

    // The file question links to the evidence upload, which files the PDF under this question.
    await planBlock.getByRole("link", { name: "Upload a document for this question" }).click();
    await vendor.getByText(`Uploads here answer the question “${question("bcp_plan_document").text}”`).waitFor();
    await vendor.getByLabel("Kind").selectOption("bcp_plan");
    await vendor.getByLabel("Title (optional: the file name otherwise)").fill("Business continuity plan 2026");
    await vendor.getByLabel("Plan version").fill("4.2");
    await vendor.getByLabel("Approval date").fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
    await vendor.getByLabel(/^Files/).setInputFiles({ name: "helios-bcp-2026.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
    await vendor.getByRole("button", { name: "Upload", exact: true }).click();
    await vendor.getByRole("status").getByText("Uploaded “helios-bcp-2026.pdf”; procurement will review it.").waitFor();
    await vendor.getByRole("link", { name: "Back to the questionnaire" }).click();
    await vendor.getByRole("button", { name: "Save draft" }).waitFor();
    await planBlock.getByRole("link", { name: "Business continuity plan 2026" }).waitFor();

    // Every other visible required question, except one left for later.
    const toAnswer = visibleQuestions().filter((q) => q.required && q.type !== "file" && q.key !== "bcp_exists" && q.key !== LEFT_FOR_LATER.key);
    for (const q of toAnswer) await answer(vendor, q);
    await vendor.getByRole("button", { name: "Submit", exact: true }).click();
    const refusal = vendor.getByRole("alert").filter({ hasText: "1 required question is not answered yet." });
    await refusal.waitFor();
    expect(await refusal.getByRole("listitem").allTextContents()).toEqual([LEFT_FOR_LATER.text]);
    await refusal.getByRole("link", { name: LEFT_FOR_LATER.text }).click();
    // Wait for the autosave of the last answer so the page holds no unsaved change.
    const autosaved = vendor.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes("Germany"));
    await answer(vendor, LEFT_FOR_LATER);
    const autosaveResponse = await autosaved;
    expect(autosaveResponse.status(), await autosaveResponse.text()).toBe(200);
    await vendor.getByRole("button", { name: "Submit", exact: true }).click();
    await vendor.getByRole("status").getByText("Submitted. Thank you — the procurement team will review your answers.").waitFor();
    await vendor.getByText("Submitted — in review").waitFor();
    expect(await vendor.getByRole("button", { name: "Save draft" }).count()).toBe(0);

    // 3. Procurement reviews: a comment on the RTO answer, then "request changes".
    await admin.goto(`${baseUrl}/questionnaires`);
    await admin.getByRole("link", { name: SUPPLIER.name }).click();
    await admin.getByRole("button", { name: "Request changes" }).waitFor();
    // The reviewer reads the duration as a user wrote it, not as stored minutes.
    expect(await definitionOf(admin, RTO.text).textContent()).toMatch(/^6 h(?!\d)/);
    await admin.getByRole("link", { name: "Business continuity plan 2026" }).waitFor();
    await admin.getByLabel(`Comment on: ${RTO.text}`).fill("Is 6 h tested? Please attach the DR report.");
    await admin.getByLabel(`Comment on: ${RTO.text}`).press("Enter");
    await admin.getByRole("status").getByText("Comment added.").waitFor();
    await definitionOf(admin, RTO.text).getByText(`${PROCUREMENT.name}: Is 6 h tested? Please attach the DR report.`).waitFor();
    await admin.getByRole("button", { name: "Request changes" }).click();
    await admin.getByRole("status").getByText("Sent back to the vendor with your comments.").waitFor();
    await admin.getByText("Changes requested", { exact: true }).waitFor();

    // 4. The vendor sees the comment next to the question, lowers its RTO to 5 h and resubmits.
    await vendor.goto(`${baseUrl}/`);
    expect(await vendor.getByRole("row", { name: new RegExp(DEFAULT_TEMPLATE.name) }).getByRole("cell").nth(1).textContent()).toBe("Changes requested");
    await vendor.goto(questionnaireUrl);
    const rtoBlock = vendor.locator(`#question-${RTO.key}`);
    await rtoBlock.getByText(`Reviewer (${PROCUREMENT.name}): Is 6 h tested? Please attach the DR report.`).waitFor();
    const rtoAmount = rtoBlock.getByLabel(RTO.text, { exact: true });
    expect(await rtoAmount.inputValue()).toBe("6");
    expect(await vendor.locator(`#question-${RPO.key}`).getByLabel(RPO.text, { exact: true }).inputValue()).toBe("1");
    await rtoAmount.fill("5");
    // Submitting right after typing: the pending autosave is dropped, the submission carries the answer.
    await vendor.getByRole("button", { name: "Submit", exact: true }).click();
    await vendor.getByRole("status").getByText("Submitted. Thank you").waitFor();
    await vendor.getByText("Submitted — in review").waitFor();

    // 5. Procurement approves; the supplier record now declares 5 h.
    await admin.reload();
    await admin.getByRole("button", { name: "Approve" }).click();
    await admin.getByRole("status").getByText(/^Approved with a score of \d+\. The supplier's declared figures and sub-suppliers were updated\.$/).waitFor();
    await admin.getByText("Approved", { exact: true }).waitFor();
    await admin.goto(supplierUrl);
    expect(await definitionOf(admin, "Declared RTO").textContent()).toBe("5 h");
    expect(await definitionOf(admin, "Declared RPO").textContent()).toBe("1 h");
    await vendor.goto(`${baseUrl}/`);
    const figure = vendor.locator(".card", { has: vendor.getByText("Declared RTO", { exact: true }) }).locator(".figure");
    expect(await figure.textContent()).toBe("5 h");
    await admin.screenshot({ path: path.join(screenshots, "assessment-journey.png"), fullPage: false });
    expect(errors).toEqual([]);
  }
});
