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
 * machine, 2026-12-01). Browser: 116, 90, 65, 48, 44, 43, 36, 28. Unit: 47, 34, 18, 13, 9, 7, 7, 6.
 */
const LONGEST = [
  ...['presets', 'mnist-scenarios', 'neural', 'explorer', 'one-screen', 'share', 'lab', 'curation'],
  ...['neural-gan', 'digits-generators', 'digits-experiment', 'neural-experiment', 'neural-diffusion', 'cli', 'digit-loop', 'digit-metrics'],
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
