import { csvLine, isoDay, minutesToHours } from "./cells";

/**
 * DORA register of information (Commission Implementing Regulation (EU) 2024/2956, Annex I): the
 * templates we can fill from our data, as plain rows keyed by the templates' column codes. Values
 * we do not hold stay empty and are listed by `missingFields`, so the user knows what to complete.
 * Enumerated values are written as plain words (e.g. "LEI", "Easy"); map them to the EBA
 * taxonomy's codes (eba_CT:…, eba_ZZ:…) in your filing tool before submission.
 */
export interface DoraColumn {
  code: string;
  label: string;
  /** ours = from our data, derived = computed by us (check it), missing = the user must fill it */
  source: "ours" | "derived" | "missing";
}

export interface DoraTemplate {
  code: string;
  /** File name inside the xBRL-CSV package (EBA convention: lower case). */
  file: string;
  title: string;
  columns: readonly DoraColumn[];
}

const col = (code: string, label: string, source: DoraColumn["source"]): DoraColumn => ({ code, label, source });

export const DORA_TEMPLATES = [
  {
    code: "B_01.01",
    file: "b_01.01.csv",
    title: "Entity maintaining the register of information",
    columns: [
      col("c0010", "LEI of the entity maintaining the register of information", "missing"),
      col("c0020", "Name of the entity", "ours"),
      col("c0030", "Country of the entity", "missing"),
      col("c0040", "Type of entity", "missing"),
      col("c0050", "Competent Authority", "missing"),
      col("c0060", "Date of the reporting", "ours"),
    ],
  },
  {
    code: "B_02.01",
    file: "b_02.01.csv",
    title: "Contractual arrangements – General information",
    columns: [
      col("c0010", "Contractual arrangement reference number", "derived"),
      col("c0020", "Type of contractual arrangement", "missing"),
      col("c0030", "Overarching contractual arrangement reference number", "missing"),
      col("c0040", "Currency of the amount reported", "missing"),
      col("c0050", "Annual expense or estimated cost of the contractual arrangement for the past year", "missing"),
    ],
  },
  {
    code: "B_05.01",
    file: "b_05.01.csv",
    title: "ICT third-party service providers",
    columns: [
      col("c0010", "Identification code of ICT third-party service provider", "ours"),
      col("c0020", "Type of code to identify the ICT third-party service provider", "ours"),
      col("c0030", "Additional identification code of ICT third-party service provider", "missing"),
      col("c0040", "Type of additional identification code", "missing"),
      col("c0050", "Legal name of the ICT third-party service provider", "ours"),
      col("c0060", "Name of the ICT third-party service provider in Latin alphabet", "derived"),
      col("c0070", "Type of person of the ICT third-party service provider", "missing"),
      col("c0080", "Country of the ICT third-party service provider's headquarters", "ours"),
      col("c0090", "Currency of the amount reported", "missing"),
      col("c0100", "Total annual expense or estimated cost of the ICT third-party service provider", "missing"),
      col("c0110", "Identification code of the ICT third-party service provider's ultimate parent undertaking", "missing"),
      col("c0120", "Type of code to identify the ultimate parent undertaking", "missing"),
    ],
  },
  {
    code: "B_05.02",
    file: "b_05.02.csv",
    title: "ICT service supply chains",
    columns: [
      col("c0010", "Contractual arrangement reference number", "derived"),
      col("c0020", "Type of ICT services", "missing"),
      col("c0030", "Identification code of the ICT third-party service provider", "ours"),
      col("c0040", "Type of code to identify the ICT third-party service provider", "ours"),
      col("c0050", "Rank", "ours"),
      col("c0060", "Identification code of the recipient of sub-contracted ICT services", "ours"),
      col("c0070", "Type of code to identify the recipient of sub-contracted ICT services", "ours"),
    ],
  },
  {
    code: "B_06.01",
    file: "b_06.01.csv",
    title: "Functions identification",
    columns: [
      col("c0010", "Function Identifier", "ours"),
      col("c0020", "Licenced activity", "missing"),
      col("c0030", "Function name", "ours"),
      col("c0040", "LEI of the financial entity", "missing"),
      col("c0050", "Criticality or importance assessment", "missing"),
      col("c0060", "Reasons for criticality or importance", "missing"),
      col("c0070", "Date of the last assessment of criticality or importance", "missing"),
      col("c0080", "Recovery time objective of the function (hours)", "ours"),
      col("c0090", "Recovery point objective of the function (hours)", "ours"),
      col("c0100", "Impact of discontinuing the function", "missing"),
    ],
  },
  {
    code: "B_07.01",
    file: "b_07.01.csv",
    title: "Assessment of the ICT services",
    columns: [
      col("c0010", "Contractual arrangement reference number", "derived"),
      col("c0020", "Identification code of the ICT third-party service provider", "ours"),
      col("c0030", "Type of code to identify the ICT third-party service provider", "ours"),
      col("c0040", "Type of ICT services", "missing"),
      col("c0050", "Substitutability of the ICT third-party service provider", "derived"),
      col("c0060", "Reason if the ICT third-party service provider is considered not substitutable or difficult to be substitutable", "missing"),
      col("c0070", "Date of the last audit on the ICT third-party service provider", "missing"),
      col("c0080", "Existence of an exit plan", "missing"),
      col("c0090", "Possibility of reintegration of the contracted ICT service", "missing"),
      col("c0100", "Impact of discontinuing the ICT services", "missing"),
      col("c0110", "Are there alternative ICT third-party service providers identified?", "derived"),
      col("c0120", "Identification of alternative ICT TPP", "derived"),
    ],
  },
] as const satisfies readonly DoraTemplate[];

export type DoraTemplateCode = (typeof DORA_TEMPLATES)[number]["code"];
export type DoraRow = Record<string, string | number | null>;

export function doraTemplate(code: DoraTemplateCode): DoraTemplate {
  return DORA_TEMPLATES.find((t) => t.code === code)!;
}

const LEI = /^[A-Z0-9]{18}[0-9]{2}$/;

export interface ProviderIdentity {
  externalId: string;
  lei: string | null;
}

/** A provider's identification code and its type: the LEI when valid, else our own id (to be replaced). */
export function providerCode(p: ProviderIdentity): { code: string; type: string; hasLei: boolean } {
  const lei = p.lei?.trim().toUpperCase();
  if (lei && LEI.test(lei)) return { code: lei, type: "LEI", hasLei: true };
  return { code: p.externalId, type: "", hasLei: false };
}

/** Our placeholder contract reference for a vendor (we do not store contracts). */
export function contractReference(vendorExternalId: string): string {
  return `CA-${vendorExternalId}`;
}

/** Only Latin letters, digits and common punctuation? (else the "name in Latin alphabet" is needed) */
export function isLatinName(name: string): boolean {
  return /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{S}]*$/u.test(name);
}

export function b0101Row(org: { name: string }, asOf: Date): DoraRow {
  return { c0010: null, c0020: org.name, c0030: null, c0040: null, c0050: null, c0060: isoDay(asOf) };
}

export function b0201Row(vendor: ProviderIdentity): DoraRow {
  return { c0010: contractReference(vendor.externalId), c0020: null, c0030: null, c0040: null, c0050: null };
}

export interface ProviderInput extends ProviderIdentity {
  name: string;
  country: string | null;
}

export function b0501Row(p: ProviderInput): DoraRow {
  const id = providerCode(p);
  return {
    c0010: id.code,
    c0020: id.type,
    c0030: null,
    c0040: null,
    c0050: p.name,
    c0060: isLatinName(p.name) ? p.name : null,
    c0070: null,
    c0080: p.country,
    c0090: null,
    c0100: null,
    c0110: null,
    c0120: null,
  };
}

export interface SupplyChainLink {
  /** The vendor whose contract the chain belongs to (rank 1 rows: the provider itself). */
  vendorExternalId: string | null;
  provider: ProviderIdentity;
  /** Rank = the provider's tier (1 = direct provider). */
  tier: number;
  /** Who receives the sub-contracted service (null for rank 1). */
  recipient: ProviderIdentity | null;
}

export function b0502Row(link: SupplyChainLink): DoraRow {
  const provider = providerCode(link.provider);
  const recipient = link.recipient ? providerCode(link.recipient) : null;
  return {
    c0010: link.vendorExternalId ? contractReference(link.vendorExternalId) : null,
    c0020: null,
    c0030: provider.code,
    c0040: provider.type,
    c0050: link.tier,
    c0060: recipient?.code ?? null,
    c0070: recipient?.type ?? null,
  };
}

export function b0601Row(service: { externalId: string; name: string; requiredRtoMin: number; requiredRpoMin: number }): DoraRow {
  return {
    c0010: service.externalId,
    c0020: null,
    c0030: service.name,
    c0040: null,
    c0050: null,
    c0060: null,
    c0070: null,
    c0080: minutesToHours(service.requiredRtoMin),
    c0090: minutesToHours(service.requiredRpoMin),
    c0100: null,
  };
}

export interface AlternateFact {
  status: "identified" | "qualifying" | "qualified";
  alternate: ProviderIdentity;
}

/**
 * Substitutability suggested from our alternates: a qualified alternate → "Easy", one being
 * qualified → "Medium complexity", only identified → "Highly complex"; none known → left empty.
 */
export function substitutability(alternates: readonly AlternateFact[]): string | null {
  if (alternates.some((a) => a.status === "qualified")) return "Easy";
  if (alternates.some((a) => a.status === "qualifying")) return "Medium complexity";
  if (alternates.length) return "Highly complex";
  return null;
}

const STATUS_RANK = { qualified: 3, qualifying: 2, identified: 1 } as const;

export function b0701Row(vendor: ProviderIdentity, alternates: readonly AlternateFact[]): DoraRow {
  const id = providerCode(vendor);
  const best = [...alternates].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status])[0];
  return {
    c0010: contractReference(vendor.externalId),
    c0020: id.code,
    c0030: id.type,
    c0040: null,
    c0050: substitutability(alternates),
    c0060: null,
    c0070: null,
    c0080: null,
    c0090: null,
    c0100: null,
    c0110: alternates.length ? "true" : "false",
    c0120: best ? providerCode(best.alternate).code : null,
  };
}

/** Counts empty cells per template column while rows are written (for the "what is missing" list). */
export class MissingTracker {
  private readonly empty = new Map<string, number>();
  private readonly rows = new Map<string, number>();

  record(template: DoraTemplateCode, row: DoraRow) {
    this.rows.set(template, (this.rows.get(template) ?? 0) + 1);
    for (const column of doraTemplate(template).columns) {
      const value = row[column.code];
      if (value === null || value === undefined || value === "") {
        const key = `${template}|${column.code}`;
        this.empty.set(key, (this.empty.get(key) ?? 0) + 1);
      }
    }
  }

  /** What the user must still fill: every column left empty in at least one row, with a reason. */
  list(): { template: string; column: string; label: string; emptyRows: number; totalRows: number; note: string }[] {
    const out: ReturnType<MissingTracker["list"]> = [];
    for (const template of DORA_TEMPLATES) {
      const total = this.rows.get(template.code) ?? 0;
      for (const column of template.columns) {
        const emptyRows = this.empty.get(`${template.code}|${column.code}`) ?? 0;
        if (emptyRows === 0 && column.source !== "derived") continue;
        out.push({
          template: template.code,
          column: column.code,
          label: column.label,
          emptyRows,
          totalRows: total,
          note:
            column.source === "missing"
              ? "Not held by the portal: fill it in."
              : column.source === "derived"
                ? "Derived by the portal (placeholder or suggestion): check it."
                : "Not recorded for some rows (e.g. no LEI): complete it.",
        });
      }
    }
    return out;
  }
}

export function templateCsvHeader(template: DoraTemplate): string {
  return csvLine(template.columns.map((c) => c.code));
}

export function templateCsvRow(template: DoraTemplate, row: DoraRow): string {
  return csvLine(template.columns.map((c) => row[c.code] ?? null));
}

/** report.json of the xBRL-CSV report (EBA DORA taxonomy 4.0 entry point). */
export function reportJson(): string {
  return `${JSON.stringify(
    {
      documentInfo: {
        documentType: "https://xbrl.org/2021/xbrl-csv",
        extends: ["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"],
      },
    },
    null,
    2,
  )}\n`;
}

/** parameters.csv: the reporting entity and reference date (entity LEI left for the user). */
export function parametersCsv(entityLei: string | null, asOf: Date): string {
  return (
    csvLine(["name", "value"]) +
    csvLine(["entityID", entityLei ? `rs:${entityLei}.CON` : "rs:LEI_TO_BE_FILLED.CON"]) +
    csvLine(["refPeriod", isoDay(asOf)]) +
    csvLine(["baseCurrency", "iso4217:EUR"]) +
    csvLine(["decimalsInteger", "0"]) +
    csvLine(["decimalsMonetary", "-3"])
  );
}

export function filingIndicatorsCsv(): string {
  return csvLine(["templateID", "reported"]) + DORA_TEMPLATES.map((t) => csvLine([t.code, "true"])).join("");
}

export function missingFieldsCsv(list: ReturnType<MissingTracker["list"]>): string {
  return csvLine(["template", "column", "label", "empty rows", "total rows", "note"]) + list.map((m) => csvLine([m.template, m.column, m.label, m.emptyRows, m.totalRows, m.note])).join("");
}
