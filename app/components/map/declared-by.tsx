const TEXT = { vendor: "Declared by vendor", procurement: "Procurement", import: "Imported" } as const;

/** Who declared a dependency or alternate, in words (vendor declarations stand out). */
export function DeclaredByBadge({ by }: { by: string | null | undefined }) {
  if (!by) return null;
  const text = TEXT[by as keyof typeof TEXT] ?? by;
  return <span className={`badge ${by === "vendor" ? "warn" : "neutral"}`}>{text}</span>;
}
