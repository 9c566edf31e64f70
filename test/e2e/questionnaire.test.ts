import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { rootDir, startServerOnFreshDatabase } from "../support/server-process";
import { chromiumPath, launchBrowser } from "./browser";

const screenshots = path.join(rootDir, "test-results");

/* A vendor answers in a real browser: conditional questions appear as they answer, and autosave keeps it. */
describe.skipIf(!chromiumPath)("browser journey: a vendor answers the questionnaire", () => {
  let running: Awaited<ReturnType<typeof startServerOnFreshDatabase>>;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    running = await startServerOnFreshDatabase();
    baseUrl = running.baseUrl;
    browser = await launchBrowser();
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it("shows the follow-up when the answer calls for it and autosaves without a button", async () => {
    const vendor = DEMO_USERS.filter((u) => u.role === "vendor")[0]!;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(vendor.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Your questionnaires" }).waitFor();
    await page.locator('a[href^="/assessments/"]').first().click();
    await page.getByRole("button", { name: "Save draft" }).waitFor();

    const followUp = page.locator("#question-dr_test_types");
    const question = page.locator("#question-dr_tested");
    await expect(followUp.count()).resolves.toBe(1);
    await question.getByLabel("No").check();
    await expect(followUp.isHidden()).resolves.toBe(true);
    await question.getByLabel("Yes").check();
    await followUp.waitFor({ state: "visible" });

    // Autosave: no button pressed; after the pause the answer is stored.
    await page.waitForTimeout(2_500);
    await page.reload();
    await expect(page.locator("#question-dr_tested").getByLabel("Yes").isChecked()).resolves.toBe(true);
    await expect(page.locator("#question-dr_test_types").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(screenshots, "questionnaire.png"), fullPage: false });
    expect(errors).toEqual([]);
  });
});
