/**
 * What the page shows: a base spec and one to four runs that override some of its fields (the
 * compare view), plus the speed and the presentation flags. This is exactly what the URL holds.
 */
import { DOMAINS, type DomainKind, domainOf } from '../spec/domains';
import { learnerEntry } from '../spec/learners';
import { type DataKind, type LearnerKind, type Spec, type SpecKey, defaultSpec, learnerDefaults, specFields } from '../spec/schema';
import { assertSpec, normaliseSpec, type SpecIssue } from '../spec/validate';

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
 * The page's sizes come in kinds: those of a data domain (the mixtures' and the digits'), and for
 * points those of a learner that trains a network per replicate and generation (its own `page`).
 */
export type PageKind = DomainKind | 'neural';

export function pageKind(data: DataKind, learner?: LearnerKind): PageKind {
  const domain = domainOf(data);
  return domain === 'points' && learner && learnerEntry(learner).page ? 'neural' : domain;
}

/**
 * The defaults a page run's missing fields take (a link's, a scenario's): the spec's defaults
 * with the page sizes of the data's domain (spec/domains.ts) and of the learner where it has its
 * own (spec/learners.ts), and the learner's own training defaults. Their data is the domain's
 * default (the ring for points), what a link falls back to when its own data cannot be used.
 */
export function pageDefaults(data: DataKind, learner?: LearnerKind): Spec {
  const domain = domainOf(data);
  const page = DOMAINS[domain].page;
  const own = page.learner ?? specFields.learner.default;
  // A learner of another domain (a link's gmm on MNIST) gives way to the domain's own; another of
  // the domain keeps the domain's settings of fields it does not read (K of MNIST's mixture).
  const chosen = learner && learnerEntry(learner).domain === domain ? learner : own;
  return assertSpec({ ...defaultSpec(), ...page, ...learnerDefaults(own), ...learnerEntry(chosen).page, ...learnerDefaults(chosen), learner: chosen });
}

/** What the page opens on: the ring of 8 with the mixture learner, at the page's sizes. */
export const PAGE_DEFAULTS: Spec = pageDefaults(specFields.data.default);

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
