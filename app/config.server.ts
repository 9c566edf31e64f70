import { randomBytes } from "node:crypto";

// Note: the Remix compiler replaces `process.env.NODE_ENV` in this bundle at build time, so runtime
// decisions here never depend on it. server/index.ts insists on SESSION_SECRET when NODE_ENV=production.
function readSessionSecret(): string {
  const configured = process.env.SESSION_SECRET;
  if (configured && configured.length >= 32) return configured;
  // Sessions live in the database, so a per-process secret only invalidates open forms on restart.
  // Several instances behind a load balancer must share one SESSION_SECRET.
  return randomBytes(32).toString("hex");
}

const GLOBAL_KEY = Symbol.for("resilience-portal.session-secret");
const holder = globalThis as typeof globalThis & { [GLOBAL_KEY]?: string };
export const sessionSecret = (holder[GLOBAL_KEY] ??= readSessionSecret());

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Cookies get the Secure flag whenever the request reached us over HTTPS (directly or via a trusted proxy). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
