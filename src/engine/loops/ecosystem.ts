/**
 * Models that feed each other (Gao & Li 2025, arXiv 2505.21677; issue 17 §2): M models, each a
 * replicate of the loop with its own real data and training set, advance together. Every
 * generation each model's n_s synthetic samples are drawn from its own previous model and from the
 * others': the exchange share of them, split evenly, comes from the other M − 1 models. Each model
 * draws n_s samples (curated or verified as a single model's are) and every sample goes to exactly
 * one training set, so the models' training sets stay independent given the previous models.
 * Model 1 is measured as a single loop is; the spread is the mean distance over pairs of models
 * (for digits between their profiles, drawn from a stream of the ecosystem's own).
 * Models past the first `biasedModels` draw their samples as fitted (λ = 1): one guided model among
 * plain ones, or the reverse.
 * With the shared web on, the models publish instead: a pool starts with every model's generation-1
 * real samples and receives every model's n_s draws each generation; each model's synthetic part
 * is then n_s samples scraped from it at random, so the generated share of the pool grows.
 */
import { Rng, StreamRole } from '../random/prng';
import type { Spec } from '../../spec/schema';
import { type Fitted, type LoopParts, Replicate, type ReplicateCheckpoint, type ReplicateStep, type StepOptions, type Stepper, interleave } from './replicate';
import { GrowingPool } from './training-set';

/** The labels of the web's scraping stream and of the models' profiles, beside the models' own (members 1..3). */
const WEB_STREAM = 99;
const PROFILE_STREAM = 98;

/** Samples each model takes from every other model's draw, and from its own: n_s = own + (M − 1)·each. */
export function exchangeCounts(nSyn: number, models: number, share: number): { own: number; each: number } {
  if (models === 1) return { own: nSyn, each: 0 };
  const each = Math.min(Math.round((share * nSyn) / (models - 1)), Math.floor(nSyn / (models - 1)));
  return { own: nSyn - (models - 1) * each, each };
}

/**
 * The synthetic part of each model's next training set from the models' own draws (n_s rows of
 * `width` each): model i keeps rows [0, own) of its draw, and takes from model j ≠ i the block of
 * `each` rows that j's draw reserves for i (j's blocks follow its own rows, in the others' order).
 */
export function exchangeSamples(draws: readonly Float64Array[], nSyn: number, width: number, share: number): Float64Array[] {
  const m = draws.length;
  const { own, each } = exchangeCounts(nSyn, m, share);
  const row = (j: number, r: number) => draws[j].subarray(r * width, (r + each) * width);
  return draws.map((draw, i) => {
    const out = new Float64Array(nSyn * width);
    out.set(draw.subarray(0, own * width));
    let at = own;
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      // Model j reserves its k-th block for the k-th other model in index order.
      const k = i < j ? i : i - 1;
      out.set(row(j, own + k * each), at * width);
      at += each;
    }
    return out;
  });
}

/** The mean of `distance` over the M(M − 1)/2 pairs of models. */
export function meanPairwiseDistance<M>(models: readonly M[], distance: (a: M, b: M) => number): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < models.length; i++)
    for (let j = i + 1; j < models.length; j++) {
      sum += distance(models[i], models[j]);
      pairs += 1;
    }
  return sum / pairs;
}

/**
 * n rows of `width` drawn without replacement from `pool` (a partial Fisher–Yates shuffle of its
 * row indices). Only the indices it moves are kept, in a map: the web's pool grows by M·n_s rows
 * a generation, and an array of all its indices per scrape made long runs quadratic.
 */
export function scrape(pool: Float64Array, width: number, n: number, rng: Rng): Float64Array {
  const rows = pool.length / width;
  if (n > rows) throw new Error(`scrape: ${n} samples asked of a pool of ${rows}`);
  const moved = new Map<number, number>();
  const out = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.uniform() * (rows - i));
    const atJ = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    out.set(pool.subarray(atJ * width, (atJ + 1) * width), i * width);
  }
  return out;
}

type RngState = ReturnType<Rng['getState']>;

interface EcosystemCheckpoint<Ref> {
  t: number;
  members: ReplicateCheckpoint<Ref>[];
  web: { length: number; rng: RngState } | null;
  profile: RngState;
}

export class Ecosystem<M extends Fitted, Ref, P = M> implements Stepper<M> {
  private readonly members: Replicate<M, Ref>[];
  /** The shared web's pool and its scraping stream, when the web is on. */
  private readonly web: { pool: GrowingPool; rng: Rng } | null;
  /** The profiles' samples come from a stream of their own, so that measuring the spread changes no model. */
  private readonly profileRng: Rng;

  /**
   * Model 1 draws from replicate `index`'s own streams (as a single loop would), model m > 1 from
   * streams of its own. Models 1..biasedModels sample with λ; the others with λ = 1, through
   * `plainParts` (the same loop built at λ = 1).
   */
  constructor(
    private readonly spec: Spec,
    private readonly parts: LoopParts<M, Ref, P>,
    index: number,
    resumable = false,
    plainParts: LoopParts<M, Ref, P> = parts,
  ) {
    if (!parts.distance) throw new Error('Ecosystem: this loop measures no distance between models');
    const plain = { ...spec, lambda: 1 };
    this.members = Array.from({ length: spec.models }, (_, m) =>
      m < spec.biasedModels ? new Replicate(spec, parts, index, resumable, m) : new Replicate(plain, plainParts, index, resumable, m),
    );
    this.web = spec.web === 'on' ? { pool: new GrowingPool(), rng: Rng.stream(spec.seed, index, StreamRole.model, WEB_STREAM) } : null;
    this.profileRng = Rng.stream(spec.seed, index, StreamRole.evaluation, PROFILE_STREAM);
  }

  /** Each model's synthetic samples for its next training set: exchanged, or scraped from the web they were published to. */
  private share(draws: Float64Array[]): Float64Array[] {
    const { spec, parts, web } = this;
    if (!web) return exchangeSamples(draws, spec.nSyn, parts.width, spec.exchange);
    for (const draw of draws) web.pool.append(draw);
    return draws.map(() => scrape(web.pool.view(), parts.width, spec.nSyn, web.rng));
  }

  async step(options: StepOptions = {}): Promise<ReplicateStep<M>> {
    const { parts, members } = this;
    // Before generation 1 there is no model to draw from: every model starts on its own real data.
    const draws: (Float64Array | null)[] = [];
    for (const member of members) draws.push(await member.ownSynthetic());
    const exchanged = draws[0] ? this.share(draws as Float64Array[]) : null;
    const models: M[] = [];
    let first: ReplicateStep<M> | null = null;
    for (let m = 0; m < members.length; m++) {
      const job = await members[m].prepare(exchanged?.[m]);
      const model = await parts.fit(job.data, job.n, job.rng, { signal: options.signal, onProgress: options.onProgress, previous: job.previous });
      models.push(model);
      // The web starts with the real data every model was first fit on.
      if (this.web && !exchanged) this.web.pool.append(job.data);
      if (m === 0) first = await members[0].measure(members[0].adopt(model), job.data, options);
      else {
        await members[m].keep(model);
        await interleave(options);
      }
    }
    const spread = meanPairwiseDistance(await this.profiles(models), parts.distance!);
    return { ...first!, metrics: { ...first!.metrics, spread }, models };
  }

  /** What the spread compares of each model: the model itself, or its profile (drawn in model order). */
  private async profiles(models: M[]): Promise<P[]> {
    const { profile } = this.parts;
    if (!profile) return models as unknown as P[];
    const profiles: P[] = [];
    for (const model of models) profiles.push(await profile(model, this.profileRng));
    return profiles;
  }

  checkpoint(): EcosystemCheckpoint<Ref> {
    const members = this.members.map((member) => member.checkpoint());
    const web = this.web && { length: this.web.pool.size, rng: this.web.rng.getState() };
    return { t: members[0].t, members, web, profile: this.profileRng.getState() };
  }

  restore(checkpoint: EcosystemCheckpoint<Ref>): void {
    this.members.forEach((member, m) => member.restore(checkpoint.members[m]));
    this.profileRng.setState(checkpoint.profile);
    if (this.web && checkpoint.web) {
      this.web.pool.truncate(checkpoint.web.length);
      this.web.rng.setState(checkpoint.web.rng);
    }
  }

  dispose(): void {
    for (const member of this.members) member.dispose();
  }
}
