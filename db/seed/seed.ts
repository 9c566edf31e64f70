import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { installTemplate } from "../../app/data/questionnaires.server";
import { DEFAULT_TEMPLATE } from "../../app/domain/questionnaire/default-template";
import { hashPassword } from "../../app/password.server";
import type { Database } from "../schema";
import { normalizeName } from "../../app/domain/names";
import {
  DEMO_ALTERNATES,
  DEMO_ASSESSMENTS,
  DEMO_DEPENDENCIES,
  DEMO_ORG,
  DEMO_PASSWORD,
  DEMO_SERVICES,
  DEMO_SERVICE_SUPPLIERS,
  DEMO_SUPPLIERS,
  DEMO_USERS,
} from "./demo-data";

export const DEMO_LOGINS = {
  password: DEMO_PASSWORD,
  users: DEMO_USERS.map((u) => ({ email: u.email, role: u.role })),
};

// Any constant works; it only has to be the same for every process that seeds.
const SEED_LOCK_KEY = 7_270_431;

type SeedOutcome = "seeded" | "already-seeded" | "not-empty";

interface SeedOptions {
  /** Seed only when the database has no organisation at all (what `npm start` does). */
  onlyIfEmpty?: boolean;
  log?: (line: string) => void;
  /** Test hook: called inside the transaction after the first inserts, to simulate a crash mid-seed. */
  afterFirstInsert?: () => Promise<void>;
}

function daysFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/**
 * Creates the demo organisation in ONE transaction under an advisory lock: a crash part-way leaves
 * nothing behind, and two instances starting together cannot both seed. Running it again is a no-op.
 */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions = {}): Promise<SeedOutcome> {
  const log = options.log ?? (() => {});
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    const existing = await trx.selectFrom("organisations").select(["slug"]).execute();
    if (existing.some((o) => o.slug === DEMO_ORG.slug)) return "already-seeded";
    if (options.onlyIfEmpty && existing.length > 0) return "not-empty";

    log("Seeding the demo organisation…");
    const org = await trx
      .insertInto("organisations")
      .values({ slug: DEMO_ORG.slug, name: DEMO_ORG.name })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orgId = org.id;
    await options.afterFirstInsert?.();

    const suppliers = await trx
      .insertInto("suppliers")
      .values(
        DEMO_SUPPLIERS.map((s) => ({
          org_id: orgId,
          external_id: s.externalId,
          name: s.name,
          normalized_name: normalizeName(s.name),
          country: s.country,
          is_vendor: s.isVendor,
          criticality: s.criticality,
          contact_email: s.contactEmail,
          lei: s.lei,
          duns: s.duns,
          website: s.website,
          declared_rto_min: s.declaredRtoMin,
          declared_rpo_min: s.declaredRpoMin,
          tested_rto_min: s.testedRtoMin,
          tested_rpo_min: s.testedRpoMin,
          tested_at: s.testedMonthsAgo === null ? null : monthsAgo(s.testedMonthsAgo),
        })),
      )
      .returning(["id", "external_id"])
      .execute();
    const supplierId = new Map(suppliers.map((s) => [s.external_id, s.id]));
    const sid = (externalId: string) => {
      const id = supplierId.get(externalId);
      if (!id) throw new Error(`Demo data refers to unknown supplier ${externalId}`);
      return id;
    };

    const services = await trx
      .insertInto("internal_services")
      .values(
        DEMO_SERVICES.map((s) => ({
          org_id: orgId,
          external_id: s.externalId,
          name: s.name,
          owner: s.owner,
          description: s.description,
          required_rto_min: s.requiredRtoMin,
          required_rpo_min: s.requiredRpoMin,
          mtpd_min: s.mtpdMin,
        })),
      )
      .returning(["id", "external_id"])
      .execute();
    const serviceId = new Map(services.map((s) => [s.external_id, s.id]));
    const svc = (externalId: string) => {
      const id = serviceId.get(externalId);
      if (!id) throw new Error(`Demo data refers to unknown service ${externalId}`);
      return id;
    };

    await trx
      .insertInto("service_suppliers")
      .values(DEMO_SERVICE_SUPPLIERS.map((l) => ({ org_id: orgId, service_id: svc(l.serviceId), supplier_id: sid(l.supplierId) })))
      .execute();
    await trx
      .insertInto("dependencies")
      .values(
        DEMO_DEPENDENCIES.map((d) => ({
          org_id: orgId,
          supplier_id: sid(d.supplierId),
          depends_on_id: sid(d.dependsOnId),
          supplies: d.supplies,
          single_source: d.singleSource,
          buffer_min: d.bufferMin,
        })),
      )
      .execute();
    await trx
      .insertInto("alternates")
      .values(
        DEMO_ALTERNATES.map((a) => ({
          org_id: orgId,
          replaces_id: sid(a.replacesId),
          alternate_id: sid(a.alternateId),
          for_supplier_id: a.forSupplierId ? sid(a.forSupplierId) : null,
          for_service_id: a.forServiceId ? svc(a.forServiceId) : null,
          status: a.status,
          switchover_min: a.switchoverMin,
          capacity_pct: a.capacityPct,
        })),
      )
      .execute();

    const template = await installTemplate(trx, orgId, DEFAULT_TEMPLATE);
    const questionId = new Map(template.questions.map((q) => [q.key, q.id]));
    for (const demo of DEMO_ASSESSMENTS) {
      const submitted = ["submitted", "approved", "rejected"].includes(demo.status);
      const snapshot = submitted ? JSON.stringify({ answers: demo.answers }) : null;
      const assessment = await trx
        .insertInto("assessments")
        .values({
          org_id: orgId,
          supplier_id: sid(demo.supplierId),
          template_version_id: template.versionId,
          status: demo.status,
          due_date: daysFromNow(demo.dueInDays),
          sent_at: demo.status === "draft" ? null : new Date(Date.now() - 30 * 86_400_000),
          submitted_at: submitted ? new Date(Date.now() - 7 * 86_400_000) : null,
          reviewed_at: demo.status === "approved" || demo.status === "rejected" ? new Date() : null,
          snapshot,
          snapshot_sha256: snapshot ? createHash("sha256").update(snapshot).digest("hex") : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const answers = Object.entries(demo.answers).map(([key, value]) => {
        const qid = questionId.get(key);
        if (!qid) throw new Error(`Demo answer for unknown question ${key}`);
        return { org_id: orgId, assessment_id: assessment.id, question_id: qid, value: JSON.stringify(value) };
      });
      if (answers.length) await trx.insertInto("answers").values(answers).execute();
    }

    for (const demoUser of DEMO_USERS) {
      const email = demoUser.email.toLowerCase();
      const user =
        (await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()) ??
        (await trx
          .insertInto("users")
          .values({ email, name: demoUser.name, password_hash: await hashPassword(DEMO_PASSWORD) })
          .returning("id")
          .executeTakeFirstOrThrow());
      await trx
        .insertInto("memberships")
        .values({
          org_id: orgId,
          user_id: user.id,
          role: demoUser.role,
          supplier_id: demoUser.supplierId ? sid(demoUser.supplierId) : null,
        })
        .execute();
    }

    await trx
      .insertInto("audit_events")
      .values({ org_id: orgId, actor_user_id: null, action: "demo.seeded", summary: JSON.stringify({ suppliers: suppliers.length }) })
      .execute();
    await trx.updateTable("organisations").set({ seeded_at: new Date() }).where("id", "=", orgId).execute();
    log(
      `Seeded ${suppliers.length} suppliers, ${services.length} services, ${DEMO_DEPENDENCIES.length} dependencies, ` +
        `${DEMO_ASSESSMENTS.length} questionnaires.`,
    );
    return "seeded";
  });
}

/** What `npm start` runs: seeds the demo organisation only into an empty database. */
export function seedDemoIfEmpty(db: Kysely<Database>, options: Omit<SeedOptions, "onlyIfEmpty"> = {}) {
  return seedDemo(db, { ...options, onlyIfEmpty: true });
}
