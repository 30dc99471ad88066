/**
 * Teaching scenarios: each is a spec (validated by the engine like any other) plus a short
 * plain-language explanation, the paper's finding it shows and the metrics that show it. Learner,
 * sizes and horizon were chosen by running the loops with the CLI so that the claim is visible on
 * the scenario's own screen (the measured numbers are in the README, "Scenarios"); the browser
 * tests read those metrics back and fail when a claim stops being true.
 */
import { realDistribution } from '../engine/data';
import { type MetricName, metricsFor } from '../engine/metrics/registry';
import { domainOf } from '../spec/domains';
import type { Spec } from '../spec/schema';
import { assertSpec } from '../spec/validate';
import { PAGE_DEFAULTS, type RunOverrides, pageDefaults } from './lab-state';

export interface Preset {
  id: string;
  title: string;
  /** What to watch, for a visitor who has not read the paper. */
  explanation: string;
  /** The paper's finding, with where it is shown. */
  finding: string;
  /** The one or two metrics whose charts carry the scenario's point (the page's headline charts). */
  headline: [MetricName] | [MetricName, MetricName];
  base: Spec;
  runs: RunOverrides[];
}

/**
 * A scenario on the page defaults of its data kind (MNIST scenarios start from MNIST-sized runs).
 * Its headline must name metrics that its data has (modes only for the ring and the grid, classes
 * only for MNIST), or the page would have no chart to show.
 */
function preset(p: Omit<Preset, 'base'> & { base: Partial<Spec> }): Preset {
  const base = assertSpec({ ...pageDefaults(p.base.data ?? PAGE_DEFAULTS.data, p.base.learner), ...p.base });
  for (const run of p.runs) assertSpec({ ...base, ...run });
  const domain = domainOf(base.data);
  const measured = metricsFor(domain === 'points' ? realDistribution(base) : domain, base.curationK > 1, base.models > 1);
  for (const metric of p.headline)
    if (!measured.includes(metric)) throw new Error(`preset ${p.id}: headline metric ${metric} is not measured on ${base.data} (${measured.join(', ')})`);
  return { ...p, base };
}

/** The MNIST scenarios' shared settings: the page's MNIST sizes and generator (see below). */
const MNIST_SCENARIO: Partial<Spec> = { data: 'mnist' };

export const PRESETS: Preset[] = [
  preset({
    id: 'mad',
    title: 'Fully synthetic goes MAD',
    explanation:
      'Each model is trained only on samples of the model before it. Small sampling errors compound: clusters of the ring die out one by one and never come back, and recall (diversity) drops towards 0.',
    finding: 'Without fresh real data, the quality or the diversity of an autophagous loop decreases over generations (MAD §3, Fig. 4, 14).',
    headline: ['modes', 'recall'],
    base: {},
    runs: [{ loop: 'fully-synthetic' }],
  }),
  preset({
    id: 'unbiased',
    title: 'An unbiased estimator still collapses',
    explanation:
      'A Gaussian refit on its own samples, with the MLE and with the unbiased (n − 1) covariance. The unbiased fit keeps the expected variance constant (the dashed theory line of tr Σ stays flat), yet ln det Σ_t (the log of the area the fit covers) falls steadily for both estimators: the typical run shrinks to a point. The expectation is carried by rare runs whose variance grows huge; 50 replicates seldom hold one, so even their mean tr Σ falls here.',
    finding: 'For any λ ≤ 1, Σ_t → 0 almost surely, even for unbiased estimates: the collapse is caused by estimation error alone (MAD §3.1, App. A).',
    headline: ['logdet', 'trace'],
    // Its story is told by the fit's moments; precision and recall, measured on n_eval samples per
    // replicate and generation, cost nearly all of the run's time, so they get a small n_eval.
    base: { data: 'gaussian', dim: 2, learner: 'gaussian', nIni: 20, nSyn: 20, replicates: 50, nEval: 100 },
    runs: [{ estimator: 'unbiased' }, { estimator: 'mle' }],
  }),
  preset({
    id: 'fixed-real',
    title: 'A fixed real set only delays it',
    explanation:
      'Three loops of a kernel density estimate (KDE: every training point smeared into a small blob, here a blob wider than the ring\'s clusters, so each fit blurs the data a little), each fed 1000 synthetic points per generation. Fully synthetic, the blur piles up: the clusters melt into a ring and precision (the share of samples that look real) falls from 0.65 to below 0.1. Synthetic augmentation keeps the same 50 real points (n_ini) in every training set: they slow the blur down but cannot undo it, so precision falls more slowly, to about 0.3, and about one cluster in eight fades: worse than its own first generation, far better than fully synthetic. With 1000 new real points every generation (fresh data, n_r = n_s) the ring stays sharp (precision ≈ 0.8, all 8 clusters). A Gaussian mixture fits this ring exactly, and a fixed real set then holds it for good (switch the learner to see it); MAD\'s deep generators, like this KDE, add their own error every generation.',
    finding: 'A fixed set of real training data only delays the inevitable degradation of a self-consuming loop (MAD §4, Fig. 8–9).',
    headline: ['precision', 'modes'],
    // Why these sizes: the fixed set's share n_ini/(n_ini + n_s) ≈ 5% sets how slowly the blur
    // builds up in augmentation (over about 1/5% = 20 generations), the bandwidth (0.3 × Scott's
    // rule) makes each fit blur enough to see, and 60 generations show augmentation levelling off
    // while fully synthetic keeps falling. The film strip's contours evaluate each KDE on a grid,
    // which costs more than the loop itself, so more generations or points would slow the page.
    base: { learner: 'kde', bandwidth: 0.3, nIni: 50, nSyn: 1000, nReal: 1000, generations: 60 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'augmentation' }, { loop: 'fresh' }],
  }),
  preset({
    id: 'fresh',
    title: 'Enough fresh data holds steady',
    explanation:
      'Each generation gets new real samples besides its 100 synthetic ones. With no fresh data (n_r = 0) the ring collapses; with a little (n_r = 10) it wobbles but keeps most clusters; with enough (n_r = 100) all 8 clusters stay and its Fréchet distance to the truth stays level.',
    finding: 'With enough fresh real data per generation, quality and diversity do not degrade: the distance converges to a limit independent of the initial model (MAD §5, eq. 3, Fig. 10).',
    headline: ['modes', 'fd'],
    base: {},
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh', nReal: 10 }, { loop: 'fresh', nReal: 100 }],
  }),
  preset({
    id: 'lambda',
    title: 'λ < 1 keeps precision but loses recall faster',
    explanation:
      'Sampling bias λ < 1 draws synthetic samples closer to the centre of each cluster, like truncation or guidance in image models. Both loops are fully synthetic, side by side for 30 generations. With λ = 0.7 precision (the share of samples that look real) stays at 1, while without bias (λ = 1) it slips a little; but recall (the share of the real spread that the model covers) falls to 0 within about 15 generations with λ = 0.7, while the unbiased loop still covers about half at t = 30. The bias shrinks every cluster towards its centre rather than dropping clusters: both keep nearly all 8.',
    finding: 'With sampling bias, precision is maintained or even increases while recall decays faster than without bias (MAD §3.2, Fig. 6–7).',
    headline: ['precision', 'recall'],
    // 500 points per generation slow the unbiased loop's own collapse, so that over these 30
    // generations its recall is still falling while the biased loop's has reached 0.
    base: { nIni: 500, nSyn: 500, generations: 30 },
    runs: [{ lambda: 1 }, { lambda: 0.7 }],
  }),
  preset({
    id: 'neural',
    title: 'A neural generator amplifies its own errors',
    explanation:
      'Each generation trains a small diffusion model (a neural network that learns to turn noise into data, here with TensorFlow.js in your browser) on the data of its loop. A network this small never draws the ring sharply: from the first generation on it puts many samples between the clusters (precision, the share of samples that look real, about 0.6). Trained only on its predecessor\'s samples, each network learns that blur as if it were data and adds its own: clusters merge and vanish (8 → about 2 in ten generations) and precision falls below 0.1. With 400 fresh real points in every generation next to 200 synthetic ones (n_r = 400, n_s = 200), the errors do not pile up: all 8 clusters stay, and precision settles at about 0.45–0.5, a little below the first network\'s, instead of falling further.',
    finding:
      'Deep generators go MAD too: a diffusion model (DDPM) trained fully synthetically loses quality and diversity as its modes drift and merge, while with enough fresh real data per generation its distance to the real data settles at a limit (MAD §3, Fig. 4–5; §5, Fig. 10).',
    headline: ['modes', 'precision'],
    // The page's sizes for a neural learner (NEURAL_PAGE_DEFAULTS): one replicate of a small network,
    // so the 20 fits take about 20–40 s on one CPU core (WASM).
    base: { learner: 'diffusion' },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh' }],
  }),
  preset({
    id: 'accumulate',
    title: 'Accumulate vs replace',
    explanation:
      'Replace (fully synthetic) throws away all earlier data each generation. Accumulate keeps every sample ever used, real ones included, and adds the new synthetic ones: the original real data never leave the pool, and the ring survives.',
    finding: 'Accumulating real and synthetic data keeps the error bounded, while replacing data collapses (Gerstgrasser et al. 2024, arXiv 2404.01413; cf. MAD §4).',
    headline: ['modes', 'recall'],
    base: { nReal: 0 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'accumulate' }],
  }),
  // Curation and verification (engine/curation): the page's ring, 20 generations.
  preset({
    id: 'curation',
    title: 'Curation optimises a reward and narrows',
    explanation:
      'Every synthetic sample is picked by a curator from K = 2 samples of the previous model, the one nearer the target x* = (2, 0) (the ring\'s rightmost cluster, circled in the pictures) more likely: P(pick) ∝ exp(−‖x − x*‖²/β), β = 2, as people pick the best of several generated images. Each generation learns the curator\'s taste a little more: the mean reward (minus the squared distance of the samples to the target) climbs from about −8 to 0, while the other clusters die out (modes 8 → 1) and recall (diversity) falls to about 0.',
    finding:
      'Retraining on curated samples maximises the expected reward (Bradley–Terry choice among K candidates), at the cost of diversity: the model collapses onto what the curator rewards (Ferbach et al. 2024, arXiv 2407.09499).',
    headline: ['reward', 'recall'],
    base: { curationK: 2, curationBeta: 2, targetX: 2, targetY: 0, generations: 20 },
    runs: [{ loop: 'fully-synthetic' }],
  }),
  preset({
    id: 'curation-real',
    title: 'Real data keeps curation stable',
    explanation:
      'The same curator (K = 2, β = 2, target at the rightmost cluster) in two loops. Fully synthetic, the model collapses onto the target (modes 8 → 1). With 100 fresh real samples beside the 100 curated ones in every generation, the reward still improves (from about −7.7 to about −5.4) and then holds steady, and all 8 clusters stay: the real half of each training set keeps the loop from collapsing.',
    finding: 'With a positive share of real data in every generation, the curated loop is stable: it improves the reward without collapsing (Ferbach et al. 2024, arXiv 2407.09499).',
    headline: ['reward', 'modes'],
    base: { curationK: 2, curationBeta: 2, targetX: 2, targetY: 0, nReal: 100, nSyn: 100, generations: 20 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh' }],
  }),
  preset({
    id: 'verifier',
    title: 'A verifier prevents collapse — or bends it',
    explanation:
      'Three fully synthetic loops of a kernel density estimate (KDE: each training point smeared into a blob wider than the ring\'s clusters, so every fit blurs the data). Without a verifier the blur piles up: precision (the share of samples that look real) falls from about 0.75 to 0.15 in 20 generations. A verifier that keeps only samples on the real data\'s support (and draws again until 400 pass) holds precision near 0.65. A biased verifier, which knows only the right half of the data (first coordinate ≥ 0), bends the loop to its own idea of the data: the left clusters vanish at once (modes 8 → 5 and fewer), while precision stays high.',
    finding:
      'Keeping only synthetic samples that a good verifier accepts prevents model collapse; a verifier with its own bias pulls the loop towards what it accepts, not towards the real data (Feng et al. 2024, arXiv 2406.07515).',
    headline: ['precision', 'modes'],
    // The KDE of "A fixed real set only delays it" (0.3 × Scott's rule) blurs enough to see within
    // 20 generations; 400 synthetic points keep the film strip's contours cheap enough for the page.
    base: { learner: 'kde', bandwidth: 0.3, nIni: 200, nSyn: 400, generations: 20, replicates: 3 },
    runs: [{ verifier: 'off' }, { verifier: 'support' }, { verifier: 'biased' }],
  }),
  preset({
    id: 'correction',
    title: 'A self-correcting loop holds its shape',
    explanation:
      'Two fully synthetic loops of the blurring kernel density estimate (KDE) of "A verifier prevents collapse". In the second, every synthetic sample is corrected before the next model learns from it: moved half the way (γ = 0.5) to the nearest of 2,000 real points, as a physics simulator or an expert fixes generated data. Uncorrected, the blur piles up: precision (the share of samples that look real) falls from about 0.75 to 0.15 and the clusters melt together (modes 8 → about 3). Corrected, precision levels off near 0.55 and all the clusters stay. What the correction cannot fix is how much of each cluster the model keeps: those shares still drift from generation to generation, so the Fréchet distance grows in both loops.',
    finding:
      'A correction function that maps synthetic data back towards the real data’s manifold keeps a self-consuming loop stable, even when it trains on synthetic data alone (Gillman et al. 2024, “Self-correcting self-consuming loops”, arXiv 2402.07087).',
    headline: ['precision', 'modes'],
    // The verifier scenario's KDE and sizes, so the two ways of fixing synthetic data can be compared number for number.
    base: { learner: 'kde', bandwidth: 0.3, nIni: 200, nSyn: 400, generations: 20, replicates: 3, loop: 'fully-synthetic' },
    runs: [{ correction: 0 }, { correction: 0.5 }],
  }),
  // Models feeding each other (engine/loops/ecosystem.ts): the page's ring and mixture, four models.
  preset({
    id: 'ecosystem',
    title: 'Models feeding each other',
    explanation:
      'Four models side by side, each starting from its own 100 real samples, then trained only on synthetic data: 100 samples per generation. In the first run each eats only its own samples; in the second, three quarters of each model\'s samples come from the other three (25% from each). Alone, the models drift apart (the distance between models, the mean Fréchet distance over all pairs, grows from about 0.1 to about 4) and each collapses on its own: model 1 (the pictures and the other charts) loses its clusters and its recall falls to about 0. Sharing, the models stay alike (distance about 0.1 throughout) and collapse much more slowly: recall about 0.3 and 6 to 7 clusters left after 40 generations, as if one model were trained on all their samples.',
    finding:
      'Models that train on each other\'s output homogenise: their distributions converge to a common one, and pooling their samples slows the collapse of each without stopping it (Gao & Li 2025, arXiv 2505.21677; issue 17 §2).',
    headline: ['spread', 'recall'],
    base: { models: 4, nIni: 100, nSyn: 100, generations: 40, replicates: 10 },
    runs: [
      { loop: 'fully-synthetic', exchange: 0 },
      { loop: 'fully-synthetic', exchange: 0.75 },
    ],
  }),
  preset({
    id: 'web',
    title: 'The web fills with generated data',
    explanation:
      'The same four models, but now they publish: every generation each puts its 100 samples on a shared "web" that starts with the 400 real samples they were first fit on, and each trains on 100 samples scraped from it at random. The web fills with generated data: half of it is real after one round of publishing, 2.5% after 39 (4 × 100 real among 4 × 100 × 40). Yet nothing is thrown away, so the early samples, real ones among them, keep being scraped: model 1 keeps all 8 clusters and recall about 0.9 for 40 generations, and the models stay alike (distance about 0.1), where models that each eat only their own latest samples collapse (recall 0.94 → 0.01).',
    finding:
      'Training sets scraped from a growing pool that keeps earlier data, real and generated, do not collapse even as generated content comes to dominate the pool: accumulating data, rather than replacing it, bounds the error (Gerstgrasser et al. 2024, arXiv 2404.01413); the models that share the pool homogenise (Gao & Li 2025).',
    headline: ['recall', 'spread'],
    // Five replicates: the contrast is wide, and the web's pool makes its generations the slowest of the page's points.
    base: { models: 4, nIni: 100, nSyn: 100, generations: 40, replicates: 5 },
    runs: [
      { loop: 'fully-synthetic', exchange: 0 },
      { loop: 'fully-synthetic', web: 'on' },
    ],
  }),
  // MNIST: the page's MNIST defaults, one replicate of ten generations of a thousand digits with the
  // Gaussian mixture in principal components (pca-gmm), a generation in a second or two. The
  // measured figures (seed 1) are in the README, "Scenarios"; every MNIST scenario starts with the
  // same fully synthetic run, which the page computes once when one scenario follows another.
  preset({
    id: 'rare-words',
    title: 'Rare words vanish first',
    explanation:
      'A toy language model (word counts, a unigram model) of a 1,000-word language whose word frequencies follow a Zipf law, each generation refit on 5,000 words it generated itself. A word that happens not to be drawn has probability 0 from then on and never returns. The rare words go first: within ten generations the model has lost words carrying most of the rarest half’s probability, as each word’s chance of surviving the resampling predicts (dashed line), while the common words, and with them how varied its text looks (heterozygosity, the chance that two words differ), barely change and follow the dashed theory line.',
    finding:
      'Model collapse starts in the tails: improbable events vanish first, long before the bulk of the distribution changes (Shumailov et al., Nature 2024; Dohmatob et al. 2024). Without smoothing the loop is the Wright–Fisher chain: E[1 − Σq²] falls by (1 − 1/n) per generation.',
    headline: ['tailMass', 'heterozygosity'],
    base: { data: 'zipf', nIni: 5000, nSyn: 5000, generations: 100 },
    runs: [{ loop: 'fully-synthetic' }],
  }),
  // The other word scenarios share the rare-words run's sizes (5,000 words per generation), so that
  // their fully synthetic run is the same run (computed once on the page) and their numbers compare.
  preset({
    id: 'words-temperature',
    title: 'Temperature below 1 kills the tail faster',
    explanation:
      'Two toy language models side by side, each generation refit on 5,000 words it generated itself. The first samples its words as fitted (temperature λ = 1); the second at λ = 0.9, which favours the frequent words a little, as a sampling temperature below 1 does in a real language model. The sharpening compounds from generation to generation: by t = 10 the cooled model keeps almost none of the rarest half’s probability (rare-word mass kept about 0.003, against 0.14 at λ = 1) and about 40 words instead of 300, and by t = 20 it says one or two words over and over (word entropy near 0 bits, against about 6 bits at λ = 1).',
    finding:
      'Truncated or low-temperature sampling cuts the tail of each generation’s training data, and the loss compounds: the scaling law of the next model breaks and the distribution narrows to its head (Dohmatob et al., “A Tale of Tails”, 2024; MAD §3.2 for λ < 1).',
    headline: ['tailMass', 'wordEntropy'],
    base: { data: 'zipf', nIni: 5000, nSyn: 5000, generations: 20 },
    runs: [{ lambda: 1 }, { lambda: 0.9 }],
  }),
  preset({
    id: 'words-accumulate',
    title: 'Accumulating keeps the vocabulary',
    explanation:
      'Replace (fully synthetic) trains each generation only on the 5,000 words the model before it generated: words that happen not to be drawn are lost for good, and the vocabulary shrinks from about 750 words to about 60 in 100 generations. Accumulate keeps every word ever used, the 5,000 real ones included, and adds each generation’s 5,000 synthetic ones to the pool: a word once seen keeps a count above zero, so the model never loses a word (about 750 throughout) and keeps the rare-word mass it started with (0.61).',
    finding: 'Accumulating real and synthetic data keeps the error bounded, while replacing data collapses (Gerstgrasser et al. 2024, arXiv 2404.01413).',
    headline: ['alive', 'tailMass'],
    base: { data: 'zipf', nIni: 5000, nSyn: 5000, generations: 100 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'accumulate', nReal: 0 }],
  }),
  preset({
    id: 'words-fresh',
    title: 'A little fresh text holds it',
    explanation:
      'The same toy language model twice: once refit only on the 5,000 words it generated itself, once with 500 new real words added to every generation (fresh data, under a tenth of each training set). The fresh words bring back rare words that the model had lost, so after about ten generations the vocabulary settles at about 500 words and the rare-word mass kept at about 0.3, while the fully synthetic model keeps shrinking, to about 60 words and 0.02.',
    finding: 'With fresh real data in every generation the loop does not collapse: it settles at a limit set by how much real data comes in (MAD §5); Shumailov et al. (Nature 2024) saw only minor degradation when 10% of the original data stayed in every generation.',
    headline: ['alive', 'tailMass'],
    base: { data: 'zipf', nIni: 5000, nSyn: 5000, generations: 100 },
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh', nReal: 500 }],
  }),
  // Word models feeding each other (loops/ecosystem.ts): three unigram models, model 1 measured.
  preset({
    id: 'words-web',
    title: 'Language models that write the web keep its words',
    explanation:
      'Three runs of toy language models, each refit every generation on 1,000 words (the charts show model 1). Alone, a model keeps only the words it happened to write: its vocabulary falls from about 330 words to about 16 in 100 generations. Three models that swap half their text keep more of it, about 40 words, since each still says words the others forgot, and they grow alike (their distance falls from 0.33 to 0.10). Three models that publish everything to one web, which also keeps the real text they started from, and train on text scraped from it hold about 280 words and most of the rare-word mass: the web forgets nothing, so the words stay in reach.',
    finding:
      'Models that train on each other\'s output homogenise and still lose diversity (Gao & Li 2025), while a data pool that accumulates, real and generated together, bounds the loss even when generated text comes to dominate it (Gerstgrasser et al. 2024, arXiv 2404.01413).',
    headline: ['alive', 'spread'],
    base: { data: 'zipf', loop: 'fully-synthetic', models: 3, nIni: 1000, nSyn: 1000, generations: 100 },
    runs: [{ models: 1 }, { exchange: 0.5 }, { web: 'on' }],
  }),
  // Word curation (engine/text/word-reward.ts): English, so that the favourites read as words.
  preset({
    id: 'words-curation',
    title: 'Curating words keeps the favourites and loses the rest',
    explanation:
      'Two toy language models of the 1,000 most common English words, each generation refit on 5,000 words it generated itself. The first keeps every word it writes. For the second a curator picks each word from K = 2 words the model wrote, preferring one of the 50 most common English words (the, of, and, …; shaded in the pictures): with β = 1 such a word is e ≈ 2.7 times as likely to be picked as another. The share of those favourites in the model’s text (the curator’s reward) climbs from 0.59 to nearly 1 in 12 generations, along the dashed theory line, and the language shrinks onto them: about 50 words alive and no rare-word mass left, while the uncurated model still has about 270 words and keeps 0.13 of the rare-word mass.',
    finding:
      'Retraining on curated samples maximises the expected reward (Bradley–Terry choice among K candidates), at the cost of diversity: the model collapses onto what the curator rewards (Ferbach et al. 2024, arXiv 2407.09499).',
    headline: ['targetShare', 'alive'],
    base: { data: 'english', nIni: 5000, nSyn: 5000, generations: 12, curationK: 2, curationBeta: 1, targetWords: 50 },
    runs: [{ curationK: 1 }, { curationK: 2 }],
  }),
  preset({
    id: 'mnist-mad',
    title: 'Digits go MAD',
    explanation:
      'A Gaussian mixture (40 clusters of handwriting styles in the 50 directions along which digits vary most) learns from 1000 real handwritten digits; every later generation learns only from 1000 digits drawn by the one before. Its digits stay sharp and LeNet still finds all ten classes among them, but each fit keeps a little less of the variety it was shown: recall (the share of real handwriting that the samples cover) falls from about 0.6 to below 0.1 within ten generations, and the Fréchet distance in LeNet features, far above the grey "real vs real" line from the start, nearly triples.',
    finding: 'Without fresh real data, an autophagous loop loses diversity (recall) generation after generation (MAD §3, Fig. 1, 4).',
    headline: ['recall', 'fd'],
    base: MNIST_SCENARIO,
    runs: [{ loop: 'fully-synthetic' }],
  }),
  preset({
    id: 'mnist-fresh',
    title: 'Fresh digits hold steady',
    explanation:
      'The same loop twice: once on its own digits alone, once with 1000 new real digits in every generation next to the 1000 synthetic ones. With the fresh digits, recall stays between about 0.35 and 0.5 and the Fréchet distance levels off after the second generation, while the fully synthetic loop loses nearly all of its recall.',
    finding: 'With enough fresh real data per generation, a self-consuming loop does not degrade: its distance to the real data settles at a limit (MAD §5).',
    headline: ['recall', 'fd'],
    base: MNIST_SCENARIO,
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fresh' }],
  }),
  preset({
    id: 'mnist-augmentation',
    title: 'Fixed real digits hold for ten generations',
    explanation:
      'Synthetic augmentation trains every generation on the same 1000 real digits plus 1000 drawn by the previous model. Here the fixed real set holds the loop: after the second generation its recall and Fréchet distance stay level, while the fully synthetic loop loses nearly all of its recall. The paper\'s finding, that a fixed real set only delays the decline, does not show at this scale: half of every training set is real, and this mixture adds no error that builds up past that anchor. The paper saw the decline over more generations of large image generators (and its StyleGAN loop keeps every earlier generation\'s images, so the real share keeps shrinking). The 2-D scenario "A fixed real set only delays it" shows the delay with a learner whose blur builds up.',
    finding: 'A fixed set of real training data only delays the degradation of a self-consuming loop (MAD §4).',
    headline: ['recall', 'fd'],
    base: MNIST_SCENARIO,
    runs: [{ loop: 'fully-synthetic' }, { loop: 'augmentation' }],
  }),
  preset({
    id: 'mnist-lambda',
    title: 'λ < 1 keeps digits typical but loses their variety faster',
    explanation:
      'Two fully synthetic loops side by side: the first samples its mixture as fitted (λ = 1), the second with sampling bias λ = 0.5, which draws every digit closer to the centre of its cluster, like truncation or guidance in image models. With the bias, precision (the share of samples that look like real digits) stays at about 0.9 or above and ends near 1, but recall starts lower and is gone by the fourth generation, while the unbiased loop still covers some of the real variety then.',
    finding: 'With sampling bias, precision is maintained or even increases while recall decays faster than without bias (MAD §3.2, Fig. 6–7).',
    headline: ['precision', 'recall'],
    base: MNIST_SCENARIO,
    runs: [{ lambda: 1 }, { lambda: 0.5 }],
  }),
  // Verification of digits (engine/digits/digit-curation.ts): the biased verifier on the MNIST
  // scenarios' fully synthetic loop, whose first run the page has computed for the scenarios before.
  preset({
    id: 'mnist-verifier',
    title: 'A verifier with its own idea of a digit',
    explanation:
      'Two fully synthetic loops, each generation learning only from 1,000 digits drawn from the previous model. In the second a verifier screens the drawn digits first, keeping only those that LeNet (the classifier the metrics use) is at least 90% sure of and reads as 0, 1, 2, 3 or 4: a verifier with its own idea of what a digit is. Without it all ten digits stay while the handwriting loses its variety (recall falls from about 0.57 towards 0). With it the loop loses that variety too and, within two generations, half the digits: from t = 3 on it draws only 0–4 (classes 10 → 5), and the class entropy falls from about 3.3 bits to about 2.2, near log₂ 5.',
    finding:
      'Filtering synthetic data with a verifier steers the loop towards what the verifier accepts: a biased verifier pulls the model towards its own idea of the data, not towards the truth (Feng et al. 2024, "Beyond model collapse"; issue 17).',
    headline: ['classes', 'recall'],
    base: MNIST_SCENARIO,
    runs: [{ loop: 'fully-synthetic' }, { loop: 'fully-synthetic', verifier: 'biased' }],
  }),
  // Curation of digits (engine/digits/digit-curation.ts): five generations of 500 curated digits
  // keep the run to seconds per generation on WASM (four candidates per digit, scored by LeNet).
  preset({
    id: 'mnist-curation',
    title: 'Picking the best of K digits',
    explanation:
      'A curator looks at K = 4 digits drawn by the previous model and keeps one, the more likely the more surely LeNet (the classifier the metrics use) reads it as a 3: P(pick) ∝ p(3 | x), as people pick the best of several generated images. Each generation learns only from 500 such picks. The share of 3s among the model\'s digits climbs from about 8% to over 90% in five generations, and the mean reward ln p(3 | x) from about −11 towards 0, while the other digits die out (classes 10 → 3) and recall, the real handwriting the samples cover, falls from about 0.57 to nearly 0.',
    finding:
      'Retraining on curated samples maximises the expected reward, here a classifier\'s preference for one digit, at the cost of diversity: the model collapses onto what the curator rewards (Ferbach et al. 2024, arXiv 2407.09499).',
    headline: ['targetShare', 'recall'],
    base: { ...MNIST_SCENARIO, curationK: 4, curationBeta: 1, targetClass: 3, nSyn: 500, generations: 5 },
    runs: [{ loop: 'fully-synthetic' }],
  }),
];

export function presetById(id: string | null): Preset | null {
  return PRESETS.find((p) => p.id === id) ?? null;
}
