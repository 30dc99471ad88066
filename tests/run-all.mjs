// The whole test suite: the typecheck and the build run beside the unit tests (they take a
// fraction of a core for seconds), then the browser tests against the built page. Unit and
// browser tests side by side starved the training tests of CPU on two cores (slower in all, and
// red), so those two run one after the other. Prints one closing line "N passed, N failed" (CI
// reads it); a failed typecheck or build counts as one failed test.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;

/**
 * Runs a command and resolves to whether it succeeded. Its output goes to the console as it
 * comes, or, `held` (a step beside the unit tests), all at once when it ends, so the two do not
 * interleave line by line.
 */
function step(name, command, args, held = false) {
  const title = `\n── ${name}: ${command} ${args.join(' ')}`;
  if (!held) console.log(title);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: false });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    const end = (ok) => {
      if (held) console.log(`${title}\n${Buffer.concat(output).toString().trimEnd()}\n── ${name}: ${ok ? 'ok' : 'FAILED'}`);
      resolve(ok);
    };
    child.on('close', (code) => end(code === 0));
    child.on('error', () => end(false));
  });
}

/** Runs one vitest project and counts its report. */
async function vitest(project) {
  const out = `${results}/${project}.json`;
  rmSync(out, { force: true });
  const started = Date.now();
  await step(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
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

/** A step that counts as one test. */
async function checked(name, command, args) {
  const ok = await step(name, command, args, true);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

const started = Date.now();
// The build writes dist/ only, which no unit test reads.
const [, , built] = await Promise.all([checked('typecheck', 'npm', ['run', 'typecheck']), vitest('unit'), checked('build', 'npm', ['run', 'build'])]);
if (built) await vitest('browser');
console.log(`\nsuite: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
