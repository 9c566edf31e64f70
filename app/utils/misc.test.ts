import { describe, expect, it } from "vitest";
import { formatMinutes, safeRedirect } from "./misc";

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
