/**
 * Seeded pseudo-random numbers for the whole engine.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018): 128-bit state, period 2^128 − 1, all 32-bit
 * arithmetic so it is fast in JavaScript without BigInt. Its state is filled from a 32-bit seed
 * and a stream label by SplitMix32, so that every replicate and every role (real data,
 * synthetic sampling, evaluation) gets its own independent stream: results do not depend on the
 * order in which replicates are run, which lets a sweep split them across workers.
 */

/** One step of SplitMix32 (a 32-bit variant of Steele et al.'s SplitMix): a strong 32-bit mixer. */
function splitMix32(state: number): [next: number, output: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** Mixes any number of 32-bit integers into one 32-bit key (seed, replicate, role, …). */
export function mixKey(...parts: number[]): number {
  let h = 0x6a09e667;
  for (const p of parts) {
    let [, z] = splitMix32((h ^ (p >>> 0)) | 0);
    z = Math.imul(z ^ (z >>> 15), 0x2c1b3c6d);
    h = (z ^ (z >>> 12)) | 0;
  }
  return h >>> 0;
}

/** Ziggurat of 128 strips for the standard normal: the tail start and the common strip area. */
const ZIG_TAIL = 3.442619855899;
const ZIG_AREA = 9.91256303526217e-3;
const ZIG_X = new Float64Array(129);
const ZIG_R = new Float64Array(128);
{
  let f = Math.exp(-0.5 * ZIG_TAIL * ZIG_TAIL);
  ZIG_X[0] = ZIG_AREA / f;
  ZIG_X[1] = ZIG_TAIL;
  for (let i = 2; i < 128; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_AREA / ZIG_X[i - 1] + f));
    f = Math.exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
  }
  for (let i = 0; i < 128; i++) ZIG_R[i] = ZIG_X[i + 1] / ZIG_X[i];
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seeds from a 32-bit key through SplitMix32. */
  static fromKey(key: number): Rng {
    let state = key | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitMix32(state);
      state = next;
      words.push(out);
    }
    // An all-zero state is the one fixed point of xoshiro; SplitMix32 cannot produce four zeros
    // from consecutive states, but the guard costs nothing.
    if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
    return new Rng(words[0], words[1], words[2], words[3]);
  }

  /** A stream for (seed, labels…): the same arguments always give the same stream. */
  static stream(seed: number, ...labels: number[]): Rng {
    return Rng.fromKey(mixKey(seed, ...labels));
  }

  /** Raw state constructor, used by the reference-vector test. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** The generator's 128-bit state, to resume a stream exactly where it was (checkpoints). */
  getState(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  setState(state: readonly [number, number, number, number]): void {
    [this.s0, this.s1, this.s2, this.s3] = state;
  }

  /** Next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), without modulo bias (Lemire's method would need 64-bit products). */
  int(n: number): number {
    if (n <= 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }

  /** Standard normal by the ziggurat method (ZIGNOR, Doornik 2005): no logarithm or
   * trigonometry on the ~99% fast path, four times faster than Box–Muller here. */
  normal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const i = this.nextUint32() & 0x7f;
      if (Math.abs(u) < ZIG_R[i]) return u * ZIG_X[i];
      if (i === 0) return this.normalTail(u < 0);
      const x = u * ZIG_X[i];
      const f0 = Math.exp(-0.5 * (ZIG_X[i] * ZIG_X[i] - x * x));
      const f1 = Math.exp(-0.5 * (ZIG_X[i + 1] * ZIG_X[i + 1] - x * x));
      if (f1 + this.uniform() * (f0 - f1) < 1) return x;
    }
  }

  /** The tail beyond the base strip, |x| > ZIG_TAIL (Marsaglia 1964). */
  private normalTail(negative: boolean): number {
    let x: number;
    let y: number;
    do {
      x = Math.log(1 - this.uniform()) / ZIG_TAIL;
      y = Math.log(1 - this.uniform());
    } while (-2 * y < x * x);
    return negative ? x - ZIG_TAIL : ZIG_TAIL - x;
  }

  /** Fills `out` with standard normals. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}

/** The independent random streams of one replicate. */
export const StreamRole = {
  /** Real data: the initial set and every fresh draw. Shared across loops with the same seed. */
  real: 1,
  /** Synthetic sampling and the learners' own randomness (initialisation). */
  model: 2,
  /** Evaluation samples for the sample-based metrics. */
  evaluation: 3,
} as const;
