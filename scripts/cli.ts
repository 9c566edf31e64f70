/**
 * Command line for operators:
 *
 *   npm run cli -- export risk-register FILE [--org SLUG] [--country DE] [--tier 2] [--base-url URL]
 *   npm run cli -- export dora DIR [--org SLUG] [--format xbrl|xlsx|both]
 *   npm run cli -- export portfolio-summary FILE [--org SLUG]
 *   npm run cli -- import FILE [--org SLUG] [--dry-run]
 *   npm run cli -- export portfolio FILE [--org SLUG]
 *
 * Runs against DATABASE_URL, else the embedded PGlite under PGLITE_DIR (default ./data), applying
 * migrations first. Exit codes: 0 done, 1 failed, 2 usage error. Each export is audited.
 * New subcommands (import …, export …) register in COMMANDS below.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { closeDatabase, describeDatabase, getDatabase, readDatabaseConfig } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { recordAudit } from "../app/audit.server";
import { parseSupplierFilters } from "../app/domain/reports/filters";
import { produceReportFile, type ReportKey } from "../app/reports/export.server";
import { recomputeOrganisation } from "../app/resilience.server";
import { applyPortfolioImport, exportPortfolio, previewPortfolioImport } from "../app/data/portfolio.server";
import { parsePortfolioUpload, writePortfolioWorkbook } from "../app/domain/portfolio";

class UsageError extends Error {}

interface CommandContext {
  db: Kysely<Database>;
  args: string[];
  options: Record<string, string | undefined>;
  log: (line: string) => void;
}

type Command = { usage: string; run: (ctx: CommandContext) => Promise<void> };

const OPTIONS = {
  org: { type: "string" },
  "base-url": { type: "string" },
  format: { type: "string" },
  q: { type: "string" },
  country: { type: "string" },
  criticality: { type: "string" },
  relationship: { type: "string" },
  tier: { type: "string" },
  findings: { type: "string" },
  help: { type: "boolean", short: "h" },
  "dry-run": { type: "boolean" },
} as const;

async function resolveOrg(db: Kysely<Database>, slug: string | undefined) {
  if (slug) {
    const org = await db.selectFrom("organisations").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
    if (!org) throw new UsageError(`No organisation with slug "${slug}".`);
    return org;
  }
  const orgs = await db.selectFrom("organisations").select(["id", "slug", "name"]).orderBy("created_at").limit(2).execute();
  if (orgs.length === 0) throw new UsageError("The database has no organisation (run `npm run db:seed`?).");
  if (orgs.length > 1) throw new UsageError(`Several organisations: choose one with --org SLUG (e.g. --org ${orgs[0]!.slug}).`);
  return orgs[0]!;
}

async function exportTo(ctx: CommandContext, report: ReportKey, filePath: string) {
  const org = await resolveOrg(ctx.db, ctx.options.org);
  const started = Date.now();
  const computed = await ctx.db.selectFrom("organisations").select("results_computed_at").where("id", "=", org.id).executeTakeFirstOrThrow();
  if (!computed.results_computed_at) {
    // Reports read stored results: compute them once for an organisation that never had them.
    ctx.log("  results were never computed for this organisation; computing them first");
    await recomputeOrganisation(ctx.db, org.id);
  }
  let lastShown = -10;
  const produced = await produceReportFile(ctx.db, filePath, {
    orgId: org.id,
    report,
    filters: report === "risk-register" ? parseSupplierFilters(ctx.options) : undefined,
    baseUrl: ctx.options["base-url"],
    progress: async (percent, message) => {
      if (percent - lastShown >= 10 || percent >= 100) {
        lastShown = percent;
        ctx.log(`  ${Math.round(percent)} % ${message ?? ""}`);
      }
    },
  });
  await recordAudit(ctx.db, {
    orgId: org.id,
    actorUserId: null,
    action: "export.created",
    entityType: "report",
    summary: { report, via: "cli", file: path.basename(filePath), sizeBytes: produced.sizeBytes },
  });
  ctx.log(`✔ ${filePath} (${produced.sizeBytes} bytes, ${org.slug}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return produced;
}

const COMMANDS: Record<string, Command> = {
  "export risk-register": {
    usage: "export risk-register FILE [--org SLUG] [--q TEXT --country CC --criticality C --relationship vendor|sub --tier N --findings yes|no] [--base-url URL]",
    async run(ctx) {
      const file = ctx.args[0];
      if (!file) throw new UsageError("Missing FILE.");
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      await exportTo(ctx, "risk-register", path.resolve(file));
    },
  },
  "export dora": {
    usage: "export dora DIR [--org SLUG] [--format both|xbrl|xlsx]",
    async run(ctx) {
      const dir = ctx.args[0];
      if (!dir) throw new UsageError("Missing DIR.");
      const format = ctx.options.format ?? "both";
      if (!["both", "xbrl", "xlsx"].includes(format)) throw new UsageError("--format must be both, xbrl or xlsx.");
      await mkdir(path.resolve(dir), { recursive: true });
      const org = await resolveOrg(ctx.db, ctx.options.org);
      const day = new Date().toISOString().slice(0, 10);
      ctx.options.org = org.slug;
      if (format !== "xlsx") await exportTo(ctx, "dora-xbrl", path.resolve(dir, `dora-register-${org.slug}-${day}.zip`));
      if (format !== "xbrl") await exportTo(ctx, "dora-xlsx", path.resolve(dir, `dora-register-${org.slug}-${day}.xlsx`));
    },
  },
  "export portfolio": {
    usage: "export portfolio FILE [--org SLUG]   (the import format: suppliers, services, links, dependencies, alternates)",
    async run(ctx) {
      const file = ctx.args[0];
      if (!file) throw new UsageError("Missing FILE.");
      const org = await resolveOrg(ctx.db, ctx.options.org);
      const target = path.resolve(file);
      await mkdir(path.dirname(target), { recursive: true });
      const out = createWriteStream(target);
      await writePortfolioWorkbook(out, exportPortfolio(ctx.db, org.id));
      await recordAudit(ctx.db, { orgId: org.id, actorUserId: null, action: "export.portfolio", summary: { via: "cli", file: path.basename(target) } });
      ctx.log(`Wrote ${target}`);
    },
  },
  "import ": {
    usage: "import FILE [--org SLUG] [--dry-run]   (.xlsx workbook or one sheet as .csv; all or nothing)",
    async run(ctx) {
      const file = ctx.args[0];
      if (!file) throw new UsageError("Missing FILE.");
      const org = await resolveOrg(ctx.db, ctx.options.org);
      const parsed = await parsePortfolioUpload({ path: path.resolve(file) }, { fileName: path.basename(file) });
      if (parsed.status === "rejected") throw new Error(parsed.message);
      const report = (problems: { sheet: string | null; row: number | null; column: string | null; message: string }[], total: number) => {
        for (const p of problems.slice(0, 50)) ctx.log(`  ${p.sheet ?? "-"} row ${p.row ?? "-"} ${p.column ?? ""}: ${p.message}`);
        if (total > 50) ctx.log(`  … and ${total - 50} more`);
      };
      const counts = (c: Record<string, { create: number; update: number; unchanged: number }>) =>
        Object.entries(c).map(([sheet, n]) => `  ${sheet}: ${n.create} new, ${n.update} updated, ${n.unchanged} unchanged`).forEach((line) => ctx.log(line));
      if (ctx.options["dry-run"]) {
        const preview = await previewPortfolioImport(ctx.db, org.id, parsed);
        counts(preview.counts);
        if (preview.problemCount) {
          report(preview.problems, preview.problemCount);
          throw new Error(`${preview.problemCount} problem(s): nothing would be applied.`);
        }
        ctx.log("Dry run: no problems; nothing was changed.");
        return;
      }
      const outcome = await applyPortfolioImport(ctx.db, org.id, null, parsed, { fileName: path.basename(file) });
      if (outcome.status === "rejected") {
        report(outcome.problems, outcome.problemCount);
        throw new Error(`${outcome.problemCount} problem(s): nothing was applied.`);
      }
      counts(outcome.counts);
      await recomputeOrganisation(ctx.db, org.id);
      ctx.log("Applied; resilience results recomputed.");
    },
  },
  "export portfolio-summary": {
    usage: "export portfolio-summary FILE [--org SLUG]",
    async run(ctx) {
      const file = ctx.args[0];
      if (!file) throw new UsageError("Missing FILE.");
      await exportTo(ctx, "portfolio-summary", path.resolve(file));
    },
  },
};

function usage() {
  return ["Usage: npm run cli -- <command>", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}\n${usage()}`);
    return 2;
  }
  const [group, name, ...rest] = parsed.positionals;
  // Two-word commands ("export dora DIR") or one-word ones ("import FILE").
  const twoWords = COMMANDS[`${group ?? ""} ${name ?? ""}`];
  const command = twoWords ?? COMMANDS[`${group ?? ""} `];
  const args = twoWords ? rest : [name, ...rest].filter((a): a is string => a !== undefined);
  if (parsed.values.help || !command) {
    (parsed.values.help ? console.log : console.error)(usage());
    return parsed.values.help ? 0 : 2;
  }
  console.error(`Database: ${describeDatabase(readDatabaseConfig())}`);
  const db = getDatabase();
  try {
    await migrateToLatest(db);
    const options = Object.fromEntries(
      Object.entries(parsed.values)
        .filter(([, v]) => typeof v === "string" || v === true)
        .map(([k, v]) => [k, String(v)]),
    ) as Record<string, string>;
    await command.run({ db, args, options, log: (line) => console.error(line) });
    return 0;
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error(usage());
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await closeDatabase();
  }
}

process.exitCode = await main(process.argv.slice(2));
