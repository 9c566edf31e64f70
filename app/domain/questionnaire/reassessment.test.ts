import { describe, expect, it } from "vitest";
import {
  PolicyFormSchema,
  addDays,
  addMonths,
  planReassessments,
  reassessmentState,
  type ReassessmentPolicy,
  type SupplierAssessmentHistory,
} from "./reassessment";

const TEMPLATE = "11111111-1111-4111-8111-111111111111";
const policy = (over: Partial<ReassessmentPolicy> = {}): ReassessmentPolicy => ({
  criticality: "critical",
  enabled: true,
  intervalMonths: 6,
  templateId: TEMPLATE,
  responseDays: 30,
  ...over,
});
const vendor = (over: Partial<SupplierAssessmentHistory> = {}): SupplierAssessmentHistory => ({
  supplierId: "s1",
  criticality: "critical",
  isVendor: true,
  archived: false,
  lastApprovedOn: null,
  lastSentOn: null,
  hasOpenAssessment: false,
  ...over,
});

describe("calendar arithmetic", () => {
  it("clamps month ends and handles leap years", () => {
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2025-11-30", 24)).toBe("2027-11-30");
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-12-20", 30)).toBe("2026-01-19");
  });
});

describe("reassessmentState", () => {
  it("is due now for a vendor never assessed", () => {
    expect(reassessmentState(vendor(), policy(), "2026-01-10")).toEqual({ kind: "due", dueOn: null, basis: "never" });
  });

  it("counts from the last approval, not from a later sending", () => {
    const s = vendor({ lastApprovedOn: "2025-07-10", lastSentOn: "2025-12-01" });
    expect(reassessmentState(s, policy(), "2026-01-09")).toEqual({ kind: "upcoming", dueOn: "2026-01-10", basis: "approved" });
    expect(reassessmentState(s, policy(), "2026-01-10")).toEqual({ kind: "due", dueOn: "2026-01-10", basis: "approved" });
  });

  it("counts from the last sending when none was ever approved (e.g. rejected)", () => {
    const s = vendor({ lastSentOn: "2025-08-31" });
    expect(reassessmentState(s, policy(), "2026-02-27")).toMatchObject({ kind: "upcoming", dueOn: "2026-02-28", basis: "sent" });
    expect(reassessmentState(s, policy(), "2026-02-28")).toMatchObject({ kind: "due", dueOn: "2026-02-28", basis: "sent" });
  });

  it("is due on 29 February in a leap year and on the 28th otherwise", () => {
    const approvedAug = vendor({ lastApprovedOn: "2023-08-31" });
    expect(reassessmentState(approvedAug, policy(), "2024-02-28").kind).toBe("upcoming");
    expect(reassessmentState(approvedAug, policy(), "2024-02-29")).toMatchObject({ kind: "due", dueOn: "2024-02-29" });
    const approvedLeapDay = vendor({ lastApprovedOn: "2024-02-29" });
    expect(reassessmentState(approvedLeapDay, policy({ intervalMonths: 12 }), "2025-02-28")).toMatchObject({ kind: "due", dueOn: "2025-02-28" });
  });

  it("never sends another while one is open", () => {
    expect(reassessmentState(vendor({ hasOpenAssessment: true }), policy(), "2030-01-01")).toEqual({ kind: "open" });
    expect(reassessmentState(vendor({ hasOpenAssessment: true, lastApprovedOn: "2020-01-01" }), policy(), "2030-01-01")).toEqual({ kind: "open" });
  });

  it("schedules nothing under a disabled, interval-less or template-less policy, or without one", () => {
    const s = vendor();
    expect(reassessmentState(s, policy({ enabled: false }), "2026-01-10")).toEqual({ kind: "not_scheduled" });
    expect(reassessmentState(s, policy({ intervalMonths: null }), "2026-01-10")).toEqual({ kind: "not_scheduled" });
    expect(reassessmentState(s, policy({ templateId: null }), "2026-01-10")).toEqual({ kind: "not_scheduled" });
    expect(reassessmentState(s, undefined, "2026-01-10")).toEqual({ kind: "not_scheduled" });
  });

  it("never schedules archived suppliers or sub-suppliers", () => {
    expect(reassessmentState(vendor({ archived: true }), policy(), "2026-01-10")).toEqual({ kind: "not_eligible" });
    expect(reassessmentState(vendor({ isVendor: false }), policy(), "2026-01-10")).toEqual({ kind: "not_eligible" });
  });
});

describe("planReassessments", () => {
  const policies = [
    policy(),
    policy({ criticality: "high", intervalMonths: 12, responseDays: 14 }),
    policy({ criticality: "medium", enabled: false, intervalMonths: 24 }),
  ];
  const suppliers = [
    vendor({ supplierId: "never" }),
    vendor({ supplierId: "approved-long-ago", lastApprovedOn: "2025-06-30" }),
    vendor({ supplierId: "approved-recently", lastApprovedOn: "2025-12-01" }),
    vendor({ supplierId: "due-in-20-days", lastApprovedOn: "2025-07-31" }),
    vendor({ supplierId: "open", hasOpenAssessment: true }),
    vendor({ supplierId: "archived", archived: true }),
    vendor({ supplierId: "sub-supplier", isVendor: false }),
    vendor({ supplierId: "high-due", criticality: "high", lastSentOn: "2025-01-11" }),
    vendor({ supplierId: "medium-never", criticality: "medium" }),
    vendor({ supplierId: "low-never", criticality: "low" }),
  ];

  it("lists exactly the due vendors, each with its template and answer-by date", () => {
    const { due } = planReassessments(policies, suppliers, "2026-01-11");
    expect(due).toEqual([
      { supplierId: "never", criticality: "critical", templateId: TEMPLATE, dueOn: null, basis: "never", answerBy: "2026-02-10" },
      { supplierId: "approved-long-ago", criticality: "critical", templateId: TEMPLATE, dueOn: "2025-12-30", basis: "approved", answerBy: "2026-02-10" },
      { supplierId: "high-due", criticality: "high", templateId: TEMPLATE, dueOn: "2026-01-11", basis: "sent", answerBy: "2026-01-25" },
    ]);
  });

  it("counts due now, due within 30 days and open per criticality", () => {
    const { summary } = planReassessments(policies, suppliers, "2026-01-11");
    expect(summary).toEqual({
      critical: { vendors: 5, dueNow: 2, dueSoon: 1, open: 1 },
      high: { vendors: 1, dueNow: 1, dueSoon: 0, open: 0 },
      medium: { vendors: 1, dueNow: 0, dueSoon: 0, open: 0 },
      low: { vendors: 1, dueNow: 0, dueSoon: 0, open: 0 },
    });
  });

  it("sends nothing when every policy is disabled", () => {
    const off = policies.map((p) => ({ ...p, enabled: false }));
    expect(planReassessments(off, suppliers, "2026-01-11").due).toEqual([]);
    expect(planReassessments([], suppliers, "2026-01-11").due).toEqual([]);
  });
});

describe("PolicyFormSchema", () => {
  it("accepts a complete enabled policy and a blank disabled one", () => {
    expect(PolicyFormSchema.parse({ enabled: "on", intervalMonths: "6", templateId: TEMPLATE, responseDays: "21" })).toEqual({
      enabled: true,
      intervalMonths: 6,
      templateId: TEMPLATE,
      responseDays: 21,
    });
    expect(PolicyFormSchema.parse({ intervalMonths: "", templateId: "", responseDays: "" })).toEqual({ enabled: false, intervalMonths: undefined, templateId: undefined, responseDays: 30 });
  });

  it("refuses negative or fractional months, bad days, and an enabled policy without interval or template", () => {
    const errors = (input: Record<string, string>) => {
      const parsed = PolicyFormSchema.safeParse(input);
      return parsed.success ? {} : parsed.error.flatten().fieldErrors;
    };
    expect(errors({ intervalMonths: "-3" })).toEqual({ intervalMonths: ["At least 1 month"] });
    expect(errors({ intervalMonths: "1.5" })).toEqual({ intervalMonths: ["Enter a whole number of months"] });
    expect(errors({ intervalMonths: "six" })).toEqual({ intervalMonths: ["Enter a whole number of months"] });
    expect(errors({ responseDays: "0" })).toEqual({ responseDays: ["At least 1 day"] });
    expect(errors({ templateId: "not-a-uuid" })).toEqual({ templateId: ["Choose a questionnaire"] });
    expect(errors({ enabled: "on" })).toEqual({
      intervalMonths: ["Set an interval to switch the schedule on"],
      templateId: ["Choose a questionnaire to switch the schedule on"],
    });
  });
});
