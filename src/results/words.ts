/**
 * What the text panels need: the exact Zipf distribution, the survival chart's rank bands, and a
 * readable word for each id. The vocabulary is synthetic, so words are names for ranks: the most
 * frequent English words for the first ranks (so the head reads like English), then made-up words
 * built from the rank's digits, the same on every page and every run.
 */
import { rareHalfStart } from '../engine/text/text-metrics';

export { zipfProbabilities } from '../engine/text/zipf';
export { rankBands } from '../engine/text/rank-bands';

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
