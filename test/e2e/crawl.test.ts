import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startServerOnFreshDatabase } from "../support/server-process";
import { chromiumPath, launchBrowser } from "./browser";

/*
 * Every page in every role's navigation, plus the first detail page each list links to, rendered
 * and hydrated in a real browser with no script error. Catches what server-side HTML tests cannot:
 * a component that reads a value from a *.server module (empty in the browser bundle) or fails to hydrate.
 */
describe.skipIf(!chromiumPath)("browser crawl: every page hydrates without errors", () => {
  let running: Awaited<ReturnType<typeof startServerOnFreshDatabase>>;
  let browser: Browser;

  beforeAll(async () => {
    running = await startServerOnFreshDatabase();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function visit(page: Page, path: string, errors: string[]) {
    const before = errors.length;
    const response = await page.goto(`${running.baseUrl}${path}`);
    await page.waitForLoadState("networkidle");
    const heading = (await page.locator("h1").first().textContent()) ?? "";
    expect({ path, status: response?.status(), heading, errors: errors.slice(before) }).toMatchObject({
      path,
      status: 200,
      errors: [],
    });
    expect(heading).not.toMatch(/Something went wrong|Page not found|Access denied/);
  }

  it.each(["procurement", "analyst", "vendor"] as const)("as %s", async (role) => {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${running.baseUrl}/login`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${running.baseUrl}/`);

    const navigation = await page.getByRole("navigation", { name: "Main" }).getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const detailOf: Record<string, string> = {
      "/suppliers": 'td a[href^="/suppliers/"]',
      "/services": 'td a[href^="/services/"]',
      "/findings": 'td a[href^="/findings/"]',
      "/questionnaires": 'td a[href^="/assessments/"]',
      "/": 'a[href^="/assessments/"]',
    };
    const paths = new Set<string>([...navigation, "/account"]);
    for (const path of navigation) {
      const selector = detailOf[path];
      if (!selector) continue;
      await page.goto(`${running.baseUrl}${path}`);
      const href = await page.locator(selector).first().getAttribute("href").catch(() => null);
      if (href) paths.add(href);
    }
    for (const path of paths) await visit(page, path, errors);
    await page.close();
  });
});
