/** Words for the spec's enum values on the page (the values themselves stay the URL's and CLI's). */
import { DATA, DATA_KINDS } from '../../spec/domains';
import { LEARNERS, LEARNER_TABLE } from '../../spec/learners';
import type { Estimator, VerifierKind } from '../../spec/schema';
import { LOOP_NAMES } from '../run-label';

export const OPTION_LABELS: Record<string, Record<string, string>> = {
  data: Object.fromEntries(DATA_KINDS.map((d) => [d, DATA[d].label])),
  learner: Object.fromEntries(LEARNERS.map((l) => [l, LEARNER_TABLE[l].label])),
  warmStart: {
    off: 'off: train from scratch',
    on: 'on: continue from G^(t−1)',
  },
  estimator: {
    mle: 'MLE (÷ n)',
    unbiased: 'unbiased (÷ n − 1)',
  } satisfies Record<Estimator, string>,
  loop: LOOP_NAMES,
  verifier: {
    off: 'off: keep every sample',
    support: 'support: only samples that look real (digits: LeNet is sure of them; words: words it knows)',
    biased: 'biased: only part of the real data (points: its right half; digits: 0–4; words: the common ones)',
  } satisfies Record<VerifierKind, string>,
};
