/** A worker thread of `run`: runs the ranges of replicates it is sent and posts their values back. */
import { type ReplicateRangeJob, runRange } from './replicate-range';
import { serveJobs } from './thread-pool';

serveJobs((job: ReplicateRangeJob, _shared, report) => runRange(job, report));
