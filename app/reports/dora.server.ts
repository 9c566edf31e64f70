import type { Writable } from "node:stream";
import { Zip, ZipDeflate } from "fflate";
import type { Db } from "../data/types";
import {
  DORA_TEMPLATES,
  MissingTracker,
  b0101Row,
  b0201Row,
  b0501Row,
  b0502Row,
  b0601Row,
  b0701Row,
  doraTemplate,
  filingIndicatorsCsv,
  missingFieldsCsv,
  parametersCsv,
  reportJson,
  templateCsvHeader,
  templateCsvRow,
  type AlternateFact,
  type DoraRow,
  type DoraTemplate,
  type DoraTemplateCode,
} from "../domain/reports/dora";
import { isoDay } from "../domain/reports/cells";
import { PAGE, dependencyPages, loadOrganisation, type Progress } from "./risk-register.server";
import { createWorkbookWriter, startSheet, writeKeyValueSheet } from "./xlsx.server";

/*
 * DORA register of information from our data, produced template by template and page by page,
 * into a sink: an xlsx for review (one sheet per template, plus "Missing fields") or the
 * xBRL-CSV report package (zip).
 */
interface DoraSink {
  begin(template: DoraTemplate): void;
  row(template: DoraTemplate, row: DoraRow): void;
  end(template: DoraTemplate): void;
}

async function* pages<T>(fetch: (after: string | null) => Promise<T[]>, key: (row: T) => string) {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = key(rows[rows.length - 1]!);
  }
}

async function produceDora(db: Db, orgId: string, asOf: Date, sink: DoraSink, progress: Progress) {
  const org = await loadOrganisation(db, orgId);
  const missing = new MissingTracker();
  const emit = (code: DoraTemplateCode, row: DoraRow) => {
    missing.record(code, row);
    sink.row(doraTemplate(code), row);
  };
  const section = async (code: DoraTemplateCode, percent: number, body: () => Promise<void>) => {
    await progress(percent, `${code} ${doraTemplate(code).title}`);
    sink.begin(doraTemplate(code));
    await body();
    sink.end(doraTemplate(code));
  };
  const vendorPages = () =>
    pages(
      (after) =>
        db
          .selectFrom("suppliers")
          .select(["id", "external_id", "lei", "name", "country"])
          .where("org_id", "=", orgId)
          .where("status", "=", "active")
          .where("is_vendor", "=", true)
          .$if(after !== null, (qb) => qb.where("external_id", ">", after!))
          .orderBy("external_id")
          .limit(PAGE)
          .execute(),
      (r) => r.external_id,
    );

  await section("B_01.01", 2, async () => emit("B_01.01", b0101Row(org, asOf)));
  await section("B_02.01", 5, async () => {
    for await (const rows of vendorPages()) for (const v of rows) emit("B_02.01", b0201Row({ externalId: v.external_id, lei: v.lei }));
  });
  await section("B_05.01", 10, async () => {
    const providers = pages(
      (after) =>
        db
          .selectFrom("suppliers as s")
          .innerJoin("supplier_results as r", "r.supplier_id", "s.id")
          .select(["s.external_id", "s.lei", "s.name", "s.country"])
          .where("s.org_id", "=", orgId)
          .where("s.status", "=", "active")
          .where("r.tier", "is not", null)
          .$if(after !== null, (qb) => qb.where("s.external_id", ">", after!))
          .orderBy("s.external_id")
          .limit(PAGE)
          .execute(),
      (r) => r.external_id,
    );
    for await (const rows of providers) for (const p of rows) emit("B_05.01", b0501Row({ externalId: p.external_id, lei: p.lei, name: p.name, country: p.country }));
  });
  await section("B_05.02", 35, async () => {
    for await (const rows of vendorPages()) {
      for (const v of rows) emit("B_05.02", b0502Row({ vendorExternalId: v.external_id, provider: { externalId: v.external_id, lei: v.lei }, tier: 1, recipient: null }));
    }
    // Every supply link to a sub-supplier: rank = the provider's tier, recipient = its customer.
    let n = 0;
    for await (const edges of dependencyPages(db, orgId)) {
      for (const e of edges) {
        if (e.from.status !== "active" || e.to.status !== "active" || e.to.tier === null || e.to.tier < 2) continue;
        emit(
          "B_05.02",
          b0502Row({
            vendorExternalId: e.from.is_vendor ? e.from.external_id : null,
            provider: { externalId: e.to.external_id, lei: e.to.lei },
            tier: e.to.tier,
            recipient: { externalId: e.from.external_id, lei: e.from.lei },
          }),
        );
      }
      n += edges.length;
      await progress(Math.min(75, 35 + n / 20_000), `B_05.02: ${n} links`);
    }
  });
  await section("B_06.01", 80, async () => {
    const services = pages(
      (after) =>
        db
          .selectFrom("internal_services")
          .select(["external_id", "name", "required_rto_min", "required_rpo_min"])
          .where("org_id", "=", orgId)
          .$if(after !== null, (qb) => qb.where("external_id", ">", after!))
          .orderBy("external_id")
          .limit(PAGE)
          .execute(),
      (r) => r.external_id,
    );
    for await (const rows of services) {
      for (const s of rows) emit("B_06.01", b0601Row({ externalId: s.external_id, name: s.name, requiredRtoMin: s.required_rto_min, requiredRpoMin: s.required_rpo_min }));
    }
  });
  await section("B_07.01", 85, async () => {
    for await (const rows of vendorPages()) {
      const alternates = await db
        .selectFrom("alternates as x")
        .innerJoin("suppliers as a", "a.id", "x.alternate_id")
        .select(["x.replaces_id", "x.status", "a.external_id", "a.lei"])
        .where("x.org_id", "=", orgId)
        .where(
          "x.replaces_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
      const byVendor = new Map<string, AlternateFact[]>();
      for (const a of alternates) {
        const list = byVendor.get(a.replaces_id) ?? [];
        list.push({ status: a.status, alternate: { externalId: a.external_id, lei: a.lei } });
        byVendor.set(a.replaces_id, list);
      }
      for (const v of rows) emit("B_07.01", b0701Row({ externalId: v.external_id, lei: v.lei }, byVendor.get(v.id) ?? []));
    }
  });
  return { org, missing: missing.list() };
}

/** The register as an xlsx for review: one sheet per template, "Missing fields" first. */
export async function writeDoraWorkbook(db: Db, stream: Writable, options: { orgId: string; asOf?: Date; progress?: Progress }) {
  const asOf = options.asOf ?? new Date();
  const workbook = createWorkbookWriter(stream);
  let current: ReturnType<typeof startSheet> | null = null;
  const { org, missing } = await produceDora(
    db,
    options.orgId,
    asOf,
    {
      begin(template) {
        current = startSheet(workbook, {
          name: template.code,
          columns: template.columns.map((c) => ({ header: `${c.code} ${c.label}`, width: Math.min(40, Math.max(14, c.label.length / 2)), kind: "text" as const })),
        });
      },
      row(template, row) {
        // The DORA sink is synchronous: it writes without pacing (its sheets are small).
        void current!.addRow(template.columns.map((c) => row[c.code] ?? null));
      },
      end() {
        current!.finish();
        current = null;
      },
    },
    options.progress ?? (async () => {}),
  );
  const about = workbook.addWorksheet("Missing fields");
  about.columns = [{ width: 10 }, { width: 8 }, { width: 70 }, { width: 11 }, { width: 11 }, { width: 50 }];
  const header = about.getRow(1);
  ["Template", "Column", "Label", "Empty rows", "Total rows", "What to do"].forEach((h, i) => {
    header.getCell(i + 1).value = h;
    header.getCell(i + 1).font = { bold: true };
  });
  header.commit();
  missing.forEach((m, i) => {
    const row = about.getRow(i + 2);
    row.values = [m.template, m.column, m.label, m.emptyRows, m.totalRows, m.note];
    row.commit();
  });
  about.commit();
  writeKeyValueSheet(workbook, "About", [
    ["DORA register of information", org.name],
    ["Reference date", isoDay(asOf)],
    ["Regulation", "Commission Implementing Regulation (EU) 2024/2956, Annex I"],
    ["Templates", DORA_TEMPLATES.map((t) => t.code).join(", ")],
    ["Note", "Fields the portal does not hold are empty; see the sheet 'Missing fields'. Enumerated values are plain words: map them to the EBA taxonomy codes before filing."],
  ]);
  await workbook.commit();
  return { missing: missing.length };
}

/** The register as an xBRL-CSV report package (zip), streamed into `stream`. */
export async function writeDoraPackage(db: Db, stream: Writable, options: { orgId: string; asOf?: Date; progress?: Progress }) {
  const asOf = options.asOf ?? new Date();
  const org = await loadOrganisation(db, options.orgId);
  const root = `dora-register-${org.slug}-${isoDay(asOf)}`;
  const done = new Promise<void>((resolve, reject) => {
    stream.once("error", reject);
    stream.once("finish", resolve);
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      stream.destroy(error);
      return;
    }
    stream.write(chunk);
    if (final) stream.end();
  });
  const encoder = new TextEncoder();
  const addFile = (name: string, text: string) => {
    const file = new ZipDeflate(`${root}/${name}`, { level: 6 });
    zip.add(file);
    file.push(encoder.encode(text), true);
  };
  addFile("META-INF/reportPackage.json", `${JSON.stringify({ documentInfo: { documentType: "https://xbrl.org/report-package/2023/xbrl-csv" } }, null, 2)}\n`);
  addFile("reports/report.json", reportJson());
  addFile("reports/parameters.csv", parametersCsv(null, asOf));
  addFile("reports/FilingIndicators.csv", filingIndicatorsCsv());
  let current: ZipDeflate | null = null;
  let buffer = "";
  const flush = (final = false) => {
    if (current && (buffer.length > 64 * 1024 || final)) {
      current.push(encoder.encode(buffer), final);
      buffer = "";
    }
  };
  const { missing } = await produceDora(
    db,
    options.orgId,
    asOf,
    {
      begin(template) {
        current = new ZipDeflate(`${root}/reports/${template.file}`, { level: 6 });
        zip.add(current);
        buffer = templateCsvHeader(template);
      },
      row(template, row) {
        buffer += templateCsvRow(template, row);
        flush();
      },
      end() {
        flush(true);
        current = null;
      },
    },
    options.progress ?? (async () => {}),
  );
  addFile("missing-fields.csv", missingFieldsCsv(missing));
  zip.end();
  await done;
  return { missing: missing.length };
}
