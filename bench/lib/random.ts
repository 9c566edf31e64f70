/**
 * A small, fast, seedable PRNG (sfc32, seeded through splitmix32) so generated data is identical for a
 * given seed on every machine and Node version. Not for anything security-related.
 *
 * `fork(label)` derives an independent stream: each phase of the generator draws from its own
 * stream, so changing how one phase uses randomness does not shift the data of the others.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly seed: number;

  constructor(seed: number, label = "") {
    this.seed = seed >>> 0;
    let state = (this.seed ^ hashString(label)) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for one purpose, derived from this stream's seed and a label. */
  fork(label: string): Random {
    return new Random(this.seed, label);
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new Error("Random.pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index in [0, n) skewed towards 0 (power law): `skew` 1 is uniform, larger is more skewed. */
  skewedIndex(n: number, skew: number): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), skew)));
  }

  /** Picks from `[value, weight]` pairs (weights need not sum to 1). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T, A extends { length: number; [i: number]: T }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** `k` distinct items of `items`, in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** Printable ASCII filler of the given length. */
  text(length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 "): string {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[this.uint32() % alphabet.length];
    return s;
  }

  /** Decimal digits string of the given length. */
  digits(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += String(this.uint32() % 10);
    return s;
  }
}

/** FNV-1a, 32-bit. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
