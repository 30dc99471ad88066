// The whole test suite, in the order a failure is cheapest to find: typecheck, unit tests, build,
// browser tests against the built page (unit and browser tests side by side starved the training
// tests of CPU on two cores: slower in all, and red). Prints one closing line "N passed, N failed"
// (CI reads it); a failed typecheck or build counts as one failed test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;

function step(name, command, args) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
}

/** Runs one vitest project and counts its report. */
function vitest(project) {
  const out = `${results}/${project}.json`;
  rmSync(out, { force: true });
  const started = Date.now();
  step(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  console.log(`${project} tests: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  count(project, out);
}

function count(project, out) {
  if (!existsSync(out)) {
    failed += 1;
    console.log(`${project}: no report written`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0);
  if (report.numPendingTests + report.numTodoTests > 0) {
    console.log(`${project}: ${report.numPendingTests + report.numTodoTests} skipped or todo tests are not allowed`);
    failed += report.numPendingTests + report.numTodoTests;
  }
}

const started = Date.now();
if (step('typecheck', 'npm', ['run', 'typecheck'])) passed += 1;
else failed += 1;
vitest('unit');
if (step('build', 'npm', ['run', 'build'])) {
  passed += 1;
  vitest('browser');
} else failed += 1;
console.log(`\nsuite: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
