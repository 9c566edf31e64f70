/**
 * Entity resolution: is this declared sub-supplier a company we already know? Matched by
 * identifier (LEI, D-U-N-S, website domain) or by normalised name in the same country
 * (legal suffixes ignored, accents folded — see normalizeName). Conflicting identifiers (two
 * different LEIs or D-U-N-S numbers) always mean two companies.
 */
import { normalizeName, websiteDomain } from "../names";

export interface ResolvableEntity {
  id: string;
  name: string;
  country: string | null;
  lei: string | null;
  duns: string | null;
  website: string | null;
}

export type MatchReason = "lei" | "duns" | "website" | "name_country";

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  lei: "same LEI",
  duns: "same D-U-N-S",
  website: "same website domain",
  name_country: "same name and country",
};

export function normalizeLei(lei: string | null | undefined): string | null {
  const v = (lei ?? "").replace(/\s+/g, "").toUpperCase();
  return v || null;
}

export function normalizeDuns(duns: string | null | undefined): string | null {
  const v = (duns ?? "").replace(/\D+/g, "");
  return v || null;
}

function normalizeCountry(country: string | null | undefined): string | null {
  const v = (country ?? "").trim().toUpperCase();
  return v || null;
}

/** Why `a` and `b` look like one company (strongest first), or [] when they do not. */
export function matchReasons(a: Omit<ResolvableEntity, "id">, b: Omit<ResolvableEntity, "id">): MatchReason[] {
  const leiA = normalizeLei(a.lei);
  const leiB = normalizeLei(b.lei);
  const dunsA = normalizeDuns(a.duns);
  const dunsB = normalizeDuns(b.duns);
  // Two registered identifiers that differ: two legal entities, whatever their names.
  if ((leiA && leiB && leiA !== leiB) || (dunsA && dunsB && dunsA !== dunsB)) return [];
  const reasons: MatchReason[] = [];
  if (leiA && leiA === leiB) reasons.push("lei");
  if (dunsA && dunsA === dunsB) reasons.push("duns");
  const domainA = websiteDomain(a.website);
  if (domainA && domainA === websiteDomain(b.website)) reasons.push("website");
  const countryA = normalizeCountry(a.country);
  const nameA = normalizeName(a.name);
  if (nameA && countryA && countryA === normalizeCountry(b.country) && nameA === normalizeName(b.name)) reasons.push("name_country");
  return reasons;
}

/** The best existing match for a declared company (identifiers beat names), or null. */
export function findMatch<T extends ResolvableEntity>(
  declared: Omit<ResolvableEntity, "id">,
  existing: readonly T[],
): { entity: T; reasons: MatchReason[] } | null {
  let best: { entity: T; reasons: MatchReason[]; score: number } | null = null;
  for (const e of existing) {
    const reasons = matchReasons(declared, e);
    if (!reasons.length) continue;
    const score = reasons.reduce((sum, r) => sum + (r === "name_country" ? 1 : 10), 0);
    if (!best || score > best.score) best = { entity: e, reasons, score };
  }
  return best ? { entity: best.entity, reasons: best.reasons } : null;
}

export interface CandidatePair<T extends ResolvableEntity> {
  a: T;
  b: T;
  reasons: MatchReason[];
}

/** Largest group of same-key entities compared pairwise (a bigger group is a data problem, not a duplicate). */
const MAX_BUCKET = 25;

/**
 * Pairs of entities that look like one company, found by bucketing on each key (so the work is
 * linear in the number of entities), minus pairs already decided to be distinct (`distinct`
 * holds `${minId}|${maxId}`). Ordered by strength, then names.
 */
export function candidatePairs<T extends ResolvableEntity>(
  entities: readonly T[],
  distinct: ReadonlySet<string> = new Set(),
  limit = 500,
): CandidatePair<T>[] {
  const buckets = new Map<string, T[]>();
  const add = (key: string | null, e: T) => {
    if (!key) return;
    const list = buckets.get(key);
    if (list) list.push(e);
    else buckets.set(key, [e]);
  };
  for (const e of entities) {
    add(normalizeLei(e.lei) && `lei:${normalizeLei(e.lei)}`, e);
    add(normalizeDuns(e.duns) && `duns:${normalizeDuns(e.duns)}`, e);
    add(websiteDomain(e.website) && `web:${websiteDomain(e.website)}`, e);
    const name = normalizeName(e.name);
    const country = normalizeCountry(e.country);
    if (name && country) add(`name:${country}:${name}`, e);
  }
  const seen = new Set<string>();
  const pairs: (CandidatePair<T> & { score: number })[] = [];
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > MAX_BUCKET) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        const key = pairKey(x.id, y.id);
        if (seen.has(key) || distinct.has(key)) continue;
        seen.add(key);
        const reasons = matchReasons(x, y);
        if (!reasons.length) continue;
        const [a, b] = x.id < y.id ? [x, y] : [y, x];
        pairs.push({ a, b, reasons, score: reasons.reduce((s, r) => s + (r === "name_country" ? 1 : 10), 0) });
      }
    }
  }
  pairs.sort((p, q) => q.score - p.score || p.a.name.localeCompare(q.a.name) || p.b.name.localeCompare(q.b.name));
  return pairs.slice(0, limit).map(({ a, b, reasons }) => ({ a, b, reasons }));
}

/** Order-independent key of a pair of ids. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}
