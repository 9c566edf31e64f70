import { hashSecret, newSecret } from "../secrets.server";
import type { Db } from "./types";

const TOKEN_PREFIX = "rp_";

/** Creates an API token; the clear value is returned once and never stored. */
export async function createApiToken(
  db: Db,
  input: { orgId: string; name: string; role: "procurement" | "analyst"; createdBy: string; expiresAt: Date | null },
) {
  const token = newSecret(TOKEN_PREFIX);
  const row = await db
    .insertInto("api_tokens")
    .values({
      org_id: input.orgId,
      name: input.name,
      role: input.role,
      token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      token_hash: hashSecret(token),
      created_by: input.createdBy,
      expires_at: input.expiresAt,
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export async function listApiTokens(db: Db, orgId: string) {
  return db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.created_by")
    .select([
      "t.id",
      "t.name",
      "t.role",
      "t.token_prefix",
      "t.created_at",
      "t.expires_at",
      "t.last_used_at",
      "t.revoked_at",
      "u.name as created_by_name",
    ])
    .where("t.org_id", "=", orgId)
    .orderBy("t.created_at", "desc")
    .execute();
}

export async function revokeApiToken(db: Db, orgId: string, tokenId: string) {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", tokenId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
