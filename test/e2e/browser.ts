import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p))) ?? null;
}

export const chromiumPath = findChromium();
export const e2eRequired = process.env.REQUIRE_E2E === "1";

if (!chromiumPath) {
  const message = "No Chromium found (install it with `apt-get install -y chromium` or set CHROMIUM_PATH).";
  if (e2eRequired) throw new Error(`${message} REQUIRE_E2E=1, so browser tests fail instead of skipping.`);
  console.warn(`${message} Browser tests are skipped.`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    // This machine has no network beyond localhost: keep Chromium from phoning home.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
