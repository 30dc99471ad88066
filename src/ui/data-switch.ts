/**
 * A change of the base settings, made safe across the line between 2-D points and MNIST digits.
 * The engine rejects a point learner on digits and a digit learner on points, and sizes that suit
 * the mixtures train far too long on digits (and the reverse leaves the mixtures with too few
 * generations to show anything). Crossing that line therefore moves every field whose page
 * defaults differ between the two kinds (the learner and the run's sizes) to the new kind's
 * defaults, drops compared runs' overrides that no longer fit, and lists each change so the page
 * can say what it did instead of leaving the runs on settings the engine rejects.
 */
import { SPEC_KEYS, type Spec, type SpecKey, learnerDefaults, specFields } from '../engine/spec/schema';
import { normaliseSpec } from '../engine/spec/validate';
import { OPTION_LABELS } from './controls/option-labels';
import { MNIST_PAGE_DEFAULTS, PAGE_DEFAULTS, type RunOverrides, pageDefaults } from './lab-state';

/** The fields that follow the data kind: where the MNIST page defaults differ from the mixtures'. */
const KIND_KEYS = SPEC_KEYS.filter((k) => k !== 'data' && MNIST_PAGE_DEFAULTS[k] !== PAGE_DEFAULTS[k]);

export interface BaseChange {
  base: Spec;
  runs: RunOverrides[];
  /** Set when the change crossed between points and digits: what else changed with it. */
  notice: { title: string; items: string[] } | null;
}

const shown = (key: SpecKey, value: unknown) => OPTION_LABELS[key]?.[String(value)] ?? String(value);

/** The base with `patch` applied, and the runs, valid again where the patch crossed data kinds. */
export function changeBase(base: Spec, runs: RunOverrides[], patch: Partial<Spec>): BaseChange {
  const next: Spec = { ...base, ...patch };
  // A drawn point set belongs to data = points only; leaving it keeps the spec valid.
  if (next.data !== 'points') next.points = null;
  if ((base.data === 'mnist') === (next.data === 'mnist')) return switchLearner(base, next, runs);

  const defaults = pageDefaults(next.data);
  const items: string[] = [];
  for (const key of KIND_KEYS)
    if (next[key] !== defaults[key]) {
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
  const why =
    next.data === 'mnist'
      ? 'only the digit generators (VAE, conditional VAE, convolutional GAN) make images, and each generation trains a network, so runs are smaller'
      : 'the digit generators make only images; the 2-D learners get the page’s usual sizes';
  return { base: next, runs: fitted, notice: { title: `Switched to ${shown('data', next.data)}: ${why}. Changed with it:`, items } };
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
