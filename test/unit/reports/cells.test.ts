import { describe, expect, it } from "vitest";
import { csvField, csvLine, isFormulaLike, isoDay, minutesToHours, reportFileName, safeTextCell, stripXmlInvalid } from "../../../app/domain/reports/cells";
import { describeFilters, filtersToSearch, parseSupplierFilters } from "../../../app/domain/reports/filters";
import { pathStepIds, pathText } from "../../../app/domain/reports/path-text";

describe("cell neutralising", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")'])("treats %j as formula-like", (value) => {
    expect(isFormulaLike(value)).toBe(true);
    expect(safeTextCell(value)).toEqual({ value, numFmt: "@" });
    expect(csvField(value).startsWith("'") || csvField(value).startsWith(`"'`)).toBe(true);
  });

  it("leaves ordinary text alone", () => {
    expect(safeTextCell("Acme = good")).toEqual({ value: "Acme = good" });
    expect(csvField("Acme")).toBe("Acme");
    expect(safeTextCell(null)).toEqual({ value: null });
  });

  it("quotes CSV fields per RFC 4180 and keeps numbers numeric", () => {
    expect(csvLine(["a,b", 'say "hi"', 1.5, null, true])).toBe('"a,b","say ""hi""",1.5,,true\r\n');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("strips characters that XML cannot hold", () => {
    expect(stripXmlInvalid("a\u0000b\u0007c\td")).toBe("abc\td");
  });
});

describe("conversions", () => {
  it("converts minutes to hours and keeps unknown unknown", () => {
    expect(minutesToHours(240)).toBe(4);
    expect(minutesToHours(15)).toBe(0.25);
    expect(minutesToHours(100)).toBe(1.67);
    expect(minutesToHours(0)).toBe(0);
    expect(minutesToHours(null)).toBeNull();
  });

  it("formats days and file names", () => {
    expect(isoDay("2026-03-01T10:00:00Z")).toBe("2026-03-01");
    expect(isoDay(null)).toBe("");
    expect(reportFileName("risk-register", "Demo Org!", new Date("2026-11-23T12:00:00Z"), "xlsx")).toBe("risk-register-demo-org-2026-11-23.xlsx");
  });
});

describe("supplier list filters", () => {
  it("reads the list page's query parameters and drops invalid ones", () => {
    const filters = parseSupplierFilters(new URLSearchParams("q=acme&country=DE&tier=2&criticality=bogus&findings=yes&page=3"));
    expect(filters).toEqual({ q: "acme", country: "DE", tier: 2, findings: "yes" });
    expect(describeFilters(filters)).toBe("search = acme; country = DE; tier = 2; open findings = yes");
    expect(filtersToSearch(filters)).toBe("?q=acme&country=DE&tier=2&findings=yes");
    expect(describeFilters({})).toBe("none");
    expect(parseSupplierFilters({ country: "de", relationship: "vendor" })).toEqual({ relationship: "vendor" });
  });
});

describe("path text", () => {
  it("names each step", () => {
    const steps = [
      { kind: "service", serviceId: "s1" },
      { kind: "supplier", supplierId: "a" },
      { kind: "supplier", supplierId: "b", singleSource: true },
      { kind: "alternate", alternateId: "c" },
    ];
    expect(pathStepIds(steps)).toEqual(["s1", "a", "b", "c"]);
    expect(pathText(steps, { s1: "Payroll", a: "Lumen", b: "Datavault" })).toBe("Payroll → Lumen → Datavault (single source) → alternate unknown");
  });
});
