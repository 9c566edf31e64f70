import { formatDuration } from "../resilience/format";
import { isoDay } from "./cells";
import type { PdfModel } from "./pdf-model";

export interface PortfolioSummaryInput {
  orgName: string;
  asOf: Date;
  computedAt: Date | string | null;
  figures: {
    services: number;
    servicesMeetingRto: number;
    servicesRtoGap: number;
    servicesBeyondMtpd: number;
    servicesRtoUnknown: number;
    servicesRpoGap: number;
    suppliers: number;
    vendors: number;
    suppliersUnknownRto: number;
    averageRisk: number;
    openFindings: number;
    criticalFindings: number;
    highFindings: number;
  };
  /** Highest risk scores first (at most 10 are shown). */
  topRisks: readonly { name: string; externalId: string; tier: number | null; riskScore: number; effectiveRtoMin: number | null; openFindings: number; worstSeverity: string | null }[];
}

/** One page for management: key figures and the ten riskiest suppliers. */
export function buildPortfolioSummaryModel(input: PortfolioSummaryInput): PdfModel {
  const f = input.figures;
  const pct = (n: number) => (f.services ? ` (${Math.round((100 * n) / f.services)} %)` : "");
  return {
    title: `Resilience summary: ${input.orgName}`,
    footer: `${input.orgName} · portfolio summary · ${isoDay(input.asOf)}`,
    blocks: [
      { type: "paragraph", text: `Portfolio summary for management · ${isoDay(input.asOf)}`, muted: true },
      { type: "title", text: input.orgName },
      {
        type: "status",
        label: f.servicesBeyondMtpd > 0 ? `${f.servicesBeyondMtpd} service(s) beyond MTPD` : f.servicesRtoGap > 0 ? `${f.servicesRtoGap} service(s) miss their RTO` : "All services meet their RTO",
        tone: f.servicesBeyondMtpd > 0 ? "bad" : f.servicesRtoGap > 0 ? "warn" : "good",
      },
      { type: "heading", text: "Key figures" },
      {
        type: "facts",
        rows: [
          ["Internal services", String(f.services)],
          ["Meet their RTO", `${f.servicesMeetingRto}${pct(f.servicesMeetingRto)}`],
          ["Miss their RTO", `${f.servicesRtoGap}${pct(f.servicesRtoGap)}`],
          ["Beyond their MTPD", `${f.servicesBeyondMtpd}${pct(f.servicesBeyondMtpd)}`],
          ["Recovery unknown", `${f.servicesRtoUnknown}${pct(f.servicesRtoUnknown)}`],
          ["Miss their RPO", `${f.servicesRpoGap}${pct(f.servicesRpoGap)}`],
          ["Suppliers in the supply chain", `${f.suppliers} (${f.vendors} vendors)`],
          ["Suppliers with unknown recovery", String(f.suppliersUnknownRto)],
          ["Average risk score", `${f.averageRisk} / 100`],
          ["Open findings", `${f.openFindings} (${f.criticalFindings} critical, ${f.highFindings} high)`],
          ["Results computed", input.computedAt ? new Date(input.computedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "not yet"],
        ],
      },
      { type: "heading", text: "Top 10 risks" },
      {
        type: "table",
        columns: [
          { header: "#", width: 0.6 },
          { header: "Supplier", width: 5 },
          { header: "Tier", width: 0.9 },
          { header: "Risk", width: 1 },
          { header: "Effective RTO", width: 2 },
          { header: "Open findings", width: 1.6 },
          { header: "Worst", width: 1.4 },
        ],
        rows: input.topRisks.slice(0, 10).map((r, i) => [
          String(i + 1),
          `${r.name} (${r.externalId})`,
          r.tier === null ? "—" : String(r.tier),
          String(r.riskScore),
          formatDuration(r.effectiveRtoMin),
          String(r.openFindings),
          r.worstSeverity ?? "—",
        ]),
        empty: "No supplier results yet.",
      },
    ],
  };
}
