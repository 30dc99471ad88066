/**
 * What the page shows: a base spec and one to four runs that override some of its fields (the
 * compare view), plus the speed and the presentation flags. This is exactly what the URL holds.
 */
import { type DataKind, type LearnerKind, POINT_NEURAL_LEARNERS, type Spec, type SpecKey, defaultSpec, learnerDefaults } from '../engine/spec/schema';
import { assertSpec, normaliseSpec, type SpecIssue } from '../engine/spec/validate';

export type RunOverrides = Partial<Omit<Spec, 'points'>>;

export const SPEEDS = { slow: 400, normal: 80, fast: 15, max: 0 } as const;
export type Speed = keyof typeof SPEEDS;

export const MAX_RUNS = 4;

export interface LabState {
  base: Spec;
  runs: RunOverrides[];
  speed: Speed;
  /** The scenario whose text is shown; dropped once a control changes the spec. */
  preset: string | null;
  /** Hidden controls (spec keys) and sections ('presets', 'compare', 'export', 'data-input'). */
  hidden: string[];
  embed: boolean;
  /** Large type and thick lines for projectors. */
  projector: boolean;
}

/**
 * The page's own defaults differ from the engine's: smaller samples, so that the fully synthetic
 * loop visibly loses modes and recall within 100 generations (measured: about 6 of 8 modes and
 * recall 0.3 left at t = 10, 2 modes at t = 100) while the fresh loop holds all 8.
 */
export const PAGE_DEFAULTS: Spec = assertSpec({
  ...defaultSpec(),
  nIni: 100,
  nReal: 100,
  nSyn: 100,
  generations: 100,
  replicates: 10,
});

/**
 * MNIST runs fit a digit generator every generation: page defaults that keep one generation to a
 * few seconds (a thousand digits, one replicate, ten generations), with the Gaussian mixture in
 * principal components as learner (the sharpest and fastest of the digit generators: README,
 * "MNIST digits"), since the 2-D learners do not generate images.
 */
export const MNIST_PAGE_DEFAULTS: Spec = assertSpec({
  ...PAGE_DEFAULTS,
  ...learnerDefaults('pca-gmm'),
  data: 'mnist',
  learner: 'pca-gmm',
  nIni: 1000,
  nReal: 1000,
  nSyn: 1000,
  nEval: 500,
  generations: 10,
  replicates: 1,
});

/**
 * The 2-D neural learners train a network per generation and replicate: sizes whose first
 * generation is drawn within seconds on WASM (one replicate of a network of 32 units trained for
 * 1000 steps on 400 points; the README's "Neural learners" gives the figures), ten generations.
 */
export const NEURAL_PAGE_DEFAULTS: Spec = assertSpec({
  ...PAGE_DEFAULTS,
  learner: 'diffusion',
  hidden: 32,
  steps: 1000,
  diffusionSteps: 40,
  nIni: 400,
  nReal: 400,
  nSyn: 200,
  nEval: 500,
  generations: 10,
  replicates: 1,
});

/** The page's sizes come in three kinds: closed-form learners on points, neural networks on points, digit generators. */
export type PageKind = 'points' | 'neural' | 'digits';

export function pageKind(data: DataKind, learner?: LearnerKind): PageKind {
  if (data === 'mnist') return 'digits';
  return learner && (POINT_NEURAL_LEARNERS as readonly string[]).includes(learner) ? 'neural' : 'points';
}

const KIND_DEFAULTS: Record<PageKind, Spec> = { points: PAGE_DEFAULTS, neural: NEURAL_PAGE_DEFAULTS, digits: MNIST_PAGE_DEFAULTS };

/**
 * The defaults a link's missing fields take: the sizes of the page kind (MNIST runs and neural
 * learners leave out their smaller sizes), and a learner with its own training defaults (the
 * convolutional GAN's batch size) leaves those out.
 */
export function pageDefaults(data: DataKind, learner?: LearnerKind): Spec {
  const base = KIND_DEFAULTS[pageKind(data, learner)];
  return learner ? { ...base, ...learnerDefaults(learner) } : base;
}

export const DEFAULT_RUNS: RunOverrides[] = [{ loop: 'fully-synthetic' }, { loop: 'fresh' }];

export function defaultSpeed(): Speed {
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return reduced ? 'slow' : 'normal';
}

export function defaultLabState(): LabState {
  return { base: PAGE_DEFAULTS, runs: DEFAULT_RUNS, speed: defaultSpeed(), preset: null, hidden: [], embed: false, projector: false };
}

export type RunSpec = { ok: true; spec: Spec } | { ok: false; issues: SpecIssue[] };

/** The full spec of each run: base plus its overrides, validated. */
export function runSpecs(state: Pick<LabState, 'base' | 'runs'>): RunSpec[] {
  return state.runs.map((overrides) => {
    const checked = normaliseSpec({ ...state.base, ...overrides });
    return checked.ok ? { ok: true, spec: checked.value } : { ok: false, issues: checked.issues };
  });
}

export function sameOverrides(a: RunOverrides[], b: RunOverrides[]): boolean {
  return JSON.stringify(a.map(sorted)) === JSON.stringify(b.map(sorted));
}

function sorted(o: RunOverrides): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}

/** Keys that some run overrides: the base control then only sets runs that do not. */
export function overriddenKeys(runs: RunOverrides[]): Set<SpecKey> {
  return new Set(runs.flatMap((r) => Object.keys(r) as SpecKey[]));
}
