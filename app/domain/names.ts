/**
 * Normalises a company name for matching: case and accents folded, punctuation dropped, legal-form
 * suffixes (GmbH, Ltd, Inc, S.A., 有限公司, …) removed, whitespace collapsed.
 */
const LEGAL_SUFFIXES = [
  "gmbh",
  "ag",
  "kg",
  "ltd",
  "limited",
  "llc",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "plc",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "ab",
  "as",
  "oy",
  "sp z oo",
  "spzoo",
  "kk",
  "pte",
  "pty",
];

const CJK_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "株式会社", "合同会社"];

export function normalizeName(name: string): string {
  let n = name.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  for (const suffix of CJK_SUFFIXES) n = n.replaceAll(suffix, " ");
  // Dots go first so abbreviations collapse: "S.A." → "sa", "o.o." → "oo".
  n = n.replace(/ł/g, "l").replace(/ß/g, "ss").replace(/[&]/g, " and ").replace(/\./g, "");
  n = n.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  let words = n.split(" ").filter(Boolean);
  // Strip trailing legal forms repeatedly ("Foo Technology Co Ltd" → "foo technology").
  let changed = true;
  while (changed && words.length > 1) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      const parts = suffix.split(" ");
      const tail = words.slice(-parts.length).join(" ");
      if (words.length > parts.length && tail === suffix) {
        words = words.slice(0, -parts.length);
        changed = true;
        break;
      }
    }
  }
  return words.join(" ");
}
