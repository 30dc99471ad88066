/** How a run is named and explained on the page, in the paper's words. */
import { BIASED_VERIFIER_CLASSES, VERIFIER_CONFIDENCE } from '../engine/digits/digit-curation';
import { VERIFIER_WORDS } from '../engine/text/word-verifier';
import { domainOf } from '../spec/domains';
import { passageOf } from '../spec/learners';
import { modelLambdas } from '../engine/loops/ecosystem';
import { type LoopKind, type Spec, type SpecKey, fieldApplies, numbersOf, specFields } from '../spec/schema';
import type { RunOverrides } from './lab-state';

export const LOOP_NAMES: Record<LoopKind, string> = {
  'fully-synthetic': 'fully synthetic',
  augmentation: 'synthetic augmentation',
  fresh: 'fresh data',
  accumulate: 'accumulate',
};

/** One line per loop, for a visitor who has not read the paper. */
export function loopStory(spec: Spec): string {
  switch (spec.loop) {
    case 'fully-synthetic':
      return `each model learns only from ${spec.nSyn} samples of the previous model`;
    case 'augmentation':
      return `each model learns from the same ${spec.nIni} real samples plus ${spec.nSyn} of the previous model's`;
    case 'fresh':
      return `each model learns from ${spec.nReal} new real samples plus ${spec.nSyn} of the previous model's`;
    case 'accumulate':
      return `nothing is thrown away: every generation adds ${spec.nSyn} synthetic and ${spec.nReal} real samples to the pool`;
  }
}

/** How a run filters and corrects its synthetic samples (curation, verification, correction), as a sentence; '' when it keeps them as drawn. */
export function filterStory(spec: Spec): string {
  const parts: string[] = [];
  const domain = domainOf(spec.data);
  const biased = spec.verifier === 'biased';
  // What a curator or verifier judges at once: a word, or a passage of a learner of word sequences.
  const passage = passageOf(spec.learner);
  const unit = passage === 1 ? 'word' : `passage of ${passage} words`;
  if (fieldApplies('curationK', spec) && spec.curationK > 1)
    parts.push(
      domain === 'text'
        ? `each synthetic ${unit} is a curator's pick among K = ${spec.curationK}, favouring the ${spec.targetWords} most common words (β = ${spec.curationBeta})`
        : domain === 'digits'
          ? `each synthetic digit is a curator's pick among K = ${spec.curationK}, the more surely a ${spec.targetClass} the likelier (β = ${spec.curationBeta}, target digit c = ${spec.targetClass})`
          : `each synthetic sample is a curator's pick among K = ${spec.curationK} (β = ${spec.curationBeta}, target x* = (${spec.targetX}, ${spec.targetY}))`,
    );
  if (fieldApplies('verifier', spec) && spec.verifier !== 'off') {
    const kept =
      domain === 'text'
        ? `${passage === 1 ? 'words' : 'passages made of words'} it has seen in its own ${VERIFIER_WORDS.toLocaleString('en')} words of real text${biased ? ', and only the more common half of those words' : ''}`
        : domain === 'digits'
          ? `digits LeNet is at least ${100 * VERIFIER_CONFIDENCE}% sure of${biased ? `, and only 0–${BIASED_VERIFIER_CLASSES - 1}` : ''}`
          : `samples ${biased ? 'in the right half of the real support' : 'on the real support'}`;
    parts.push(`a ${biased ? 'biased ' : ''}verifier (accuracy ${spec.verifierAccuracy}) keeps only ${kept}`);
  }
  if (fieldApplies('correction', spec) && spec.correction > 0)
    parts.push(
      `each synthetic ${domain === 'digits' ? 'digit' : 'sample'} is moved ${spec.correction === 1 ? 'all' : `γ = ${spec.correction} of`} the way to its nearest real ${domain === 'digits' ? 'digit (pixel by pixel)' : 'point'}`,
    );
  return parts.join('; ');
}

/** A mixing matrix as its rows, "(1, 0; 1, 0)": row i, the shares of model i's samples from each model. */
function mixingRows(spec: Pick<Spec, 'models' | 'mixing'>): string {
  const shares = numbersOf(spec.mixing);
  return `(${Array.from({ length: spec.models }, (_, i) => shares.slice(i * spec.models, (i + 1) * spec.models).join(', ')).join('; ')})`;
}

/** Models feeding each other, as a sentence; '' for one model. */
export function ecosystemStory(spec: Spec): string {
  if (!fieldApplies('models', spec) || spec.models === 1) return '';
  const sharing =
    spec.web === 'on'
      ? 'all publishing their samples to a shared web that starts with their real data, each training on samples scraped from it'
      : spec.mixing !== ''
        ? `each one's synthetic samples drawn from the models by the mixing matrix ${mixingRows(spec)}`
        : `${Math.round(100 * spec.exchange)}% of each one's synthetic samples drawn from the others'`;
  const lambdas = modelLambdas(spec);
  const lambdaWords = lambdas.every((l) => l === spec.lambda) ? '' : `, sampling with λ = ${lambdas.join(', ')} (models 1–${spec.models})`;
  return `${spec.models} models side by side, each with its own real data, ${sharing}${lambdaWords} (pictures and metrics: model 1; distance between models: all pairs)`;
}

export function formatValue(key: SpecKey, value: unknown): string {
  return `${specFields[key].label} = ${String(value)}`;
}

/** "fresh data, λ = 0.7": the loop, then whatever else the run overrides. */
export function runLabel(overrides: RunOverrides, spec: Spec): string {
  const rest = (Object.keys(overrides) as SpecKey[]).filter((k) => k !== 'loop').map((k) => formatValue(k, overrides[k]));
  return [LOOP_NAMES[spec.loop], ...rest].join(', ');
}
