/**
 * Rules across cells and rows, checked against what the organisation already has (passed in as plain
 * data). Single-cell rules (country codes, negative hours, …) are checked while parsing (cells.ts);
 * both report the same way: sheet, spreadsheet row, column header, plain message.
 */
import { minutesToHours } from "./cells";
import { PORTFOLIO_SHEETS, SHEET_KEYS, cellValue, headerOf, rowKey, type ColumnSpec, type SheetKey } from "./format";
import type { ParsedUpload } from "./parse";
import { ProblemLog, type ProblemReport } from "./problems";

/** IDs already in the organisation (a Set or the Maps of loadPortfolioState both fit). */
export interface ExistingIds {
  suppliers: { has(id: string): boolean };
  services: { has(id: string): boolean };
}

export function validatePortfolio(
  parsed: Pick<ParsedUpload, "portfolio" | "idsOnRejectedRows">,
  existing: ExistingIds,
): ProblemReport {
  const log = new ProblemLog();
  const { portfolio } = parsed;
  const inFile = {
    suppliers: new Set([...portfolio.suppliers.map((r) => r.supplierId), ...parsed.idsOnRejectedRows.suppliers]),
    services: new Set([...portfolio.services.map((r) => r.serviceId), ...parsed.idsOnRejectedRows.services]),
  };

  for (const key of SHEET_KEYS) {
    const spec = PORTFOLIO_SHEETS[key];
    const rows = portfolio[key] as readonly (object & { row: number })[];
    reportDuplicates(log, key, rows);
    for (const column of spec.columns as readonly ColumnSpec[]) {
      const target = column.references;
      if (!target) continue;
      const targetName = PORTFOLIO_SHEETS[target].name;
      for (const row of rows) {
        const id = cellValue(row, column.key);
        if (typeof id !== "string" || inFile[target].has(id) || existing[target].has(id)) continue;
        log.add(spec.name, row.row, column.header, `Unknown ${column.header} “${id}”: it is neither in the ${targetName} sheet nor in the portal.`);
      }
    }
  }

  const services = PORTFOLIO_SHEETS.services.name;
  for (const s of portfolio.services) {
    if (s.requiredRtoMin > s.mtpdMin) {
      log.add(services, s.row, headerOf("services", "requiredRtoMin"), `Required RTO (${hours(s.requiredRtoMin)}) is longer than the MTPD (${hours(s.mtpdMin)}).`);
    }
  }

  const dependencies = PORTFOLIO_SHEETS.dependencies.name;
  for (const d of portfolio.dependencies) {
    if (d.supplierId === d.dependsOnId) {
      log.add(dependencies, d.row, headerOf("dependencies", "dependsOnId"), "A supplier cannot depend on itself.");
    }
  }

  const alternates = PORTFOLIO_SHEETS.alternates.name;
  const forSupplier = headerOf("alternates", "forSupplierId");
  const forService = headerOf("alternates", "forServiceId");
  for (const a of portfolio.alternates) {
    if ((a.forSupplierId === null) === (a.forServiceId === null)) {
      const which = a.forSupplierId === null ? "either" : "only one of";
      log.add(alternates, a.row, forSupplier, `Fill in ${which} ${forSupplier} or ${forService}.`);
    }
    if (a.replacesId === a.alternateId) {
      log.add(alternates, a.row, headerOf("alternates", "alternateId"), "A supplier cannot be its own alternate.");
    }
  }
  return log.report();
}

function reportDuplicates(log: ProblemLog, key: SheetKey, rows: readonly (object & { row: number })[]): void {
  const spec = PORTFOLIO_SHEETS[key];
  const keyHeaders = spec.keyColumns.map((k) => headerOf(key, k));
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const identity = rowKey(key, row);
    const first = firstRow.get(identity);
    if (first === undefined) {
      firstRow.set(identity, row.row);
      continue;
    }
    const what =
      keyHeaders.length === 1 ? `${keyHeaders[0]} “${identity}”` : `combination of ${keyHeaders.join(" + ")}`;
    log.add(spec.name, row.row, keyHeaders[0]!, `The same ${what} appears more than once (first on row ${first}).`);
  }
}

function hours(minutes: number): string {
  return `${Number(minutesToHours(minutes).toFixed(2))} h`;
}
