/** A worker thread of `sweep`: computes the cells it is sent against the sweep's baseline. */
import type { Baseline } from '../engine/admissibility/baseline';
import { computeCell } from '../engine/admissibility/sweep';
import type { Spec } from '../spec/schema';
import { serveJobs } from './thread-pool';

serveJobs((spec: Spec, baseline: Baseline) => computeCell(spec, baseline));
