/**
 * A change of the base settings, made safe across the lines between closed-form learners on 2-D
 * points, neural networks on points and MNIST digits. The engine rejects a point learner on digits
 * and a digit learner on points; sizes that suit the mixtures train a network for hours (a GAN at
 * R = 10, T = 100), and the reverse leaves the mixtures with too few generations to show anything.
 * Crossing a line therefore moves every field whose page defaults differ between the two kinds
 * (the learner and the run's sizes) to the new kind's defaults, drops compared runs' overrides
 * that no longer fit, and lists each change so the page can say what it did.
 */
import { learnersOf } from '../spec/learners';
import { SPEC_KEYS, type Spec, type SpecKey, learnerDefaults, specFields } from '../spec/schema';
import { impliedValues, normaliseSpec } from '../spec/validate';
import { OPTION_LABELS } from './controls/option-labels';
import { type PageKind, type RunOverrides, pageDefaults, pageKind } from './lab-state';

export interface BaseChange {
  base: Spec;
  runs: RunOverrides[];
  /** Set when the change crossed between kinds of page sizes, or gave a learner its own defaults: what else changed with it. */
  notice: { title: string; items: string[] } | null;
}

const shown = (key: SpecKey, value: unknown) => OPTION_LABELS[key]?.[String(value)] ?? String(value);

const WHY: Record<PageKind, (spec: Spec) => string> = {
  digits: () => `only the digit generators (${learnersOf('digits').map((l) => shown('learner', l)).join(', ')}) make images, and each generation fits one to a thousand digits, so runs are smaller`,
  neural: (spec) => `each generation trains a network for every replicate, so runs are smaller: the first generation takes seconds, not minutes (${shown('learner', spec.learner)})`,
  points: () => 'the closed-form learners get the page’s usual sizes',
  text: () => 'only the word learner (unigram) makes words, and its generations are fast, so runs are longer',
};

/** The base with `patch` applied, and the runs, valid again where the patch crossed kinds of page sizes. */
export function changeBase(base: Spec, runs: RunOverrides[], patch: Partial<Spec>): BaseChange {
  const next: Spec = { ...base, ...patch };
  // A drawn point set belongs to data = points only; leaving it keeps the spec valid.
  if (next.data !== 'points') next.points = null;
  // What the new data decides itself (the ring is 2-D whatever d was), said in the notice.
  const implied: string[] = [];
  for (const [key, value] of Object.entries(impliedValues(next)) as [SpecKey, unknown][])
    if (!(key in patch) && next[key] !== value) {
      implied.push(`${specFields[key].label}: ${shown(key, next[key])} → ${shown(key, value)}`);
      (next as Record<SpecKey, unknown>)[key] = value;
    }
  const change = crossKinds(base, next, runs, patch);
  if (implied.length === 0) return change;
  const notice = change.notice
    ? { ...change.notice, items: [...implied, ...change.notice.items] }
    : { title: `Switched to ${shown('data', next.data)}, which sets these itself:`, items: implied };
  return { ...change, notice };
}

/** The change of `next` from `base`: across kinds of page sizes, the fields and runs that follow the new kind. */
function crossKinds(base: Spec, next: Spec, runs: RunOverrides[], patch: Partial<Spec>): BaseChange {
  const from = pageKind(base.data, base.learner);
  const to = pageKind(next.data, next.learner);
  if (from === to) return switchLearner(base, next, runs);

  // Every field whose page default differs between the two kinds follows the new kind, except what the patch itself set.
  const before = pageDefaults(base.data, from === 'neural' ? base.learner : undefined);
  const defaults = pageDefaults(next.data, to === 'neural' ? next.learner : undefined);
  const items: string[] = [];
  for (const key of SPEC_KEYS)
    if (key !== 'data' && !(key in patch) && before[key] !== defaults[key] && next[key] !== defaults[key]) {
      items.push(`${specFields[key].label}: ${shown(key, next[key])} → ${shown(key, defaults[key])}`);
      (next as Record<SpecKey, unknown>)[key] = defaults[key];
    }
  const fitted = runs.map((run, i) => {
    const kept: Record<string, unknown> = { ...run };
    const checked = normaliseSpec({ ...next, ...kept });
    if (!checked.ok)
      for (const issue of checked.issues)
        if (issue.field in kept) {
          items.push(`compare run ${i + 1}: its own ${specFields[issue.field as SpecKey].label} = ${shown(issue.field as SpecKey, kept[issue.field])} does not apply; dropped`);
          delete kept[issue.field];
        }
    return kept as RunOverrides;
  });
  const what = 'learner' in patch ? shown('learner', next.learner) : shown('data', next.data);
  return { base: next, runs: fitted, notice: items.length > 0 ? { title: `Switched to ${what}: ${WHY[to](next)}. Changed with it:`, items } : null };
}

/**
 * A new learner takes its own training defaults where it has them (the convolutional GAN trains
 * with smaller batches, a lower learning rate and fewer epochs than the VAEs), said in a notice.
 */
function switchLearner(base: Spec, next: Spec, runs: RunOverrides[]): BaseChange {
  if (next.learner === base.learner) return { base: next, runs, notice: null };
  const items: string[] = [];
  for (const [key, value] of Object.entries(learnerDefaults(next.learner)) as [SpecKey, unknown][])
    if (next[key] !== value) {
      items.push(`${specFields[key].label}: ${shown(key, next[key])} → ${shown(key, value)}`);
      (next as Record<SpecKey, unknown>)[key] = value;
    }
  const notice = items.length > 0 ? { title: `Switched to ${shown('learner', next.learner)}, with its own training defaults:`, items } : null;
  return { base: next, runs, notice };
}
