/**
 * MNIST for the worker's digit runs: the dataset (shipped with the page, fetched once per worker)
 * and the LeNet feature map of the metrics, loaded on the first digit run and kept.
 */
import type { DigitData } from '../neural/learner-factory';
import { fetchLenet } from '../neural/digits/lenet';
import { fetchMnist } from './mnist-fetch';

let loading: ReturnType<DigitData> | null = null;

/** `assets`: the page's base URL (ends with '/'), under which it ships MNIST and LeNet (public/). */
export function digitData(assets: string): DigitData {
  return () => {
    loading ??= (async () => {
      const [mnist, features] = await Promise.all([fetchMnist(assets), fetchLenet(assets)]);
      return { mnist, features };
    })();
    // A failed load (offline, a missing file) is reported, and the next run tries again.
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
}
