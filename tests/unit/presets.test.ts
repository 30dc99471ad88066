/**
 * The teaching scenarios through the engine in Node: each closed-form 2-D scenario's runs, with the
 * page's specs and seed, must show what its text claims (tests/scenario-claims.ts, the same
 * assertions the browser test makes on the page's tables). A regression in a learner, a loop or
 * a metric that would make a scenario's screen contradict its text fails here without a browser.
 * The neural and MNIST scenarios need TensorFlow.js; their browser tests check them.
 */
import { describe, expect, it } from 'vitest';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { isNeural, type Spec } from '../../src/spec/schema';
import { runSpecs } from '../../src/ui/lab-state';
import { PRESETS } from '../../src/ui/presets';
import { type RunMeans, SCENARIO_CLAIMS } from '../scenario-claims';

/** Runs shared by several scenarios (the page's fully synthetic default) are computed once. */
const computed = new Map<string, Promise<RunMeans>>();

/**
 * One run, in this thread: worker threads would each pay for loading the engine again, and vitest
 * already runs the other test files on the other cores.
 */
function run(spec: Spec): Promise<RunMeans> {
  const key = JSON.stringify(spec);
  let means = computed.get(key);
  if (!means) {
    means = (async () => {
      const experiment = new Experiment(spec);
      const summaries: GenerationResult['summary'][] = [];
      for (let r = await experiment.next(); r; r = await experiment.next()) summaries.push(r.summary);
      return { generations: summaries.length, mean: (metric, t) => summaries[t - 1][metric].mean };
    })();
    computed.set(key, means);
  }
  return means;
}

const engineScenarios = PRESETS.filter((p) => p.base.data !== 'mnist' && !isNeural(p.base.learner));

describe('scenarios on the engine', () => {
  it('every scenario has a claim to check', () => {
    for (const preset of PRESETS) expect(SCENARIO_CLAIMS[preset.id], preset.id).toBeTypeOf('function');
  });

  for (const preset of engineScenarios)
    it(`${preset.id}: ${preset.title}`, async () => {
      const runs: RunMeans[] = [];
      for (const spec of runSpecs(preset)) {
        if (!spec.ok) throw new Error(`${preset.id}: ${JSON.stringify(spec.issues)}`);
        runs.push(await run(spec.spec));
      }
      SCENARIO_CLAIMS[preset.id](runs);
    }, 180_000);
});
