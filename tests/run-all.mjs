// The whole test suite: typecheck and build (a failure there is cheapest to find), then the unit
// tests (Node) and the browser tests (headless chromium against the built page) side by side, so
// that both cores stay busy: the browser tests mostly wait on one page worker at a time. Each
// project's output is printed as one block when it ends. Prints one closing line
// "N passed, N failed" (CI reads it); a failed typecheck or build counts as one failed test.
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs one vitest project with its output held back, and counts its report. */
function vitest(project) {
  const out = `${results}/${project}.json`;
  rmSync(out, { force: true });
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', () => {
      console.log(`\n── ${project} tests (${((Date.now() - started) / 1000).toFixed(0)} s): npx ${args.join(' ')}`);
      process.stdout.write(Buffer.concat(chunks));
      count(project, out);
      resolve();
    });
  });
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
if (step('typecheck', 'npx', ['tsc', '-p', '.'])) passed += 1;
else failed += 1;
if (step('build', 'npm', ['run', 'build'])) {
  passed += 1;
  await Promise.all([vitest('unit'), vitest('browser')]);
} else {
  failed += 1;
  await vitest('unit');
}
console.log(`\nsuite: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
