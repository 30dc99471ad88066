/** A worker thread of `sweep`: computes the cells it is sent, one message per cell. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Baseline } from '../engine/admissibility/baseline';
import { computeCell } from '../engine/admissibility/sweep';
import type { CellJob } from './sweep-run';

const { baseline } = workerData as { baseline: Baseline };
parentPort!.on('message', async ({ index, spec }: CellJob) => parentPort!.postMessage({ index, result: await computeCell(spec, baseline) }));
