/**
 * Which parsed rows would create, change or leave alone a row of the organisation. Rows are matched by
 * their key columns (the external IDs); a row is unchanged when every column of the format is equal,
 * which is what makes importing the same file twice a no-op.
 */
import { PORTFOLIO_SHEETS, SHEET_KEYS, cellValue, rowKey, type Located, type RowOf, type SheetKey } from "./format";
import type { ParsedPortfolio } from "./parse";

/** The organisation's current rows in the workbook's shape, keyed by rowKey (for suppliers and services: the ID). */
export type PortfolioState = { [K in SheetKey]: Map<string, RowOf<K>> };

export interface SheetChanges<T> {
  create: T[];
  update: T[];
  unchanged: number;
}
export type PortfolioChanges = { [K in SheetKey]: SheetChanges<Located<RowOf<K>>> };

export interface ChangeCount {
  create: number;
  update: number;
  unchanged: number;
}
export type ChangeCounts = { [K in SheetKey]: ChangeCount };

export function emptyPortfolioState(): PortfolioState {
  return { suppliers: new Map(), services: new Map(), serviceSuppliers: new Map(), dependencies: new Map(), alternates: new Map() };
}

export function addToState<K extends SheetKey>(state: PortfolioState, key: K, row: RowOf<K>): void {
  (state[key] as Map<string, RowOf<K>>).set(rowKey(key, row), row);
}

export function sameRow(key: SheetKey, a: object, b: object): boolean {
  return PORTFOLIO_SHEETS[key].columns.every((c) => cellValue(a, c.key) === cellValue(b, c.key));
}

export function diffPortfolio(portfolio: ParsedPortfolio, state: PortfolioState): PortfolioChanges {
  const sheet = <K extends SheetKey>(key: K): SheetChanges<Located<RowOf<K>>> => {
    const changes: SheetChanges<Located<RowOf<K>>> = { create: [], update: [], unchanged: 0 };
    const existing = state[key] as Map<string, RowOf<K>>;
    for (const row of portfolio[key] as Located<RowOf<K>>[]) {
      const current = existing.get(rowKey(key, row));
      if (!current) changes.create.push(row);
      else if (sameRow(key, row, current)) changes.unchanged += 1;
      else changes.update.push(row);
    }
    return changes;
  };
  return {
    suppliers: sheet("suppliers"),
    services: sheet("services"),
    serviceSuppliers: sheet("serviceSuppliers"),
    dependencies: sheet("dependencies"),
    alternates: sheet("alternates"),
  };
}

export function countChanges(changes: PortfolioChanges): ChangeCounts {
  const count = (c: SheetChanges<unknown>): ChangeCount => ({ create: c.create.length, update: c.update.length, unchanged: c.unchanged });
  return Object.fromEntries(SHEET_KEYS.map((key) => [key, count(changes[key])])) as ChangeCounts;
}
