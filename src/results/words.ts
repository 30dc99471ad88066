/**
 * What the text panels need: the exact real distribution (the Zipf law, or the English corpus's
 * word frequencies once loaded), the survival chart's rank bands, and a readable word for each id.
 * English words are themselves; the Zipf vocabulary is synthetic, so its words are names for ranks:
 * the most frequent English words for the first ranks (so the head reads like English), then
 * made-up words built from the rank's digits, the same on every page and every run.
 */
import { englishCorpus, wordDataLoaded } from '../engine/text/corpus';
import { rareHalfStart } from '../engine/text/text-metrics';
import type { DataKind } from '../spec/domains';

export { loadWordData } from '../engine/text/corpus';
export type { DataKind } from '../spec/domains';
export { textDistribution as realWordProbabilities } from '../engine/text/text-loop';
export { rankBands } from '../engine/text/rank-bands';

/** Whether the words of this data can be drawn now (the English table loads on first use). */
export const wordDataReady = wordDataLoaded;

/** The word of id i for this data: English words from the corpus (loaded: see wordDataReady), names of ranks for the Zipf vocabulary. */
export function wordOf(data: DataKind, id: number): string {
  return data === 'english' ? englishCorpus().words[id] : wordName(id);
}

const COMMON = 'the of and to a in is it you that he was for on are with as I his they be at one have this from or had by word but what some we can out other were all there when up use your how said an each she'.split(' ');
const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ee', 'oa', 'y'];

/** The word of id i (rank i + 1). */
export function wordName(id: number): string {
  if (id < COMMON.length) return COMMON[id];
  // One syllable per decimal digit of the rank: distinct ids give distinct words.
  return Array.from(String(id + 1), (digit, k) => ONSETS[(Number(digit) + k) % 10] + VOWELS[Number(digit)]).join('');
}

/** Whether a word is among the rarest half of the vocabulary (ranks above V/2), the part that vanishes first. */
export function isRare(id: number, vocabulary: number): boolean {
  return id >= rareHalfStart(vocabulary);
}
