import { hashSecret, newSecret } from "../secrets.server";
import type { Db } from "./types";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export async function createPasswordReset(db: Db, userId: string) {
  const token = newSecret();
  await db
    .insertInto("password_resets")
    .values({ user_id: userId, token_hash: hashSecret(token), expires_at: new Date(Date.now() + PASSWORD_RESET_TTL_MS) })
    .execute();
  return { token };
}

/** The user a still-valid reset link belongs to, or null (unknown, used or expired). */
export async function findValidPasswordReset(db: Db, token: string) {
  return db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.user_id", "u.email"])
    .where("r.token_hash", "=", hashSecret(token))
    .where("r.used_at", "is", null)
    .where("r.expires_at", ">", new Date())
    .where("u.is_active", "=", true)
    .executeTakeFirst();
}

/** Marks the link used; false when another request used it first (single use under races). */
export async function consumePasswordReset(db: Db, resetId: string) {
  const result = await db
    .updateTable("password_resets")
    .set({ used_at: new Date() })
    .where("id", "=", resetId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
