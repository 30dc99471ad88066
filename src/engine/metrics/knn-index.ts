/**
 * Exact nearest-neighbour queries over a fixed point set (n×d row-major), for the k-NN manifold
 * metrics: each point's distance to its k-th nearest other point, and whether a query lies in the
 * union of per-point balls; and for the self-correction of synthetic points, a query's nearest point.
 *
 * A kd-tree with a tight bounding box per node; hand-written because d3-quadtree is 2-D only and
 * has no k-NN search. Above MAX_TREE_DIM dimensions a kd-tree prunes almost nothing, so the index
 * scans by brute force in cache-sized blocks instead, stopping each sum once it passes the bound it
 * is compared with. Every path compares squared distances summed in the same coordinate order, and
 * box-to-point distances never exceed point-to-point ones in floating point, so pruning is exact:
 * the tree and the scan return bit-identical results.
 */

const MAX_TREE_DIM = 8;
const LEAF_SIZE = 12;
/** Points per tile of the brute-force scan: two tiles of 128 points × 100 dims fit in L2. */
const BLOCK = 128;

/** Membership of queries in the union of the balls ‖x − x_i‖² ≤ r_i² around the indexed points. */
export interface BallUnion {
  /** How many of the m queries (m×d row-major) lie in at least one ball; NaN queries lie in none. */
  countContaining(queries: Float64Array, m: number): number;
}

export class KnnIndex {
  readonly n: number;
  readonly d: number;
  /** A copy of the indexed points in the index's own order (each tree node's points contiguous). */
  readonly points: Float64Array;
  /** inputIndex[t] is the caller's index of points row t. */
  private readonly inputIndex: Int32Array;
  private readonly useTree: boolean;
  /** The tree (empty when scanning by brute force). */
  private readonly begin: Int32Array;
  private readonly end: Int32Array;
  /** Nodes are in preorder, so a node's left child is node + 1; right is −1 for a leaf. */
  private readonly right: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;

  constructor(points: Float64Array, n: number, d: number) {
    if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1 || points.length < n * d)
      throw new Error(`KnnIndex: need n ≥ 1 points of dimension d ≥ 1 (n = ${n}, d = ${d}, length ${points.length})`);
    for (let i = 0; i < n * d; i++)
      if (!Number.isFinite(points[i])) throw new Error(`KnnIndex: point ${Math.floor(i / d)} has a non-finite coordinate`);
    this.n = n;
    this.d = d;
    this.useTree = d <= MAX_TREE_DIM;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const nodes = this.useTree ? countNodes(n) : 0;
    this.begin = new Int32Array(nodes);
    this.end = new Int32Array(nodes);
    this.right = new Int32Array(nodes);
    this.lo = new Float64Array(nodes * d);
    this.hi = new Float64Array(nodes * d);
    if (this.useTree) this.build(points, order, 0, 0, n);
    this.inputIndex = order;
    this.points = new Float64Array(n * d);
    for (let t = 0; t < n; t++) this.points.set(points.subarray(order[t] * d, order[t] * d + d), t * d);
  }

  /** Squared distance from each point (in the caller's order) to its k-th nearest other point. */
  kthNeighbourSq(k: number): Float64Array {
    if (!Number.isInteger(k) || k < 1 || k >= this.n)
      throw new Error(`KnnIndex: k-th neighbour needs 1 ≤ k < n (k = ${k}, n = ${this.n})`);
    const out = new Float64Array(this.n);
    if (!this.useTree) {
      this.bruteKthNeighbourSq(k, out);
      return out;
    }
    const best = new Float64Array(k);
    for (let t = 0; t < this.n; t++) {
      best.fill(Infinity);
      this.searchKnn(0, t, best, k);
      out[this.inputIndex[t]] = best[k - 1];
    }
    return out;
  }

  /** The union of balls with squared radii radiiSq (in the caller's order of the points). */
  ballUnion(radiiSq: Float64Array): BallUnion {
    const { n, d, points, right } = this;
    if (radiiSq.length !== n) throw new Error(`KnnIndex: expected ${n} radii, got ${radiiSq.length}`);
    const r = new Float64Array(n);
    for (let t = 0; t < n; t++) r[t] = radiiSq[this.inputIndex[t]];
    const checkSize = (queries: Float64Array, m: number) => {
      if (!Number.isInteger(m) || m < 0 || queries.length < m * d)
        throw new Error(`KnnIndex: expected ${m} queries of dimension ${d}, got length ${queries.length}`);
    };
    if (!this.useTree)
      return {
        countContaining: (queries, m) => {
          checkSize(queries, m);
          return this.bruteCountContaining(r, queries, m);
        },
      };
    // The largest radius below each node bounds how far from its box a covered query can be.
    const maxR = new Float64Array(right.length);
    for (let node = right.length - 1; node >= 0; node--) {
      if (right[node] >= 0) {
        maxR[node] = Math.max(maxR[node + 1], maxR[right[node]]);
        continue;
      }
      let m = 0;
      for (let t = this.begin[node]; t < this.end[node]; t++) if (r[t] > m) m = r[t];
      maxR[node] = m;
    }
    const contains = (node: number, q: Float64Array, qo: number): boolean => {
      if (right[node] < 0) {
        for (let t = this.begin[node]; t < this.end[node]; t++)
          if (squaredDistance(points, t * d, q, qo, d) <= r[t]) return true;
        return false;
      }
      const a = node + 1;
      const b = right[node];
      const da = this.boxDistanceSq(a, q, qo);
      const db = this.boxDistanceSq(b, q, qo);
      if (da <= db) return (da <= maxR[a] && contains(a, q, qo)) || (db <= maxR[b] && contains(b, q, qo));
      return (db <= maxR[b] && contains(b, q, qo)) || (da <= maxR[a] && contains(a, q, qo));
    };
    return {
      countContaining: (queries, m) => {
        checkSize(queries, m);
        let count = 0;
        for (let i = 0; i < m; i++)
          if (this.boxDistanceSq(0, queries, i * d) <= maxR[0] && contains(0, queries, i * d)) count++;
        return count;
      },
    };
  }

  /** The row of `points` (the index's order) nearest to query row i of `queries`; ties go to the first found. */
  nearest(queries: Float64Array, i: number): number {
    const { n, d, points } = this;
    const qo = i * d;
    if (!this.useTree) {
      let best = 0;
      let bestSq = Infinity;
      for (let p = 0; p < n; p++) {
        const s = squaredDistanceBelow(points, p * d, queries, qo, d, bestSq);
        if (s < bestSq) {
          bestSq = s;
          best = p;
        }
      }
      return best;
    }
    const found = { row: 0, sq: Infinity };
    this.searchNearest(0, queries, qo, found);
    return found.row;
  }

  /** Depth-first nearest point to the query at q[qo..], nearer child first, pruning boxes beyond the best so far. */
  private searchNearest(node: number, q: Float64Array, qo: number, found: { row: number; sq: number }): void {
    const { points, d, right } = this;
    if (right[node] < 0) {
      for (let p = this.begin[node]; p < this.end[node]; p++) {
        const s = squaredDistance(points, p * d, q, qo, d);
        if (s < found.sq) {
          found.sq = s;
          found.row = p;
        }
      }
      return;
    }
    const a = node + 1;
    const b = right[node];
    const da = this.boxDistanceSq(a, q, qo);
    const db = this.boxDistanceSq(b, q, qo);
    if (da <= db) {
      if (da < found.sq) this.searchNearest(a, q, qo, found);
      if (db < found.sq) this.searchNearest(b, q, qo, found);
    } else {
      if (db < found.sq) this.searchNearest(b, q, qo, found);
      if (da < found.sq) this.searchNearest(a, q, qo, found);
    }
  }

  /** Fills node (and its subtree, in preorder) over order[b, e); returns the next free node. */
  private build(src: Float64Array, order: Int32Array, node: number, b: number, e: number): number {
    const d = this.d;
    this.begin[node] = b;
    this.end[node] = e;
    const lo = this.lo;
    const hi = this.hi;
    const o = node * d;
    lo.fill(Infinity, o, o + d);
    hi.fill(-Infinity, o, o + d);
    for (let t = b; t < e; t++) {
      const p = order[t] * d;
      for (let j = 0; j < d; j++) {
        const x = src[p + j];
        if (x < lo[o + j]) lo[o + j] = x;
        if (x > hi[o + j]) hi[o + j] = x;
      }
    }
    if (e - b <= LEAF_SIZE) {
      this.right[node] = -1;
      return node + 1;
    }
    let axis = 0;
    for (let j = 1; j < d; j++) if (hi[o + j] - lo[o + j] > hi[o + axis] - lo[o + axis]) axis = j;
    const mid = b + ((e - b) >> 1);
    select(order, src, d, axis, b, e, mid);
    const next = this.build(src, order, node + 1, b, mid);
    this.right[node] = next;
    return this.build(src, order, next, mid, e);
  }

  /** Depth-first k-NN of points row t, nearer child first; best is sorted ascending. */
  private searchKnn(node: number, t: number, best: Float64Array, k: number): void {
    const { points, d, right } = this;
    if (right[node] < 0) {
      const qo = t * d;
      for (let p = this.begin[node]; p < this.end[node]; p++) {
        if (p === t) continue;
        const s = squaredDistance(points, p * d, points, qo, d);
        if (s < best[k - 1]) insertSorted(best, 0, k, s);
      }
      return;
    }
    const a = node + 1;
    const b = right[node];
    const da = this.boxDistanceSq(a, points, t * d);
    const db = this.boxDistanceSq(b, points, t * d);
    if (da <= db) {
      if (da < best[k - 1]) this.searchKnn(a, t, best, k);
      if (db < best[k - 1]) this.searchKnn(b, t, best, k);
    } else {
      if (db < best[k - 1]) this.searchKnn(b, t, best, k);
      if (da < best[k - 1]) this.searchKnn(a, t, best, k);
    }
  }

  private boxDistanceSq(node: number, q: Float64Array, qo: number): number {
    const d = this.d;
    const o = node * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const x = q[qo + j];
      const below = this.lo[o + j] - x;
      const above = x - this.hi[o + j];
      const gap = below > 0 ? below : above > 0 ? above : 0;
      s += gap * gap;
    }
    return s;
  }

  private bruteKthNeighbourSq(k: number, out: Float64Array): void {
    const { n, d, points } = this;
    const best = new Float64Array(BLOCK * k);
    for (let ib = 0; ib < n; ib += BLOCK) {
      const ie = Math.min(n, ib + BLOCK);
      best.fill(Infinity);
      for (let jb = 0; jb < n; jb += BLOCK) {
        const je = Math.min(n, jb + BLOCK);
        for (let i = ib; i < ie; i++) {
          const bo = (i - ib) * k;
          for (let j = jb; j < je; j++) {
            if (j === i) continue;
            const kth = best[bo + k - 1];
            const s = squaredDistanceBelow(points, j * d, points, i * d, d, kth);
            if (s < kth) insertSorted(best, bo, k, s);
          }
        }
      }
      for (let i = ib; i < ie; i++) out[this.inputIndex[i]] = best[(i - ib) * k + k - 1];
    }
  }

  private bruteCountContaining(r: Float64Array, queries: Float64Array, m: number): number {
    const { n, d, points } = this;
    const found = new Uint8Array(BLOCK);
    let count = 0;
    for (let qb = 0; qb < m; qb += BLOCK) {
      const qe = Math.min(m, qb + BLOCK);
      found.fill(0);
      let open = qe - qb;
      for (let pb = 0; pb < n && open > 0; pb += BLOCK) {
        const pe = Math.min(n, pb + BLOCK);
        for (let q = qb; q < qe; q++) {
          if (found[q - qb]) continue;
          for (let p = pb; p < pe; p++)
            if (squaredDistanceBelow(points, p * d, queries, q * d, d, r[p]) <= r[p]) {
              found[q - qb] = 1;
              open--;
              break;
            }
        }
      }
      count += qe - qb - open;
    }
    return count;
  }
}

function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ao + j] - b[bo + j];
    s += t * t;
  }
  return s;
}

/** Dimensions summed between checks of the partial sum against the limit. */
const CHUNK = 8;

/**
 * squaredDistance, or a partial sum already above `limit` (the scan's k-th best or a ball's
 * radius): the terms are added in the same order and none is negative, so a sum that stops early
 * would only have grown, and every comparison comes out as with the whole sum.
 */
function squaredDistanceBelow(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number, limit: number): number {
  let s = 0;
  for (let j0 = 0; j0 < d; j0 += CHUNK) {
    const j1 = Math.min(d, j0 + CHUNK);
    for (let j = j0; j < j1; j++) {
      const t = a[ao + j] - b[bo + j];
      s += t * t;
    }
    if (s > limit) return s;
  }
  return s;
}

/** Inserts s into the ascending list best[o, o + k), dropping its largest entry. */
function insertSorted(best: Float64Array, o: number, k: number, s: number): void {
  let i = o + k - 1;
  while (i > o && best[i - 1] > s) {
    best[i] = best[i - 1];
    i--;
  }
  best[i] = s;
}

function countNodes(size: number): number {
  return size <= LEAF_SIZE ? 1 : 1 + countNodes(size >> 1) + countNodes(size - (size >> 1));
}

/** Hoare quickselect: reorders order[b, e) so that order[mid] has the median coordinate on axis. */
function select(order: Int32Array, x: Float64Array, d: number, axis: number, b: number, e: number, mid: number): void {
  let l = b;
  let r = e - 1;
  while (r > l) {
    const pivot = x[order[(l + r) >> 1] * d + axis];
    let i = l;
    let j = r;
    while (i <= j) {
      while (x[order[i] * d + axis] < pivot) i++;
      while (x[order[j] * d + axis] > pivot) j--;
      if (i <= j) {
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
        i++;
        j--;
      }
    }
    if (mid <= j) r = j;
    else if (mid >= i) l = i;
    else break;
  }
}
