import { formatDuration } from "../resilience/format";
import { isoDay } from "./cells";
import type { Block, PdfModel } from "./pdf-model";

/** Everything the vendor PDF shows, already read from stored results (see app/reports). */
export interface VendorReportInput {
  orgName: string;
  asOf: Date;
  /** "internal" (procurement, analysts) or "vendor" (the vendor's own copy: no assessment of it). */
  audience: "internal" | "vendor";
  supplier: {
    externalId: string;
    name: string;
    country: string | null;
    isVendor: boolean;
    criticality: string;
    lei: string | null;
    website: string | null;
    declaredRtoMin: number | null;
    declaredRpoMin: number | null;
    testedRtoMin: number | null;
    testedRpoMin: number | null;
    testedAt: Date | string | null;
  };
  result: {
    tier: number | null;
    effectiveRtoMin: number | null;
    ownRtoMin: number | null;
    rtoSource: string;
    rpoMin: number | null;
    riskScore: number;
    openFindings: number;
    worstSeverity: string | null;
    computedAt: Date | string | null;
    riskParts: readonly { label: string; points: number; max: number; reason: string }[];
  } | null;
  services: readonly { name: string; requiredRtoMin: number; requiredRpoMin: number; recoveryMin: number | null; rtoStatus: string | null }[];
  findings: readonly { severity: string; reason: string; status: string; path: string }[];
  questionnaire: { name: string; status: string; submittedAt: Date | string | null; answers: readonly { section: string; question: string; answer: string }[] } | null;
  evidence: readonly { title: string; kind: string; fileName: string; status: string; validTo: Date | string | null; sha256: string }[];
  dependencies: readonly { name: string; supplies: string; singleSource: boolean; bufferMin: number; tier: number | null }[];
  alternates: readonly { replaces: string; alternate: string; forWhat: string; status: string; switchoverMin: number | null; capacityPct: number | null }[];
}

export type OverallTone = "good" | "warn" | "bad" | "unknown";

/** The cover's overall status, from the supplier's worst open finding and its effective RTO. */
export function overallStatus(result: VendorReportInput["result"]): { label: string; tone: OverallTone } {
  if (!result) return { label: "Not assessed yet", tone: "unknown" };
  if (result.worstSeverity === "critical") return { label: "Critical findings", tone: "bad" };
  if (result.worstSeverity === "high") return { label: "At risk", tone: "warn" };
  if (result.effectiveRtoMin === null) return { label: "Recovery unknown", tone: "unknown" };
  if (result.openFindings > 0) return { label: "Minor findings", tone: "warn" };
  return { label: "Meets requirements", tone: "good" };
}

const dur = (min: number | null) => formatDuration(min);

/** Formats a stored questionnaire answer value for reading. */
export function answerText(value: unknown, type?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (type === "duration" && typeof value === "number") return formatDuration(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map((v) => answerText(v)).join("; ");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${answerText(v)}`)
      .join(", ");
  }
  return String(value);
}

export function buildVendorReportModel(input: VendorReportInput): PdfModel {
  const { supplier: s, result } = input;
  const internal = input.audience === "internal";
  const blocks: Block[] = [];
  blocks.push({ type: "paragraph", text: `Vendor resilience report · ${input.orgName}`, muted: true });
  blocks.push({ type: "title", text: s.name });
  if (internal) {
    const status = overallStatus(result);
    blocks.push({ type: "status", label: status.label, tone: status.tone });
  } else {
    blocks.push({ type: "paragraph", text: "Vendor copy: your company's declarations, evidence and supply chain as held by the portal.", muted: true });
  }
  blocks.push({
    type: "facts",
    rows: [
      ["Supplier ID", s.externalId],
      ["Country", s.country ?? "—"],
      ["Relationship", s.isVendor ? "Vendor (tier 1)" : `Sub-supplier${result?.tier ? ` (tier ${result.tier})` : ""}`],
      ["Criticality", s.criticality],
      ["LEI", s.lei ?? "—"],
      ["Website", s.website ?? "—"],
      ["Report date", isoDay(input.asOf)],
      ...(internal && result ? ([["Results computed", result.computedAt ? new Date(result.computedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—"]] as const) : []),
    ],
  });

  blocks.push({ type: "heading", text: "Recovery figures" });
  blocks.push({
    type: "table",
    columns: [
      { header: "Figure", width: 3 },
      { header: "RTO", width: 2 },
      { header: "RPO", width: 2 },
    ],
    rows: [
      ["Declared (questionnaire)", dur(s.declaredRtoMin), dur(s.declaredRpoMin)],
      [`Tested (DR test${s.testedAt ? ` ${isoDay(s.testedAt)}` : ""})`, dur(s.testedRtoMin), dur(s.testedRpoMin)],
      ...(internal && result ? [[`Effective (own figure: ${result.rtoSource}, through its supply chain)`, dur(result.effectiveRtoMin), dur(result.rpoMin)]] : []),
    ],
  });
  if (internal) {
    blocks.push({ type: "heading", text: "Against our requirements" });
    blocks.push({
      type: "table",
      columns: [
        { header: "Internal service", width: 4 },
        { header: "Required RTO", width: 2 },
        { header: "Required RPO", width: 2 },
        { header: "Service recovery", width: 2 },
        { header: "Status", width: 2 },
      ],
      rows: input.services.map((v) => [v.name, dur(v.requiredRtoMin), dur(v.requiredRpoMin), dur(v.recoveryMin), (v.rtoStatus ?? "not computed").replace("_", " ")]),
      empty: "No internal service needs this supplier directly.",
    });
    if (result) {
      blocks.push({ type: "heading", text: `Risk score ${result.riskScore} / 100` });
      blocks.push({
        type: "table",
        columns: [
          { header: "Part", width: 3 },
          { header: "Points", width: 1.2 },
          { header: "Why", width: 7 },
        ],
        rows: result.riskParts.map((p) => [p.label, `${p.points} / ${p.max}`, p.reason]),
      });
    }
    blocks.push({ type: "heading", text: "Findings" });
    blocks.push({
      type: "table",
      columns: [
        { header: "Severity", width: 1.4 },
        { header: "Finding", width: 5 },
        { header: "Path", width: 5 },
        { header: "Status", width: 1.4 },
      ],
      rows: input.findings.map((f) => [f.severity, f.reason, f.path || "—", f.status]),
      empty: "No open findings.",
    });
  }

  blocks.push({ type: "heading", text: "Questionnaire answers" });
  if (input.questionnaire) {
    const q = input.questionnaire;
    blocks.push({ type: "paragraph", text: `${q.name} — ${q.status.replace("_", " ")}${q.submittedAt ? `, submitted ${isoDay(q.submittedAt)}` : ""}`, muted: true });
    blocks.push({
      type: "table",
      columns: [
        { header: "Section", width: 2 },
        { header: "Question", width: 5 },
        { header: "Answer", width: 5 },
      ],
      rows: q.answers.map((a) => [a.section, a.question, a.answer]),
      empty: "No answers yet.",
    });
  } else {
    blocks.push({ type: "paragraph", text: "No questionnaire has been sent to this supplier.", muted: true });
  }

  blocks.push({ type: "heading", text: "Evidence" });
  blocks.push({
    type: "table",
    columns: [
      { header: "Document", width: 4 },
      { header: "Kind", width: 1.5 },
      { header: "Status", width: 1.5 },
      { header: "Valid to", width: 1.7 },
      { header: "SHA-256", width: 4.6 },
    ],
    rows: input.evidence.map((e) => [`${e.title} (${e.fileName})`, e.kind, e.status, isoDay(e.validTo) || "—", e.sha256]),
    empty: "No evidence uploaded.",
  });

  blocks.push({ type: "heading", text: "Dependencies (its own suppliers)" });
  blocks.push({
    type: "table",
    columns: [
      { header: "Supplier", width: 4 },
      { header: "Supplies", width: 3 },
      { header: "Tier", width: 1 },
      { header: "Single source", width: 1.5 },
      { header: "Buffer", width: 1.5 },
    ],
    rows: input.dependencies.map((d) => [d.name, d.supplies, d.tier === null ? "—" : String(d.tier), d.singleSource ? "yes" : "no", d.bufferMin ? dur(d.bufferMin) : "—"]),
    empty: "No dependencies declared.",
  });
  blocks.push({ type: "heading", text: "Alternates" });
  blocks.push({
    type: "table",
    columns: [
      { header: "Replaces", width: 3 },
      { header: "Alternate", width: 3 },
      { header: "For", width: 3 },
      { header: "Status", width: 1.5 },
      { header: "Switch-over", width: 1.5 },
      { header: "Capacity", width: 1.2 },
    ],
    rows: input.alternates.map((a) => [a.replaces, a.alternate, a.forWhat, a.status, dur(a.switchoverMin), a.capacityPct === null ? "—" : `${a.capacityPct} %`]),
    empty: "No alternates recorded.",
  });
  return { title: `Vendor report: ${s.name}`, footer: `${s.name} · ${input.orgName} · ${isoDay(input.asOf)}`, blocks };
}
