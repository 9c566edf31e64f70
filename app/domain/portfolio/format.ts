/**
 * The portfolio workbook, defined once: every sheet, column header, type and rule. The parser, the
 * writer, the blank template, the Instructions sheet and docs/import-format.md all read this table.
 *
 * Row types are derived from it, so adding a column here changes the parsed and exported row shapes
 * (and the compiler then points at the data layer that maps them to the database).
 */

export const CRITICALITIES = ["critical", "high", "medium", "low"] as const;
export const ALTERNATE_STATUSES = ["identified", "qualifying", "qualified"] as const;

/** The value type each kind of column parses to (hours are stored as whole minutes). */
interface KindValues {
  id: string;
  text: string;
  email: string;
  country: string;
  duns: string;
  hours: number;
  yesNo: boolean;
  choice: string;
  percent: number;
}
export type ColumnKind = keyof KindValues;

export interface ColumnSpec {
  /** Property name in the row objects. */
  readonly key: string;
  /** Header text in the workbook (matched case-insensitively). */
  readonly header: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** Value used when the cell is empty (so the row value is never null). */
  readonly fallback?: string | number | boolean;
  /** Accepted values of a `choice` column. */
  readonly choices?: readonly string[];
  /** This column holds the ID of a row of another sheet. */
  readonly references?: "suppliers" | "services";
  readonly example: string;
  readonly help: string;
  /** Column width in the written workbook, in characters. */
  readonly width: number;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Columns that identify a row: import upserts by them, and they must be unique within the sheet. */
  readonly keyColumns: readonly string[];
  readonly help: string;
}

function sheet<const Columns extends readonly ColumnSpec[]>(spec: {
  name: string;
  help: string;
  keyColumns: readonly Columns[number]["key"][];
  columns: Columns;
}) {
  return spec;
}

const supplierRef = { kind: "id", references: "suppliers", width: 16, example: "SUP-001" } as const;
const serviceRef = { kind: "id", references: "services", width: 16, example: "SVC-PAY" } as const;

export const PORTFOLIO_SHEETS = {
  suppliers: sheet({
    name: "Suppliers",
    help: "Every company in your supply chain: direct vendors and the suppliers behind them.",
    keyColumns: ["supplierId"],
    columns: [
      { key: "supplierId", header: "Supplier ID", kind: "id", required: true, width: 16, example: "SUP-001", help: "Your own unique key for the supplier." },
      { key: "name", header: "Name", kind: "text", required: true, width: 36, example: "Zakłady Elektroniczne Łódź", help: "Company name, in any script." },
      { key: "country", header: "Country", kind: "country", required: false, width: 10, example: "PL", help: "Where the supplier is based." },
      { key: "isVendor", header: "Vendor", kind: "yesNo", required: false, fallback: false, width: 9, example: "Y", help: "Y when you buy from it directly (tier 1)." },
      { key: "criticality", header: "Criticality", kind: "choice", choices: CRITICALITIES, required: false, fallback: "medium", width: 12, example: "high", help: "How critical the supplier is to you." },
      { key: "contactEmail", header: "Contact email", kind: "email", required: false, width: 30, example: "bcm@supplier.example", help: "Continuity contact." },
      { key: "declaredRtoMin", header: "Declared RTO (h)", kind: "hours", required: false, width: 16, example: "4", help: "Recovery time the supplier claims." },
      { key: "declaredRpoMin", header: "Declared RPO (h)", kind: "hours", required: false, width: 16, example: "0.25", help: "Data loss (as time) the supplier claims." },
      { key: "lei", header: "LEI", kind: "text", required: false, width: 24, example: "529900T8BM49AURSDO55", help: "Legal Entity Identifier." },
      { key: "duns", header: "DUNS", kind: "duns", required: false, width: 12, example: "150483782", help: "D-U-N-S number." },
      { key: "website", header: "Website", kind: "text", required: false, width: 30, example: "https://supplier.example", help: "Web address." },
    ],
  }),
  services: sheet({
    name: "Services",
    help: "Your internal services and business processes, with the recovery your BIA requires.",
    keyColumns: ["serviceId"],
    columns: [
      { key: "serviceId", header: "Service ID", kind: "id", required: true, width: 16, example: "SVC-PAY", help: "Your own unique key for the service." },
      { key: "name", header: "Name", kind: "text", required: true, width: 36, example: "Payroll", help: "Service name." },
      { key: "owner", header: "Owner", kind: "text", required: false, width: 24, example: "HR operations", help: "Who owns the service." },
      { key: "requiredRtoMin", header: "Required RTO (h)", kind: "hours", required: true, width: 16, example: "4", help: "Longest the service may be down." },
      { key: "requiredRpoMin", header: "Required RPO (h)", kind: "hours", required: true, width: 16, example: "0.25", help: "Most data (as time) that may be lost." },
      { key: "mtpdMin", header: "MTPD (h)", kind: "hours", required: true, width: 12, example: "48", help: "Maximum tolerable period of disruption; at least the RTO." },
    ],
  }),
  serviceSuppliers: sheet({
    name: "Service suppliers",
    help: "Which suppliers each service needs (one row per link).",
    keyColumns: ["serviceId", "supplierId"],
    columns: [
      { key: "serviceId", header: "Service ID", required: true, help: "The service.", ...serviceRef },
      { key: "supplierId", header: "Supplier ID", required: true, help: "A supplier the service needs.", ...supplierRef },
    ],
  }),
  dependencies: sheet({
    name: "Dependencies",
    help: "Supplier A relies on supplier B (tier 2 and beyond).",
    keyColumns: ["supplierId", "dependsOnId"],
    columns: [
      { key: "supplierId", header: "Supplier ID", required: true, help: "The supplier that relies on another.", ...supplierRef },
      { key: "dependsOnId", header: "Depends on ID", required: true, help: "The supplier it relies on.", ...supplierRef, example: "SUP-041" },
      { key: "supplies", header: "Supplies", kind: "text", required: false, fallback: "", width: 28, example: "Semiconductor wafers", help: "What it supplies." },
      { key: "singleSource", header: "Single source", kind: "yesNo", required: false, fallback: false, width: 14, example: "Y", help: "Y when there is no other source today." },
      { key: "bufferMin", header: "Buffer (h)", kind: "hours", required: false, fallback: 0, width: 12, example: "168", help: "Stock or time that bridges an outage." },
    ],
  }),
  alternates: sheet({
    name: "Alternates",
    help: "Another supplier that can replace one, for a given supplier or service.",
    keyColumns: ["replacesId", "alternateId", "forSupplierId", "forServiceId"],
    columns: [
      { key: "replacesId", header: "Replaces ID", required: true, help: "The supplier being replaced.", ...supplierRef, example: "SUP-041" },
      { key: "alternateId", header: "Alternate ID", required: true, help: "The supplier that can take over.", ...supplierRef, example: "SUP-042" },
      { key: "forSupplierId", header: "For supplier ID", required: false, help: "The supplier whose input is replaced. Fill in this or For service ID, not both.", ...supplierRef },
      { key: "forServiceId", header: "For service ID", required: false, help: "The service for which it replaces. Fill in this or For supplier ID, not both.", ...serviceRef, example: "" },
      { key: "status", header: "Status", kind: "choice", choices: ALTERNATE_STATUSES, required: false, fallback: "identified", width: 12, example: "qualified", help: "How ready the alternate is." },
      { key: "switchoverMin", header: "Switch-over (h)", kind: "hours", required: false, width: 15, example: "6", help: "Time to switch to the alternate." },
      { key: "capacityPct", header: "Capacity (%)", kind: "percent", required: false, width: 13, example: "80", help: "Share of the volume it can take over." },
    ],
  }),
} as const;

export type SheetKey = keyof typeof PORTFOLIO_SHEETS;

/** Sheets in workbook order; also the order import writes them (suppliers before links to them). */
export const SHEET_KEYS: readonly SheetKey[] = ["suppliers", "services", "serviceSuppliers", "dependencies", "alternates"];

/** A sheet of explanations that the writer adds and the parser skips. */
export const INSTRUCTIONS_SHEET_NAME = "Instructions";

type ValueOf<C extends ColumnSpec> = C["kind"] extends "choice"
  ? NonNullable<C["choices"]>[number]
  : KindValues[C["kind"]];
type CellOf<C extends ColumnSpec> = C extends { required: true } | { fallback: unknown } ? ValueOf<C> : ValueOf<C> | null;

/** One row of a sheet, as parsed from a file or read from the database for export. */
export type RowOf<K extends SheetKey> = {
  -readonly [C in (typeof PORTFOLIO_SHEETS)[K]["columns"][number] as C["key"]]: CellOf<C>;
};
export type SupplierRow = RowOf<"suppliers">;
export type ServiceRow = RowOf<"services">;
export type ServiceSupplierRow = RowOf<"serviceSuppliers">;
export type DependencyRow = RowOf<"dependencies">;
export type AlternateRow = RowOf<"alternates">;

/** A parsed row and the spreadsheet row (1-based, header = 1 for a header on the first row) it came from. */
export type Located<T> = T & { readonly row: number };

export function sheetSpec(key: SheetKey): SheetSpec {
  return PORTFOLIO_SHEETS[key];
}

/** Reads a row's value by column key (row types are closed objects; this is the one untyped access). */
export function cellValue(row: object, key: string): string | number | boolean | null {
  return (row as Record<string, string | number | boolean | null>)[key] ?? null;
}

/** The identity of a row within its sheet, e.g. a dependency's supplier and depends-on IDs. */
export function rowKey(sheet: SheetKey, row: object): string {
  return PORTFOLIO_SHEETS[sheet].keyColumns.map((key) => cellValue(row, key) ?? "").join("\u001f");
}

export function headerOf(sheet: SheetKey, key: string): string {
  const column = PORTFOLIO_SHEETS[sheet].columns.find((c) => c.key === key);
  if (!column) throw new Error(`No column ${key} in sheet ${sheet}`);
  return column.header;
}

/** Plain-words description of what a column accepts, for the Instructions sheet and the docs. */
export function describeAcceptedValues(column: ColumnSpec): string {
  switch (column.kind) {
    case "id":
      return column.references
        ? `an ID from the ${PORTFOLIO_SHEETS[column.references].name} sheet or already in the portal`
        : "text, unique in the sheet (case-sensitive)";
    case "text":
      return "text";
    case "email":
      return "an e-mail address";
    case "country":
      return "ISO 3166-1 alpha-2 code, e.g. DE (any case)";
    case "duns":
      return "text; a number that lost its leading zeros is padded back to 9 digits";
    case "hours":
      return "hours ≥ 0, decimals allowed (stored to the nearest minute)";
    case "yesNo":
      return "Y or N (also Yes/No, true/false, 1/0)";
    case "choice":
      return (column.choices ?? []).join(", ");
    case "percent":
      return "whole number 0–100";
  }
}

/** The value an empty cell stands for, as the user would type it; null when empty means "none". */
export function fallbackText(column: ColumnSpec): string | null {
  if (column.fallback === undefined || column.fallback === "") return null;
  return typeof column.fallback === "boolean" ? (column.fallback ? "Y" : "N") : String(column.fallback);
}

export function describeDefault(column: ColumnSpec): string {
  if (column.required) return "required";
  const fallback = fallbackText(column);
  return fallback === null ? "optional" : `optional (empty = ${fallback})`;
}

/** The column reference as Markdown tables, one per sheet; docs/import-format.md embeds this text verbatim. */
export function formatReferenceMarkdown(): string {
  return SHEET_KEYS.map((key) => {
    const spec = sheetSpec(key);
    const rows = spec.columns.map(
      (c) =>
        `| ${c.header} | ${describeDefault(c)} | ${describeAcceptedValues(c)} | ${c.example ? `\`${c.example}\`` : ""} | ${c.help} |`,
    );
    return [
      `### ${spec.name}`,
      "",
      spec.help,
      "",
      "| column | required | accepted values | example | meaning |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  }).join("\n\n");
}
