/**
 * Integer-indexed graph algorithms used by the engine. Everything here is iterative (no recursion),
 * works on compressed sparse row (CSR) arrays and allocates O(nodes + edges).
 */

/** Adjacency in CSR form: the edges of node v are `start[v] .. start[v + 1] - 1`. */
export interface Csr {
  /** Length n + 1. */
  start: Int32Array;
  /** Edge ids in CSR order (for the out-CSR this is the identity). */
  edge: Int32Array;
}

/** Groups `m` edges by `key[e]` (0 ≤ key < n) with a stable counting sort. */
export function groupBy(n: number, key: Int32Array, m: number): Csr {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[key[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const edge = new Int32Array(m);
  for (let e = 0; e < m; e++) edge[fill[key[e]!]!++] = e;
  return { start, edge };
}

export interface Components {
  /** Component of each node. Ids are in reverse topological order: an edge u → w between
   *  different components always has comp[w] < comp[u]. */
  comp: Int32Array;
  count: number;
  /** Members of each component, CSR by component (members in increasing node order). */
  start: Int32Array;
  members: Int32Array;
}

/**
 * Strongly connected components (Tarjan), iterative. `outStart`/`outDst` is the out-CSR
 * (the edges of v go to `outDst[outStart[v] .. outStart[v + 1] - 1]`).
 */
export function stronglyConnectedComponents(n: number, outStart: Int32Array, outDst: Int32Array): Components {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const call = new Int32Array(n);
  const ptr = new Int32Array(n);
  let sp = 0;
  let cp = 0;
  let nextIndex = 0;
  let count = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = nextIndex;
    low[root] = nextIndex++;
    stack[sp++] = root;
    call[cp++] = root;
    ptr[root] = outStart[root]!;
    while (cp > 0) {
      const v = call[cp - 1]!;
      const p = ptr[v]!;
      if (p < outStart[v + 1]!) {
        ptr[v] = p + 1;
        const w = outDst[p]!;
        if (index[w] === -1) {
          index[w] = nextIndex;
          low[w] = nextIndex++;
          stack[sp++] = w;
          call[cp++] = w;
          ptr[w] = outStart[w]!;
        } else if (comp[w] === -1) {
          // Visited but not yet assigned ⇒ still on the Tarjan stack.
          if (index[w]! < low[v]!) low[v] = index[w]!;
        }
      } else {
        cp--;
        if (low[v] === index[v]) {
          let w: number;
          do {
            w = stack[--sp]!;
            comp[w] = count;
          } while (w !== v);
          count++;
        }
        if (cp > 0) {
          const u = call[cp - 1]!;
          if (low[v]! < low[u]!) low[u] = low[v]!;
        }
      }
    }
  }

  const grouped = groupBy(count, comp, n);
  return { comp, count, start: grouped.start, members: grouped.edge };
}

/** Multi-source BFS hop counts (sources get `1`), following the out-CSR; unreachable = -1. */
export function bfsLevels(n: number, sources: Iterable<number>, outStart: Int32Array, outDst: Int32Array): Int32Array {
  const level = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const s of sources) {
    if (level[s] !== -1) continue;
    level[s] = 1;
    queue[tail++] = s;
  }
  while (head < tail) {
    const v = queue[head++]!;
    const next = level[v]! + 1;
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = outDst[k]!;
      if (level[w] === -1) {
        level[w] = next;
        queue[tail++] = w;
      }
    }
  }
  return level;
}

/** Capped sets of distinct "origins" per component (see `cappedUpstreamOrigins`). */
export interface CappedSets {
  /** Offset of each component's set in `items`. */
  offset: Int32Array;
  /** Size of each component's set (at most cap + 1; cap + 1 means "more than cap"). */
  size: Int32Array;
  items: Int32Array;
}

/**
 * For every component c, the distinct origins (0 ≤ origin < universe) that reach c, where an
 * origin is seeded on some components (`seedStart`/`seedItems`, CSR by component) and flows
 * along edges u → w (from the relying supplier to its supplier). Sets are exact up to `cap` and
 * stop growing at `cap + 1`, so the total work is O(edges + components × cap) in the common case
 * and never worse than O(edges × cap).
 *
 * `inStart`/`inSrc` is the in-CSR: the suppliers relying on node v are
 * `inSrc[inStart[v] .. inStart[v + 1] - 1]`.
 */
export function cappedUpstreamOrigins(
  comps: Components,
  inStart: Int32Array,
  inSrc: Int32Array,
  seedStart: Int32Array,
  seedItems: Int32Array,
  universe: number,
  cap: number,
): CappedSets {
  const { comp, count, start, members } = comps;
  const limit = cap + 1;
  const offset = new Int32Array(count);
  const size = new Int32Array(count);
  const stamp = new Int32Array(universe).fill(-1);
  let items = new Int32Array(Math.max(16, Math.min(count * 4, 1 << 20)));
  let used = 0;

  // Topological order = decreasing component id (relying components first).
  for (let c = count - 1; c >= 0; c--) {
    if (used + limit > items.length) {
      const grown = new Int32Array(Math.max(items.length * 2, used + limit));
      grown.set(items.subarray(0, used));
      items = grown;
    }
    const base = used;
    let len = 0;
    for (let k = seedStart[c]!; k < seedStart[c + 1]! && len < limit; k++) {
      const o = seedItems[k]!;
      if (stamp[o] !== c) {
        stamp[o] = c;
        items[base + len++] = o;
      }
    }
    outer: for (let k = start[c]!; k < start[c + 1]!; k++) {
      const x = members[k]!;
      for (let j = inStart[x]!; j < inStart[x + 1]!; j++) {
        if (len >= limit) break outer;
        const p = comp[inSrc[j]!]!;
        if (p === c) continue;
        const pOff = offset[p]!;
        const pEnd = pOff + size[p]!;
        for (let i = pOff; i < pEnd; i++) {
          const o = items[i]!;
          if (stamp[o] !== c) {
            stamp[o] = c;
            items[base + len++] = o;
            if (len >= limit) break outer;
          }
        }
      }
    }
    offset[c] = base;
    size[c] = len;
    used += len;
  }
  return { offset, size, items: items.subarray(0, used) };
}

/**
 * For every component, the bitset (`words` 32-bit words) of the countries found in it or anywhere
 * upstream of it (suppliers it relies on, transitively). `countryOf[v]` is -1 when unknown.
 */
export function upstreamCountryBits(
  comps: Components,
  outStart: Int32Array,
  outDst: Int32Array,
  countryOf: Int32Array,
  words: number,
): Uint32Array {
  const { comp, count, start, members } = comps;
  const bits = new Uint32Array(Math.max(1, count * words));
  if (words === 0) return bits;
  // Reverse topological order = increasing component id (suppliers first).
  for (let c = 0; c < count; c++) {
    const base = c * words;
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const x = members[k]!;
      const country = countryOf[x]!;
      if (country >= 0) bits[base + (country >>> 5)]! |= 1 << (country & 31);
      for (let j = outStart[x]!; j < outStart[x + 1]!; j++) {
        const d = comp[outDst[j]!]!;
        if (d === c) continue;
        const dBase = d * words;
        for (let w = 0; w < words; w++) bits[base + w]! |= bits[dBase + w]!;
      }
    }
  }
  return bits;
}

/** Shortest path (node list, inclusive) from `from` to the first node satisfying `isTarget`, following the out-CSR; null when none. */
export function shortestPathTo(
  n: number,
  from: number,
  isTarget: (v: number) => boolean,
  outStart: Int32Array,
  outDst: Int32Array,
): number[] | null {
  const parent = new Int32Array(n).fill(-2);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  parent[from] = -1;
  queue[tail++] = from;
  while (head < tail) {
    const v = queue[head++]!;
    if (isTarget(v)) {
      const path: number[] = [];
      for (let x = v; x !== -1; x = parent[x]!) path.push(x);
      return path.reverse();
    }
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = outDst[k]!;
      if (parent[w] === -2) {
        parent[w] = v;
        queue[tail++] = w;
      }
    }
  }
  return null;
}
