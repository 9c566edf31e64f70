import { describe, expect, it } from "vitest";
import { convertCell, hoursToMinutes, minutesToHours } from "~/domain/portfolio/cells";
import { COUNTRY_CODES } from "~/domain/portfolio/countries";
import { PORTFOLIO_SHEETS, type ColumnSpec } from "~/domain/portfolio/format";

function column(sheet: keyof typeof PORTFOLIO_SHEETS, key: string): ColumnSpec {
  const found = (PORTFOLIO_SHEETS[sheet].columns as readonly ColumnSpec[]).find((c) => c.key === key);
  if (!found) throw new Error(key);
  return found;
}
const rto = column("suppliers", "declaredRtoMin");
const vendor = column("suppliers", "isVendor");
const country = column("suppliers", "country");
const criticality = column("suppliers", "criticality");
const capacity = column("alternates", "capacityPct");
const name = column("suppliers", "name");
const duns = column("suppliers", "duns");
const email = column("suppliers", "contactEmail");

describe("hours", () => {
  it("become whole minutes, rounded to the nearest minute", () => {
    expect(convertCell(rto, 4)).toEqual({ value: 240 });
    expect(convertCell(rto, 0.25)).toEqual({ value: 15 });
    expect(convertCell(rto, 0.1)).toEqual({ value: 6 });
    expect(convertCell(rto, 1 / 120)).toEqual({ value: 1 }); // half a minute rounds up
    expect(convertCell(rto, 0.004)).toEqual({ value: 0 }); // 14.4 seconds
    expect(convertCell(rto, "1.5")).toEqual({ value: 90 }); // a number stored as text
    expect(convertCell(rto, " 2,5 ")).toEqual({ value: 150 }); // decimal comma
    expect(convertCell(rto, null)).toEqual({ value: null });
  });

  it("survive the trip to hours and back for every minute", () => {
    for (let minutes = 0; minutes < 100_000; minutes += 7) expect(hoursToMinutes(minutesToHours(minutes))).toBe(minutes);
  });

  it("refuse negative, non-numeric and absurd values", () => {
    expect(convertCell(rto, -1)).toEqual({ problem: "Hours cannot be negative (-1)." });
    expect(convertCell(rto, "4h")).toEqual({ problem: "“4h” is not a number of hours." });
    expect(convertCell(rto, "1,500.5")).toEqual({ problem: "“1,500.5” is not a number of hours." });
    expect(convertCell(rto, "1,500")).toEqual({ problem: "“1,500” is ambiguous: write hours without thousands separators (1500, or 1.5 for one and a half)." });
    expect(convertCell(rto, 1e9)).toMatchObject({ problem: expect.stringContaining("more than the maximum") });
  });
});

describe("Y/N", () => {
  it.each([
    ["Y", true], ["y", true], ["Yes", true], ["TRUE", true], ["1", true], [1, true], [true, true],
    ["N", false], ["no", false], ["False", false], ["0", false], [0, false], [false, false],
  ])("%j → %j", (raw, value) => {
    expect(convertCell(vendor, raw)).toEqual({ value });
  });

  it("empty means the default (N), anything else is a problem", () => {
    expect(convertCell(vendor, "  ")).toEqual({ value: false });
    expect(convertCell(vendor, "maybe")).toEqual({ problem: "“maybe” is not Y or N." });
  });
});

describe("other kinds", () => {
  it("country codes are upper-cased and checked against ISO 3166-1", () => {
    expect(COUNTRY_CODES.size).toBe(250); // 249 assigned + XK
    expect(convertCell(country, " de ")).toEqual({ value: "DE" });
    expect(convertCell(country, "XX")).toEqual({ problem: "“XX” is not an ISO 3166-1 alpha-2 country code. Use the two-letter code, e.g. DE or CN." });
    expect(convertCell(country, "UK")).toMatchObject({ problem: expect.stringContaining("Use GB for the United Kingdom") });
    expect(convertCell(country, "Germany")).toMatchObject({ problem: expect.any(String) });
  });

  it("choices are matched case-insensitively and stored lower-case; empty means the default", () => {
    expect(convertCell(criticality, "CRITICAL")).toEqual({ value: "critical" });
    expect(convertCell(criticality, null)).toEqual({ value: "medium" });
    expect(convertCell(criticality, "urgent")).toEqual({ problem: "“urgent” is not one of: critical, high, medium, low." });
  });

  it("capacity is a whole percentage from 0 to 100", () => {
    expect(convertCell(capacity, 80)).toEqual({ value: 80 });
    expect(convertCell(capacity, "80 %")).toEqual({ value: 80 });
    expect(convertCell(capacity, 0.8)).toMatchObject({ problem: expect.stringContaining("write 80 for 80%") });
    expect(convertCell(capacity, 101)).toMatchObject({ problem: expect.stringContaining("from 0 to 100") });
    expect(convertCell(capacity, -5)).toMatchObject({ problem: expect.stringContaining("from 0 to 100") });
  });

  it("text is trimmed, numbers become text, required text must be there", () => {
    expect(convertCell(name, "  Łódź  ")).toEqual({ value: "Łódź" });
    expect(convertCell(name, 1001)).toEqual({ value: "1001" });
    expect(convertCell(name, "   ")).toEqual({ problem: "Name is required." });
    expect(convertCell(name, "x".repeat(2_001))).toMatchObject({ problem: expect.stringContaining("longer than 2000") });
  });

  it("a DUNS number that lost its leading zero in Excel gets it back", () => {
    expect(convertCell(duns, 12345678)).toEqual({ value: "012345678" });
    expect(convertCell(duns, "012345678")).toEqual({ value: "012345678" });
  });

  it("e-mail addresses are checked", () => {
    expect(convertCell(email, "bcm@supplier.example")).toEqual({ value: "bcm@supplier.example" });
    expect(convertCell(email, "not an address")).toEqual({ problem: "“not an address” is not a valid e-mail address." });
  });
});

describe("cell objects from exceljs", () => {
  it("a formula gives its cached result and is never evaluated", () => {
    expect(convertCell(rto, { formula: "A1*2", result: 8 })).toEqual({ value: 480 });
    expect(convertCell(name, { formula: 'CONCAT("a","b")', result: "ab" })).toEqual({ value: "ab" });
    expect(convertCell(rto, { sharedFormula: "B2", result: 1 })).toEqual({ value: 60 });
    expect(convertCell(rto, { formula: "A1*2" })).toMatchObject({ problem: expect.stringContaining("formula without a saved result") });
    expect(convertCell(rto, { formula: "1/0", result: { error: "#DIV/0!" } })).toEqual({ problem: "The cell holds the error #DIV/0!." });
  });

  it("rich text and hyperlinks become their plain text", () => {
    expect(convertCell(name, { richText: [{ text: "Acme " }, { font: { bold: true }, text: "GmbH " }] })).toEqual({ value: "Acme GmbH" });
    expect(convertCell(name, { text: "Acme", hyperlink: "https://acme.example" })).toEqual({ value: "Acme" });
  });
});
