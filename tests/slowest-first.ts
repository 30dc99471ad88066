/**
 * Test files in the order that finishes soonest on two lanes: the longest files first.
 * Vitest orders files by the durations it cached on an earlier run; a clean clone (CI) has none,
 * and then keeps the order of the names, which left the 1½–2½-minute scenarios file for the end
 * while the other lane sat idle (browser phase 346–358 s for 310 s of work per lane).
 */
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files of each project, longest first (seconds in a clean-clone CI run on the project
 * machine, 2026-11-30 evening). Browser: 122, 69, 77, 68, 52, 38, 41, 27. Unit: 38, 50 (before
 * its loop was cut to four generations), 16, 14, 11, 11, 9, 9: the unit phase ended on a 14 s
 * file started late while the other lane sat idle.
 */
const LONGEST = [
  ...['presets', 'neural', 'mnist-scenarios', 'explorer', 'one-screen', 'share', 'lab', 'access'],
  ...['digits-generators', 'neural-gan', 'neural-experiment', 'digits-experiment', 'pca-gmm', 'cli', 'digit-metrics', 'neural-diffusion'],
];

function rank(file: TestSpecification): number {
  const i = LONGEST.indexOf(basename(file.moduleId, '.test.ts'));
  return i < 0 ? LONGEST.length : i;
}

export class SlowestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // A stable sort: projects keep their order, and the other files the one vitest chose.
    return (await super.sort(files)).map((file, i) => ({ file, i })).sort((a, b) => (a.file.project.name === b.file.project.name ? rank(a.file) - rank(b.file) || a.i - b.i : a.i - b.i)).map(({ file }) => file);
  }
}
