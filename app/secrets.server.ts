import { createHash, randomBytes } from "node:crypto";

/** A fresh 256-bit secret, URL-safe (session cookies, invitation and reset links, API tokens). */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** Secrets are stored only as their SHA-256: a leaked table cannot be replayed. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
