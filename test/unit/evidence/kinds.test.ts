import { describe, expect, it } from "vitest";
import { addMonths, expiryState, expiryWindow, isTestCurrent, parseEvidenceFields, reminderDue } from "../../../app/domain/evidence";

describe("evidence kind fields", () => {
  it("BCP plan: version and approval date; due for review a year later", () => {
    const r = parseEvidenceFields({ kind: "bcp_plan", documentVersion: "3.1", approvalDate: "2026-02-28" });
    expect(r).toMatchObject({ ok: true, columns: { document_version: "3.1", approval_date: "2026-02-28", valid_to: "2027-02-28" } });
  });

  it("DR test: date, scope, achieved RTO/RPO in any unit, pass/fail", () => {
    const r = parseEvidenceFields({
      kind: "dr_test",
      testDate: "2026-06-01",
      testScope: "Full fail-over of the payroll platform",
      achievedRto: "4",
      achievedRtoUnit: "h",
      achievedRpo: "15",
      achievedRpoUnit: "min",
      testResult: "pass",
    });
    expect(r).toMatchObject({ ok: true, columns: { achieved_rto_min: 240, achieved_rpo_min: 15, test_passed: true, valid_to: "2027-06-01" } });
  });

  it("reports missing fields by name", () => {
    const r = parseEvidenceFields({ kind: "dr_test", testDate: "2999-01-01" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["achievedRpo", "achievedRto", "testDate", "testResult", "testScope"]);
    expect(r.fieldErrors.testDate?.[0]).toMatch(/future/);
  });

  it("ISO 22301: issuer, number, validity with from ≤ to, scope", () => {
    const base = { kind: "iso22301", issuer: "BSI", certificateNumber: "BCMS 123", validFrom: "2025-01-01", validTo: "2028-01-01", testScope: "All sites" };
    expect(parseEvidenceFields(base)).toMatchObject({ ok: true, columns: { issuer: "BSI", valid_to: "2028-01-01", test_scope: "All sites" } });
    const bad = parseEvidenceFields({ ...base, validTo: "2024-01-01" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors.validTo).toBeTruthy();
  });

  it("insurance needs an insurer and expiry; other needs nothing", () => {
    expect(parseEvidenceFields({ kind: "insurance", issuer: "Lloyd's", validTo: "2027-01-01" }).ok).toBe(true);
    expect(parseEvidenceFields({ kind: "other" })).toMatchObject({ ok: true, columns: { valid_to: null } });
    expect(parseEvidenceFields({ kind: "virus" }).ok).toBe(false);
    expect(parseEvidenceFields({ kind: "other", supersedesId: "nope" }).ok).toBe(false);
  });
});

describe("expiry and staleness", () => {
  const asOf = new Date("2026-11-23T10:00:00Z");
  it("a test counts for 12 months", () => {
    expect(isTestCurrent("2025-11-23", asOf)).toBe(true);
    expect(isTestCurrent("2025-11-22", asOf)).toBe(false);
    expect(isTestCurrent(null, asOf)).toBe(false);
    expect(isTestCurrent("2026-12-01", asOf)).toBe(false);
  });
  it("adds months, clamping to the month's end", () => {
    expect(addMonths(new Date("2026-01-31T00:00:00Z"), 1).toISOString().slice(0, 10)).toBe("2026-02-28");
  });
  it("puts expiries into 30/60/90-day windows and reminds N days before", () => {
    expect(expiryWindow("2026-12-01", asOf)).toBe(30);
    expect(expiryWindow("2027-01-10", asOf)).toBe(60);
    expect(expiryWindow("2027-02-20", asOf)).toBe(90);
    expect(expiryWindow("2027-06-01", asOf)).toBeNull();
    expect(expiryWindow("2026-11-01", asOf)).toBeNull();
    expect(expiryState("2026-11-22", asOf)).toBe("expired");
    expect(expiryState("2026-11-23", asOf)).toBe("expiring");
    expect(reminderDue("2026-12-23", asOf, 30)).toBe(true);
    expect(reminderDue("2026-12-24", asOf, 30)).toBe(false);
    expect(reminderDue("2026-11-22", asOf, 30)).toBe(false);
  });
});
