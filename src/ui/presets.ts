/**
 * Teaching scenarios: each is a spec (validated by the engine like any other) plus a short
 * plain-language explanation and the paper's finding it shows. Sizes were chosen by running the
 * loops with the CLI so that the effect is visible within the scenario's generations.
 */
import type { MetricName } from '../engine/metrics/registry';
import type { Spec } from '../engine/spec/schema';
import { assertSpec } from '../engine/spec/validate';
import { PAGE_DEFAULTS, type RunOverrides, pageDefaults } from './lab-state';

export interface Preset {
  id: string;
  title: string;
  /** What to watch, for a visitor who has not read the paper. */
  explanation: string;
  /** The paper's finding, with where it is shown. */
  finding: string;
  /** The metric(s) that carry the scenario's point: its headline chart. */
  headline?: MetricName[];
  base: Spec;
  runs: RunOverrides[];
}

/** A scenario on the page defaults of its data kind (MNIST scenarios start from MNIST-sized runs). */
function preset(p: Omit<Preset, 'base'> & { base: Partial<Spec> }): Preset {
  const base = assertSpec({ ...pageDefaults(p.base.data ?? PAGE_DEFAULTS.data), ...p.base });
  for (const run of p.runs) assertSpec({ ...base, ...run });
  return { ...p, base };
}

export const PRESETS: Preset[] = [
  preset({
    id: 'mad',
    title: 'Fully synthetic goes MAD',
    explanation:
      'Each model is trained only on samples of the model before it. Small sampling errors compound: clusters of the ring die out one by one and never come back, and recall (diversity) drops towards 0.',
    finding: 'Without fresh real data, the quality or the diversity of an autophagous loop decreases over generations (MAD §3, Fig. 4, 14).',
    base: {},
    runs: [{ loop: 'fully-synthetic' }],
  }),
  preset({
    id: 'unbiased',
    title: 'An unbiased estimator still collapses',
    explanation:
      'A Gaussian refit on its own samples, with the MLE and with the unbiased (n − 1) covariance. The unbiased fit keeps the expected variance constant (the dashed theory line of tr Σ stays flat), yet the median run still shrinks to a point: the average is carried by a few lucky runs.',
    finding: 'For any λ ≤ 1, Σ_t → 0 almost surely, even for unbiased estimates: the collapse is caused by estimation error alone (MAD §3.1, App. A).',
    base: { data: 'gaussian', dim: 2, learner: 'gaussian', nIni: 20, nSyn: 20, replicates: 50, nEval: 500 },
    runs: [{ estimator: 'unbiased' }, { estimator: 'mle' }],
  }),
  preset({
    id: 'fixed-real',
    title: 'A fixed real set only delays it',
    explanation:
      'Synthetic augmentation reuses the same real samples every generation next to fresh synthetic ones. The real set acts as an anchor: compared with the fully synthetic loop, degradation is much slower. A Gaussian mixture can fit the ring exactly, so here the anchor even holds; MAD\'s deep generators add their own errors each generation, which is why the decline there continues, only later.',
    finding: 'A fixed set of real training data only delays the inevitable degradation of a self-consuming loop (MAD §4, Fig. 8–9).',
    base: { nIni: 50, nSyn: 500 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'augmentation' }],
  }),
  preset({
    id: 'fresh',
    title: 'Enough fresh data holds steady',
    explanation:
      'Each generation gets new real samples besides the synthetic ones. With no fresh data the ring collapses; with a little it wobbles; with enough it stays at a steady distance from the truth, whatever the starting model.',
    finding: 'With enough fresh real data per generation, quality and diversity do not degrade: the distance converges to a limit independent of the initial model (MAD §5, eq. 3, Fig. 10).',
    base: {},
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh', nReal: 10 }, { loop: 'fresh', nReal: 100 }],
  }),
  preset({
    id: 'lambda',
    title: 'λ < 1 keeps precision but loses recall faster',
    explanation:
      'Sampling bias λ < 1 draws synthetic samples closer to each mode, like truncation or guidance in image models. Samples look "better" (precision stays at 1) but the spread is lost even faster: recall falls to 0 within a few generations.',
    finding: 'With sampling bias, precision is maintained or even increases while recall decays faster than without bias (MAD §3.2, Fig. 6–7).',
    base: {},
    runs: [{ lambda: 1 }, { lambda: 0.7 }],
  }),
  preset({
    id: 'neural',
    title: 'A neural generator amplifies its own errors',
    explanation:
      'Each generation trains a small diffusion model (a neural network that learns to turn noise into data, here with TensorFlow.js in your browser) on the data of its loop. No network fits perfectly: each one blurs the ring a little and puts samples between the clusters. Trained only on its predecessor\'s samples, the next network learns that blur as if it were data and adds its own: clusters merge and vanish within a few generations, and precision falls. With fresh real samples in every generation, each network\'s errors are diluted and the ring stays sharp.',
    finding:
      'Deep generators go MAD too: a diffusion model (DDPM) trained fully synthetically loses quality and diversity as its modes drift and merge, while with enough fresh real data per generation its distance to the real data settles at a limit (MAD §3, Fig. 4–5; §5, Fig. 10).',
    // One replicate of a small network, so the 20 fits take about 20 s on one CPU core (WASM).
    base: { learner: 'diffusion', hidden: 32, steps: 1000, diffusionSteps: 40, nIni: 400, nSyn: 200, nReal: 400, generations: 10, replicates: 1, nEval: 500 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh' }],
  }),
  preset({
    id: 'accumulate',
    title: 'Accumulate vs replace',
    explanation:
      'Replace (fully synthetic) throws away all earlier data each generation. Accumulate keeps every sample ever used, real ones included, and adds the new synthetic ones: the original real data never leave the pool, and the ring survives.',
    finding: 'Accumulating real and synthetic data keeps the error bounded, while replacing data collapses (Gerstgrasser et al. 2024, arXiv 2404.01413; cf. MAD §4).',
    base: { nReal: 0 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'accumulate' }],
  }),
  // MNIST: a network per generation and replicate, so one replicate of ten generations of a
  // thousand digits (the MNIST page defaults): a preset runs in about a minute on WASM. Measured
  // in the page (headless chromium, WASM, seed 1, 2026-11-24), fully synthetic: FD 590 → 910,
  // classes 0.9 → 0.4, entropy 3.0 → 1.4 bits; fresh and augmentation: FD 510–560 and all ten
  // classes at t = 10. Recall stays near 0 in every loop: the VAE's blurred digits cover little of
  // real handwriting's variety even at t = 1. (A guidance scenario is left out: with this VAE,
  // λ < 1 sharpens the blur away, so guided loops lose classes more slowly, not faster.)
  preset({
    id: 'mnist-mad',
    title: 'Digits go MAD',
    explanation:
      'A small VAE (a network that squeezes each digit into a few numbers and draws it back from them) learns from 1000 real handwritten digits; every later generation learns only from 1000 digits drawn by the one before. Each network blurs what it saw, and the next learns that blur as if it were handwriting: within a few generations the digits melt into a few grey shapes, the Fréchet distance in LeNet features climbs far above the grey "real vs real" line, and LeNet recognises fewer and fewer of the ten digits among them (classes covered and class entropy fall).',
    finding: 'Deep generators trained fully synthetically on MNIST lose quality and diversity from generation to generation (MAD §3).',
    base: { data: 'mnist' },
    runs: [{ loop: 'fully-synthetic' }],
  }),
  preset({
    id: 'mnist-fresh',
    title: 'Fresh digits hold steady',
    explanation:
      'The same VAE loop twice: once on its own digits alone, once with 1000 new real digits in every generation next to the 1000 synthetic ones. The fresh digits dilute each network\'s errors: its digits stay legible, all ten classes stay, and its Fréchet distance stays level, while the fully synthetic loop melts away.',
    finding: 'With enough fresh real data per generation, a self-consuming loop does not degrade: its distance to the real data settles at a limit (MAD §5).',
    base: { data: 'mnist' },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh' }],
  }),
  preset({
    id: 'mnist-augmentation',
    title: 'Fixed real digits only delay it',
    explanation:
      'Synthetic augmentation trains every generation on the same 1000 real digits plus 1000 from the previous network. The fixed real set anchors the loop: over these ten generations its digits keep all ten classes while the fully synthetic loop melts away. But no new information ever arrives, and each network adds its own errors to the synthetic half, which is why over many more generations the paper sees augmentation decline too, only later.',
    finding: 'A fixed set of real training data only delays the degradation of a self-consuming loop (MAD §4).',
    base: { data: 'mnist' },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'augmentation' }],
  }),
];

export function presetById(id: string | null): Preset | null {
  return PRESETS.find((p) => p.id === id) ?? null;
}
