const LABELS: Record<string, { text: string; tone: "ok" | "warn" | "bad" | "neutral" }> = {
  meets: { text: "Meets", tone: "ok" },
  gap: { text: "Gap", tone: "warn" },
  beyond_mtpd: { text: "Beyond MTPD", tone: "bad" },
  unknown: { text: "Unknown", tone: "neutral" },
  critical: { text: "Critical", tone: "bad" },
  high: { text: "High", tone: "warn" },
  medium: { text: "Medium", tone: "neutral" },
  low: { text: "Low", tone: "neutral" },
  open: { text: "Open", tone: "warn" },
  accepted: { text: "Accepted risk", tone: "neutral" },
  mitigated: { text: "Mitigated", tone: "ok" },
  resolved: { text: "Resolved", tone: "ok" },
};

/** A status or severity as a coloured badge that also says it in words (never colour alone). */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  const label = LABELS[status ?? "unknown"] ?? { text: status ?? "Unknown", tone: "neutral" as const };
  return <span className={`badge ${label.tone}`}>{label.text}</span>;
}
