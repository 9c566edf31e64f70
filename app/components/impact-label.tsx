const IMPACT: Record<string, { text: string; tone: string }> = {
  unaffected: { text: "Not affected", tone: "ok" },
  within_rto: { text: "Down, within RTO", tone: "ok" },
  gap: { text: "Exceeds RTO", tone: "warn" },
  beyond_mtpd: { text: "Exceeds MTPD", tone: "bad" },
};

export function ImpactBadge({ status }: { status: string }) {
  const label = IMPACT[status] ?? { text: status, tone: "neutral" };
  return <span className={`badge ${label.tone}`}>{label.text}</span>;
}
