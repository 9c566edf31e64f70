import { describe, expect, it } from "vitest";
import { formatDateTime, formatMinutes, isUuid, safeRedirect } from "./misc";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/suppliers?page=2")).toBe("/suppliers?page=2");
  });
  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined])(
    "refuses %s",
    (target) => {
      expect(safeRedirect(target, "/home")).toBe("/home");
    },
  );
});

describe("formatMinutes", () => {
  it.each([
    [null, "unknown"],
    [0, "0"],
    [15, "15 min"],
    [240, "4 h"],
    [2880, "2 d"],
    [1440 + 6 * 60 + 5, "1 d 6 h 5 min"],
  ])("%s → %s", (minutes, shown) => {
    expect(formatMinutes(minutes)).toBe(shown);
  });
});

describe("formatDateTime", () => {
  it("formats a date and time in British English, and a missing one as a dash", () => {
    expect(formatDateTime("2026-11-23T12:05:00Z")).toMatch(/^23 Nov 2026, \d\d:05$/);
    expect(formatDateTime(new Date("2026-01-02T12:00:00Z"))).toMatch(/^2 Jan 2026, /);
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("isUuid", () => {
  it("accepts a uuid in either case and nothing else", () => {
    expect(isUuid("f5f87ee2-289c-4c50-978b-c524de535409")).toBe(true);
    expect(isUuid("F5F87EE2-289C-4C50-978B-C524DE535409")).toBe(true);
    for (const bad of ["", "f5f87ee2289c4c50978bc524de535409", "------------------------------------", "f5f87ee2-289c-4c50-978b-c524de53540g", "1 or 1=1"]) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });
});
