/**
 * Content fingerprints for change detection: a recompute stores a row only when its fingerprint
 * differs from the stored one, and builds the row's text (reasons, paths as JSON, risk parts) only
 * then. Fingerprints are computed from what the text is made of (numbers, ids, names), never from
 * the text itself, so an unchanged recompute does almost no string work.
 *
 * The hash is a 64-bit non-cryptographic one (two 32-bit MurmurHash3-style lanes with different constants). It
 * only has to tell "same content" from "changed content" for the row with the same key; nobody
 * gains anything by forging a collision (the worst case is one stale row until the next change),
 * and at 2^-64 per comparison accidental collisions do not happen in practice. A cryptographic hash
 * over the built strings cost more than building them.
 *
 * Bump FINGERPRINT_VERSION whenever a reason text, a path step or a risk part changes shape without
 * its inputs changing: every stored row then differs once and is rewritten.
 */

export const FINGERPRINT_VERSION = 1;

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Second lane: other constants and rotations, so its differentials differ from the first lane's. */
function mix2(h: number, k: number): number {
  k = Math.imul(k, 0x85ebca77);
  k = (k << 13) | (k >>> 19);
  k = Math.imul(k, 0x27d4eb2f);
  h ^= k;
  h = (h << 17) | (h >>> 15);
  return (Math.imul(h, 9) + 0x165667b1) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

const NULL_TAG = 0x6e756c6c;
const STRING_TAG = 0x73747220;

/** Incremental 64-bit hash over numbers, strings, booleans and nulls (each value tagged, so "ab"+"c" ≠ "a"+"bc"). */
export class Hasher {
  // Plain fields rather than #private ones: bundlers that target older runtimes turn #fields into
  // WeakMap look-ups, which would dominate this hot path.
  private a = 0;
  private b = 0;
  private n = 0;

  constructor(seed = FINGERPRINT_VERSION) {
    this.reset(seed);
  }

  reset(seed = FINGERPRINT_VERSION): this {
    this.a = seed | 0;
    this.b = (seed ^ 0x5bd1e995) | 0;
    this.n = 0;
    return this;
  }

  /** One 32-bit integer. */
  int(x: number): this {
    this.a = mix(this.a, x | 0);
    this.b = mix2(this.b, x | 0);
    this.n++;
    return this;
  }

  /** Any number (null/undefined, ±Infinity and NaN included), exactly. */
  num(x: number | null | undefined): this {
    if (x === null || x === undefined) return this.int(NULL_TAG).int(0);
    if ((x | 0) === x && !Object.is(x, -0)) return this.int(1).int(x);
    f64[0] = x;
    return this.int(i32[0]!).int(i32[1]!);
  }

  bool(x: boolean | null | undefined): this {
    return x === null || x === undefined ? this.int(NULL_TAG) : this.int(x ? 3 : 2);
  }

  str(s: string | null | undefined): this {
    if (s === null || s === undefined) return this.int(NULL_TAG).int(1);
    this.int(STRING_TAG).int(s.length);
    let i = 0;
    for (; i + 1 < s.length; i += 2) this.int(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < s.length) this.int(s.charCodeAt(i));
    return this;
  }

  date(d: Date | null | undefined): this {
    return this.num(d ? d.getTime() : null);
  }

  /** Feeds another finished hash (e.g. of a sub-structure). */
  hash(lo: number, hi: number): this {
    return this.int(lo).int(hi);
  }

  /** The two 32-bit halves (unsigned). */
  get lo(): number {
    return finish(this.a ^ this.n);
  }

  get hi(): number {
    return finish(this.b ^ Math.imul(this.n, 0x9e3779b1));
  }

  /** 16 hex digits. */
  digest(): string {
    const lo = this.lo;
    const hi = this.hi;
    return HEX[lo >>> 24]! + HEX[(lo >>> 16) & 255]! + HEX[(lo >>> 8) & 255]! + HEX[lo & 255]! + HEX[hi >>> 24]! + HEX[(hi >>> 16) & 255]! + HEX[(hi >>> 8) & 255]! + HEX[hi & 255]!;
  }
}

/** 16 hex digits of any JSON-serialisable value (slow path, for plain objects). */
export function hashJson(value: unknown): string {
  return new Hasher().str(JSON.stringify(value) ?? "undefined").digest();
}
