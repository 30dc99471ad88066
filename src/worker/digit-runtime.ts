/**
 * MNIST for the worker's digit runs: the dataset (shipped with the page, fetched once per worker)
 * and the LeNet feature map of the metrics, loaded on the first digit run and kept.
 */
import type { DigitData } from '../neural/learner-factory';
import { fetchLenet } from '../neural/digits/lenet';
import { fetchMnist } from './mnist-fetch';

let loading: ReturnType<DigitData> | null = null;

/** Files in public/ are served under the page's base path; the worker resolves it against its origin. */
function baseUrl(): string {
  return new URL(import.meta.env.BASE_URL, self.location.origin).href;
}

export const digitData: DigitData = () => {
  loading ??= (async () => {
    const [mnist, features] = await Promise.all([fetchMnist(baseUrl()), fetchLenet(baseUrl())]);
    return { mnist, features };
  })();
  // A failed load (offline, a missing file) is reported, and the next run tries again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
};
