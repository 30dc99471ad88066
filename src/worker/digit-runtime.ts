/**
 * MNIST for the worker's digit runs: the dataset (shipped with the page, fetched once per worker)
 * and the LeNet feature map of the metrics, loaded on the first digit run and kept.
 */
import type { DigitNetworks } from '../engine/digits/digit-loop';
import type { Spec } from '../engine/spec/schema';
import { digitLearnerFor } from '../neural/digits/learner-for';
import { fetchLenet } from '../neural/digits/lenet';
import { fetchMnist } from './mnist-fetch';

let loading: Promise<Omit<DigitNetworks, 'learner'>> | null = null;

/** `assets`: the page's base URL (ends with '/'), under which it ships MNIST and LeNet (public/). */
export async function digitNetworks(spec: Spec, assets: string): Promise<DigitNetworks> {
  loading ??= (async () => {
    const [mnist, features] = await Promise.all([fetchMnist(assets), fetchLenet(assets)]);
    return { mnist, features };
  })();
  // A failed load (offline, a missing file) is reported, and the next run tries again.
  loading.catch(() => {
    loading = null;
  });
  return { ...(await loading), learner: digitLearnerFor(spec) };
}
