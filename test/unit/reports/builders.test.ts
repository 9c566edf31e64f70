import { describe, expect, it } from "vitest";
import {
  MissingTracker,
  b0502Row,
  b0601Row,
  b0701Row,
  isLatinName,
  parametersCsv,
  providerCode,
  substitutability,
  templateCsvRow,
  doraTemplate,
} from "../../../app/domain/reports/dora";
import { modelText } from "../../../app/domain/reports/pdf-model";
import { REPLACEMENT_CHAR, isRtl, splitRuns, tokenize, visualOrder, wrapText } from "../../../app/domain/reports/pdf-text";
import { buildPortfolioSummaryModel } from "../../../app/domain/reports/portfolio-summary";
import { SHEETS, columnLetter, evidenceRow, expiryStatus, serviceRow, supplierRow } from "../../../app/domain/reports/risk-register";
import { answerText, buildVendorReportModel, overallStatus, type VendorReportInput } from "../../../app/domain/reports/vendor-report";

describe("risk register rows", () => {
  it("matches the issue's column lists", () => {
    expect(SHEETS.services.columns.map((c) => c.header)).toEqual(["Service ID", "Name", "Required RTO (h)", "Recovery (h)", "RTO status", "Required RPO (h)", "RPO (h)", "RPO status", "Path"]);
    expect(SHEETS.suppliers.columns.map((c) => c.header)).toEqual([
      "Supplier ID",
      "Name",
      "Country",
      "Tier",
      "Criticality",
      "Declared RTO (h)",
      "Tested RTO (h)",
      "Effective RTO (h)",
      "Risk score",
      "Open findings",
    ]);
  });

  it("converts minutes to hours and links back to the portal", () => {
    const row = supplierRow(
      { id: "u1", external_id: "SUP-1", name: "Acme", country: "DE", tier: 2, criticality: "high", declared_rto_min: 240, tested_rto_min: null, effective_rto_min: 2880, risk_score: 40, open_findings: 3 },
      "https://portal.example",
    );
    expect(row).toEqual([{ text: "SUP-1", hyperlink: "https://portal.example/suppliers/u1" }, "Acme", "DE", 2, "high", 4, null, 48, 40, 3]);
    const service = serviceRow(
      { id: "s1", external_id: "SVC-1", name: "Payroll", required_rto_min: 240, required_rpo_min: 15, recovery_min: null, rto_status: "unknown", rpo_min: 0, rpo_status: "meets", pathText: "" },
      "https://p",
    );
    expect(service.slice(2, 8)).toEqual([4, null, "unknown", 0.25, 0, "meets"]);
  });

  it("marks evidence expiry against the report date", () => {
    const asOf = new Date("2026-06-01T10:00:00Z");
    expect(expiryStatus("2026-05-31", asOf)).toBe("expired");
    expect(expiryStatus("2026-06-01", asOf)).toBe("valid");
    expect(expiryStatus(null, asOf)).toBe("");
    const row = evidenceRow({ supplier_external_id: "S", supplier_name: "n", kind: "iso22301", title: "t", status: "accepted", valid_to: "2027-01-01", test_date: null, achieved_rto_min: 90, sha256: "ab" }, asOf);
    expect(row[5]).toEqual(new Date("2027-01-01"));
    expect(row[8]).toBe(1.5);
  });

  it("names spreadsheet columns", () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  });
});

describe("DORA mapping", () => {
  it("uses the LEI when valid, else our id (to be replaced)", () => {
    expect(providerCode({ externalId: "SUP-1", lei: "529900T8BM49AURSDO55" })).toEqual({ code: "529900T8BM49AURSDO55", type: "LEI", hasLei: true });
    expect(providerCode({ externalId: "SUP-1", lei: "nope" })).toEqual({ code: "SUP-1", type: "", hasLei: false });
  });

  it("ranks the supply chain by tier and converts RTO/RPO to hours", () => {
    const row = b0502Row({ vendorExternalId: null, provider: { externalId: "T3", lei: null }, tier: 3, recipient: { externalId: "T2", lei: null } });
    expect(row).toMatchObject({ c0030: "T3", c0050: 3, c0060: "T2", c0010: null });
    expect(b0601Row({ externalId: "F1", name: "Payroll", requiredRtoMin: 240, requiredRpoMin: 15 })).toMatchObject({ c0080: 4, c0090: 0.25 });
  });

  it("derives substitutability from alternates", () => {
    const alt = (status: "identified" | "qualifying" | "qualified") => ({ status, alternate: { externalId: `A-${status}`, lei: null } });
    expect(substitutability([])).toBeNull();
    expect(substitutability([alt("identified")])).toBe("Highly complex");
    expect(substitutability([alt("identified"), alt("qualifying")])).toBe("Medium complexity");
    expect(substitutability([alt("qualified")])).toBe("Easy");
    expect(b0701Row({ externalId: "V", lei: null }, [alt("identified"), alt("qualified")])).toMatchObject({ c0110: "true", c0120: "A-qualified", c0050: "Easy" });
    expect(b0701Row({ externalId: "V", lei: null }, [])).toMatchObject({ c0110: "false", c0120: null });
  });

  it("lists what is missing and neutralises CSV values", () => {
    const tracker = new MissingTracker();
    tracker.record("B_06.01", b0601Row({ externalId: "F1", name: "=cmd", requiredRtoMin: 60, requiredRpoMin: 0 }));
    const missing = tracker.list();
    expect(missing.find((m) => m.template === "B_06.01" && m.column === "c0040")).toMatchObject({ emptyRows: 1, totalRows: 1 });
    expect(missing.find((m) => m.template === "B_06.01" && m.column === "c0080")).toBeUndefined();
    expect(templateCsvRow(doraTemplate("B_06.01"), b0601Row({ externalId: "F1", name: "=cmd", requiredRtoMin: 60, requiredRpoMin: 0 }))).toBe("F1,,'=cmd,,,,,1,0,\r\n");
    expect(parametersCsv(null, new Date("2026-12-31T00:00:00Z"))).toContain("refPeriod,2026-12-31");
    expect(isLatinName("Łódź Sp. z o.o.")).toBe(true);
    expect(isLatinName("深圳市供应链有限公司")).toBe(false);
  });
});

describe("PDF text helpers", () => {
  const all = () => true;
  const noEmoji = (_script: string, char: string) => (char.codePointAt(0) ?? 0) < 0x1f000;

  it("splits text into script runs and replaces what no font has", () => {
    expect(splitRuns("Acme 深圳 شركة", all)).toEqual([
      { script: "latin", text: "Acme " },
      { script: "cjk", text: "深圳 " },
      { script: "arabic", text: "شركة" },
    ]);
    expect(splitRuns("Hi 😀!", noEmoji)).toEqual([{ script: "latin", text: `Hi ${REPLACEMENT_CHAR}!` }]);
    // Variation selectors and joiners are dropped, not drawn.
    expect(splitRuns("a\u200db\ufe0f", all)).toEqual([{ script: "latin", text: "ab" }]);
  });

  it("orders runs right to left in an Arabic paragraph", () => {
    const runs = splitRuns("شركة التوريد Ltd", all);
    expect(isRtl(runs)).toBe(true);
    expect(visualOrder(runs).map((r) => r.script)).toEqual(["latin", "arabic"]);
    const ltr = splitRuns("Payroll → شركة → Datavault", all);
    expect(ltr.map((r) => r.text)).toEqual(["Payroll → ", "شركة", " → Datavault"]);
  });

  it("wraps by words, and between CJK characters", () => {
    const measure = (t: string) => [...t].length;
    expect(wrapText("the quick brown fox", 10, measure)).toEqual(["the quick", "brown fox"]);
    expect(wrapText("深圳市供应链有限公司", 4, measure)).toEqual(["深圳市供", "应链有限", "公司"]);
    expect(wrapText("abcdefghijkl", 5, measure)).toEqual(["abcde", "fghij", "kl"]);
    expect(tokenize("a 深圳")).toEqual(["a ", "深", "圳"]);
  });
});

describe("report models", () => {
  const input: VendorReportInput = {
    orgName: "Northwind",
    asOf: new Date("2026-11-23T00:00:00Z"),
    audience: "internal",
    supplier: { externalId: "SUP-1", name: "شركة التوريد", country: "AE", isVendor: true, criticality: "high", lei: null, website: null, declaredRtoMin: 240, declaredRpoMin: 15, testedRtoMin: null, testedRpoMin: null, testedAt: null },
    result: { tier: 1, effectiveRtoMin: 2880, ownRtoMin: 240, rtoSource: "declared", rpoMin: 15, riskScore: 50, openFindings: 1, worstSeverity: "critical", computedAt: null, riskParts: [] },
    services: [],
    findings: [{ severity: "critical", reason: "Beyond MTPD", status: "open", path: "Payroll → شركة التوريد" }],
    questionnaire: { name: "BCP v1", status: "approved", submittedAt: null, answers: [{ section: "Recovery", question: "RTO?", answer: "4 h" }] },
    evidence: [{ title: "DR test", kind: "dr_test", fileName: "dr.pdf", status: "accepted", validTo: null, sha256: "ab".repeat(32) }],
    dependencies: [],
    alternates: [],
  };

  it("builds the vendor report with every section, and a vendor copy without our assessment", () => {
    const text = modelText(buildVendorReportModel(input));
    for (const part of ["شركة التوريد", "Critical findings", "Recovery figures", "Beyond MTPD", "Questionnaire answers", "ab".repeat(32), "Alternates", "Dependencies"]) expect(text).toContain(part);
    const vendorCopy = modelText(buildVendorReportModel({ ...input, audience: "vendor" }));
    expect(vendorCopy).not.toContain("Beyond MTPD");
    expect(vendorCopy).not.toContain("Risk score");
    expect(vendorCopy).toContain("Vendor copy");
  });

  it("summarises status and answers", () => {
    expect(overallStatus(null).tone).toBe("unknown");
    expect(overallStatus({ ...input.result!, worstSeverity: null, openFindings: 0 })).toEqual({ label: "Meets requirements", tone: "good" });
    expect(answerText(true)).toBe("Yes");
    expect(answerText(240, "duration")).toBe("4 h");
    expect(answerText(["a", "b"])).toBe("a; b");
    expect(answerText(null)).toBe("—");
  });

  it("keeps the portfolio summary to the top 10", () => {
    const risks = Array.from({ length: 12 }, (_, i) => ({ name: `S${i}`, externalId: `X${i}`, tier: 1, riskScore: 90 - i, effectiveRtoMin: null, openFindings: 1, worstSeverity: "high" }));
    const figures = { services: 4, servicesMeetingRto: 2, servicesRtoGap: 1, servicesBeyondMtpd: 1, servicesRtoUnknown: 0, servicesRpoGap: 0, suppliers: 12, vendors: 5, suppliersUnknownRto: 3, averageRisk: 40, openFindings: 9, criticalFindings: 1, highFindings: 2 };
    const model = buildPortfolioSummaryModel({ orgName: "N", asOf: new Date(), computedAt: null, figures, topRisks: risks });
    const table = model.blocks.find((b) => b.type === "table");
    expect(table && table.type === "table" ? table.rows.length : 0).toBe(10);
    expect(model.blocks.find((b) => b.type === "status")).toMatchObject({ tone: "bad" });
  });
});
