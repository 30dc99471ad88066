/**
 * Models that feed each other (Gao & Li 2025, arXiv 2505.21677; issue 17 §2): M models, each a
 * replicate of the loop with its own real data and training set, advance together. Every
 * generation each model's n_s synthetic samples are drawn from its own previous model and from the
 * others': the exchange share of them, split evenly, comes from the other M − 1 models, or a
 * mixing matrix gives each model's shares from each model. Each model draws what the others take
 * from it (curated or verified as a single model's are) and every sample goes to exactly one
 * training set, so the models' training sets stay independent given the previous models.
 * Model 1 is measured as a single loop is; the spread is the mean distance over pairs of models
 * (for digits between their profiles, drawn from a stream of the ecosystem's own).
 * Each model draws with its own λ (modelLambdas): one guided model among plain ones, or the reverse.
 * With the shared web on, the models publish instead: a pool starts with every model's generation-1
 * real samples and receives every model's n_s draws each generation; each model's synthetic part
 * is then n_s samples scraped from it at random, so the generated share of the pool grows.
 * A bigram's samples are words of running text: models exchange, publish and scrape them in whole
 * passages (LoopParts.passage), so that every pair of words inside a passage is one a model wrote.
 */
import { Rng, StreamRole } from '../random/prng';
import { type Spec, numbersOf } from '../../spec/schema';
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
 * What of `data` (rows of `width`) travels between models: its whole passages of `passage` rows,
 * and the rows past the last one, which stay with the model that drew them (n_s mod passage rows;
 * none for samples that travel alone).
 */
function wholePassages(data: Float64Array, width: number, passage: number): { whole: Float64Array; rest: Float64Array } {
  const size = width * passage;
  const end = Math.floor(data.length / size) * size;
  return { whole: data.subarray(0, end), rest: data.subarray(end) };
}

/** `total` split in proportion to `shares` (summing to 1) in whole units: floors, then one more to the largest remainders, the first on ties. */
function largestRemainders(shares: readonly number[], total: number): number[] {
  const exact = shares.map((share) => share * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((sum, c) => sum + c, 0);
  const order = exact.map((_, j) => j).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (const j of order) {
    if (left <= 0) break;
    counts[j] += 1;
    left -= 1;
  }
  return counts;
}

/**
 * c[i][j]: the units (samples, or a bigram's passages) of model i's synthetic part drawn from
 * model j, each row summing to `units`: the mixing matrix's shares rounded within each row, or,
 * without a matrix, the exchange share (exchangeCounts) on every row.
 */
export function mixingCounts(spec: Pick<Spec, 'models' | 'exchange' | 'mixing'>, units: number): number[][] {
  const m = spec.models;
  const shares = numbersOf(spec.mixing);
  if (shares.length === 0) {
    const { own, each } = exchangeCounts(units, m, spec.exchange);
    return Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? own : each)));
  }
  return Array.from({ length: m }, (_, i) => largestRemainders(shares.slice(i * m, (i + 1) * m), units));
}

/**
 * The synthetic part of each model's next training set from the models' own draws (rows of
 * `width`), moved in whole passages of `passage` rows (a bigram's text: LoopParts.passage):
 * model j's draw holds counts[j][j] passages for itself, then counts[i][j] for each other model i
 * in index order; model i's part is its own block, then its block from each other model in index
 * order, then its own rows past the last whole passage.
 */
export function exchangeSamples(draws: readonly Float64Array[], width: number, counts: readonly (readonly number[])[], passage = 1): Float64Array[] {
  const m = draws.length;
  const size = width * passage;
  const parts = draws.map((draw) => wholePassages(draw, width, passage));
  const order = (i: number) => [i, ...Array.from({ length: m }, (_, j) => j).filter((j) => j !== i)];
  // starts[j][i]: where model j's draw keeps its block for model i.
  const starts = draws.map((_, j) => {
    const at = new Array<number>(m);
    let next = 0;
    for (const i of order(j)) {
      at[i] = next;
      next += counts[i][j];
    }
    return at;
  });
  return parts.map(({ rest }, i) => {
    const out = new Float64Array(counts[i].reduce((sum, c) => sum + c, 0) * size + rest.length);
    let at = 0;
    for (const j of order(i)) {
      const from = starts[j][i] * size;
      out.set(parts[j].whole.subarray(from, from + counts[i][j] * size), at);
      at += counts[i][j] * size;
    }
    out.set(rest, at);
    return out;
  });
}

/** λ of each of the M models: model 1 samples with λ, models 2..M with the other models' λ in order, the last one given serving the rest (none given: λ). */
export function modelLambdas(spec: Pick<Spec, 'lambda' | 'models' | 'otherLambdas'>): number[] {
  const others = numbersOf(spec.otherLambdas);
  return Array.from({ length: spec.models }, (_, m) => (m === 0 ? spec.lambda : (others[Math.min(m, others.length) - 1] ?? spec.lambda)));
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
  /** counts[i][j]: the samples (passages) model i takes from model j's draw (mixingCounts); null with the web. */
  private readonly counts: number[][] | null;
  /** The shared web's pool and its scraping stream, when the web is on. */
  private readonly web: { pool: GrowingPool; rng: Rng } | null;
  /** The profiles' samples come from a stream of their own, so that measuring the spread changes no model. */
  private readonly profileRng: Rng;

  /**
   * Model 1 draws from replicate `index`'s own streams (as a single loop would), model m > 1 from
   * streams of its own. `partsOf(λ)` is the loop built for a model that samples with λ (its own
   * λ is part of its loop's draws and measurements); `parts` is model 1's.
   */
  constructor(
    spec: Spec,
    private readonly parts: LoopParts<M, Ref, P>,
    index: number,
    resumable = false,
    partsOf: (lambda: number) => LoopParts<M, Ref, P> = () => parts,
  ) {
    if (!parts.distance) throw new Error('Ecosystem: this loop measures no distance between models');
    const passage = parts.passage ?? 1;
    this.counts = spec.web === 'on' ? null : mixingCounts(spec, Math.floor(spec.nSyn / passage));
    // Model j draws what the others take from it (a column of the counts) and its own rows past the last whole passage.
    const drawn = (j: number) => (this.counts ? passage * this.counts.reduce((sum, row) => sum + row[j], 0) + (spec.nSyn % passage) : spec.nSyn);
    this.members = modelLambdas(spec).map((lambda, m) => new Replicate({ ...spec, lambda, nSyn: drawn(m) }, m === 0 ? parts : partsOf(lambda), index, resumable, m));
    this.web = spec.web === 'on' ? { pool: new GrowingPool(), rng: Rng.stream(spec.seed, index, StreamRole.model, WEB_STREAM) } : null;
    this.profileRng = Rng.stream(spec.seed, index, StreamRole.evaluation, PROFILE_STREAM);
  }

  /**
   * Each model's synthetic samples for its next training set: exchanged, or scraped from the web
   * they were published to; in whole passages either way (wholePassages).
   */
  private share(draws: Float64Array[]): Float64Array[] {
    const { parts, web } = this;
    const passage = parts.passage ?? 1;
    if (!web) return exchangeSamples(draws, parts.width, this.counts!, passage);
    const split = draws.map((draw) => wholePassages(draw, parts.width, passage));
    for (const { whole } of split) web.pool.append(whole);
    return split.map(({ whole, rest }) => {
      const out = new Float64Array(whole.length + rest.length);
      out.set(scrape(web.pool.view(), parts.width * passage, whole.length / (parts.width * passage), web.rng));
      out.set(rest, whole.length);
      return out;
    });
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
      // The models train one after another: their steps add up to one count, as replicates' do (experiment.ts).
      const onProgress = options.onProgress && ((step: number, steps: number) => options.onProgress!(m * steps + step, members.length * steps));
      const model = await parts.fit(job.data, job.n, job.rng, { signal: options.signal, onProgress, previous: job.previous });
      models.push(model);
      // The web starts with the real data every model was first fit on.
      if (this.web && !exchanged) this.web.pool.append(wholePassages(job.data, parts.width, parts.passage ?? 1).whole);
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
