/** A worker thread of the CLI: runs its range of replicates and posts the values back. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ReplicateRangeJob, runRange } from './replicate-range';

parentPort!.postMessage(await runRange(workerData as ReplicateRangeJob));
