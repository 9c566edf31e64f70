import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { createEmptyPostgresDatabase } from "../support/database";
import { rootDir, startServerProcess, type ServerProcess } from "../support/server-process";
import { chromiumPath, launchBrowser } from "./browser";

/* A vendor answers in a real browser: conditional questions appear as they answer, and autosave keeps it. */
describe.skipIf(!chromiumPath)("browser journey: a vendor answers the questionnaire", () => {
  let server: ServerProcess;
  let browser: Browser;
  let baseUrl: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    const postgres = await createEmptyPostgresDatabase();
    let env: Record<string, string | undefined>;
    if (postgres) {
      cleanups.push(postgres.drop);
      env = { DATABASE_URL: postgres.url };
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "portal-e2e-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env = { DATABASE_URL: undefined, PGLITE_DIR: dir };
    }
    server = startServerProcess({ ...env, PORT: "0" });
    const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
    baseUrl = `http://127.0.0.1:${port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill("SIGTERM");
    await server?.exited;
    for (const cleanup of cleanups.reverse()) await cleanup();
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
    await page.screenshot({ path: path.join(rootDir, "test-results", "questionnaire.png"), fullPage: false });
    expect(errors).toEqual([]);
  });
});
