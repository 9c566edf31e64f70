import { describe, expect, it } from "vitest";
import { formatDate, formatDuration } from "~/domain/resilience";

describe("formatDuration", () => {
  it.each([
    [0, "0 min"],
    [15, "15 min"],
    [59, "59 min"],
    [60, "1 h"],
    [90, "1 h 30 min"],
    [240, "4 h"],
    [1440, "1 d"],
    [2880, "2 d"],
    [3240, "2 d 6 h"],
    [1445, "1 d 5 min"],
    [10080, "7 d"],
    [-90, "-1 h 30 min"],
  ])("%i min → %s", (min, text) => {
    expect(formatDuration(min)).toBe(text);
  });

  it("unknown", () => {
    expect(formatDuration(null)).toBe("unknown");
    expect(formatDuration(undefined)).toBe("unknown");
    expect(formatDuration(Infinity)).toBe("unknown");
  });
});

describe("formatDate", () => {
  it("is an ISO day", () => {
    expect(formatDate(new Date("2024-02-29T23:00:00Z"))).toBe("2024-02-29");
    expect(formatDate(null)).toBe("unknown date");
  });
});
