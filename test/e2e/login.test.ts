import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { rootDir, startServerOnFreshDatabase } from "../support/server-process";
import { chromiumPath, launchBrowser } from "./browser";

const screenshots = path.join(rootDir, "test-results");

describe.skipIf(!chromiumPath)("browser journey: log in as a demo user", () => {
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

  it("redirects to login, signs in with the keyboard and shows the overview", async () => {
    const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });

    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login\?redirectTo=%2F/);
    await expect(page.getByRole("heading", { name: "Log in" }).isVisible()).resolves.toBe(true);

    await page.getByLabel("Email").fill(procurement.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByLabel("Password").press("Enter");

    await page.getByRole("heading", { level: 1, name: /Northwind/ }).waitFor();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Suppliers" }).isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: path.join(screenshots, "overview.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Suppliers" }).click();
    await page.getByRole("heading", { level: 1, name: "Suppliers" }).waitFor();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/login$/);
    expect(errors).toEqual([]);
  });

  it("shows a clear message for a wrong password", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Email or password is incorrect");
  });
});
