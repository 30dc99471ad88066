/**
 * The closed-form expectations a spec has, whatever its domain: the Gaussian loops' moments
 * (gaussian-loops.ts), the curated Gaussian loop's (curation.ts), models feeding each other
 * (ecosystem.ts), the unigram chain's heterozygosity and survivors (text-loops.ts) or the curated
 * unigram loop's share of target words (word-curation.ts); null where none is known.
 */
import type { Spec } from '../../spec/schema';
import { curationTheory } from './curation';
import { ecosystemTheory } from './ecosystem';
import { type Theory, gaussianTheory } from './gaussian-loops';
import { textTheory } from './text-loops';
import { wordCurationTheory } from './word-curation';

export type { Theory } from './gaussian-loops';

export function theoryFor(spec: Spec): Theory | null {
  return gaussianTheory(spec) ?? curationTheory(spec) ?? ecosystemTheory(spec) ?? wordCurationTheory(spec) ?? textTheory(spec);
}
