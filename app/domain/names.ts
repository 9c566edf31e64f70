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
  "ae", // Greek Α.Ε. (after accent folding: αε)
  "αε",
  "επε",
  "ike",
  "ικε",
  "eood", // Bulgarian ЕООД / ООД
  "еоод",
  "оод",
  "ltda",
  "sl",
  "sro",
  "aps",
  "oyj",
];

// Legal forms that come first in some languages ("ООО Ромашка", "PT Astra").
const LEGAL_PREFIXES = ["ооо", "оао", "зао", "пао", "ао", "тов", "pt", "cv"];

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
  while (words.length > 1 && LEGAL_PREFIXES.includes(words[0]!)) words = words.slice(1);
  return words.join(" ");
}

/** The registrable-looking host of a website ("https://www.Foo.com/x" → "foo.com"), for matching. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  const trimmed = website.trim().toLowerCase();
  if (!trimmed) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    return host.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
