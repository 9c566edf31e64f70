/** "rto_beyond_mtpd" → "RTO beyond MTPD". */
export function kindLabel(kind: string) {
  return kind
    .split("_")
    .map((word) => (["rto", "rpo", "mtpd"].includes(word) ? word.toUpperCase() : word))
    .join(" ");
}
