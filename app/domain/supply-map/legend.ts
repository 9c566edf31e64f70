/** Node colours by worst open finding, with the text the legend shows next to each (never colour alone). */
export const SEVERITY_COLOURS = {
  critical: "#b3261e",
  high: "#e8710a",
  medium: "#f2c94c",
  low: "#4a90d9",
  none: "#5c9e6b",
  service: "#3b3b98",
} as const;

export const SEVERITY_LEGEND: readonly { key: keyof typeof SEVERITY_COLOURS; label: string }[] = [
  { key: "service", label: "Internal service" },
  { key: "critical", label: "Critical finding open" },
  { key: "high", label: "High finding open" },
  { key: "medium", label: "Medium finding open" },
  { key: "low", label: "Low finding open" },
  { key: "none", label: "No open finding" },
];
