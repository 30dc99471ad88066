/**
 * MAD Lab command line: `run` prints the run document of one experiment as JSON on stdout, `sweep`
 * the admissibility grid of many experiments, one per cell. On any error nothing is written to
 * stdout and the messages go to stderr: exit code 2 for bad flags or values, 1 for a run that
 * failed while computing. Where stderr is a terminal, a line there says how far a long run or
 * sweep has come.
 */
import { availableParallelism } from 'node:os';
import { checkSweep } from '../engine/admissibility/sweep';
import { simulationPath } from '../engine/loops/moment-experiment';
import { type Field, type Spec, type SpecKey, fieldApplies, specFields } from '../spec/schema';
import { normaliseSpec } from '../spec/validate';
import { parseArgs } from './args';
import { ProgressLine } from './progress-line';
import { helpText } from './help';
import { runDocument } from './parallel-run';
import { parseSweepArgs } from './sweep-args';
import { sweepHelpText } from './sweep-help';
import { runSweepDocument } from './sweep-run';

/** Below this many replicates, starting threads costs more than it saves. */
const THREAD_MIN_REPLICATES = 100;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Where a progress line may go: a terminal's stderr; absent where stderr is a file or a pipe. */
  progress?: (text: string) => void;
  /** The progress line's clock in milliseconds (performance.now where not given). */
  now?: () => number;
}

/** Computes with a progress line on `io.progress`, wiped before anything else is written. */
async function withProgress<T>(io: Io, what: (done: number, total: number) => string, work: (onProgress?: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  if (!io.progress) return work();
  const line = new ProgressLine(io.progress, what, io.now);
  try {
    return await work((done, total) => line.update(done, total));
  } finally {
    line.end();
  }
}

const USAGE_ERROR = 2;
/** A valid run that failed while computing (a fit that cannot succeed on these numbers). */
const RUN_FAILED = 1;

/**
 * Threads to use: as asked, but never more than the cores. Each thread holds its own copy of the
 * engine, so threads beyond the cores only add memory and switching.
 */
export function threadsToUse(asked: number | null, fallback: number, io: Io, cores = availableParallelism()): number {
  if (asked === null) return Math.min(fallback, cores);
  if (asked <= cores) return asked;
  io.err(`note: --threads ${asked} is more than the ${cores} cores here; using ${cores}\n`);
  return cores;
}

/** "note: --x has no effect with --data … --learner … --loop …", plus the fields whose values it waits for. */
function noEffect(key: SpecKey, spec: Spec): string {
  const field: Field = specFields[key];
  const context = [`--data ${spec.data}`, `--learner ${spec.learner}`, `--loop ${spec.loop}`];
  if (field.appliesWhen?.verifier) context.push(`--verifier ${spec.verifier}`);
  if (field.appliesWhen?.web) context.push(`--web ${spec.web}`);
  if (field.appliesWhen?.mixing) context.push(`--mixing ${spec.mixing || '""'}`);
  if (field.appliesAbove?.curationK !== undefined) context.push(`--curation-k ${spec.curationK}`);
  if (field.appliesAbove?.models !== undefined) context.push(`--models ${spec.models}`);
  return `note: --${field.flag} has no effect with ${context.join(' ')}\n`;
}

function failure(io: Io, messages: string[]): number {
  io.err(`${messages.map((m) => `error: ${m}`).join('\n')}\n`);
  return USAGE_ERROR;
}

async function run(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (!args.ok) return failure(io, args.issues.map((i) => i.message));
  if (args.help) {
    io.out(`${helpText()}\n`);
    return 0;
  }
  const checked = normaliseSpec(args.input);
  if (!checked.ok) return failure(io, checked.issues.map((i) => i.message));
  const spec = checked.value;
  for (const key of args.given)
    if (!fieldApplies(key, spec)) io.err(noEffect(key, spec));

  // The sufficient-statistics path finishes 2,000 replicates sooner than a thread starts.
  const shared = spec.replicates >= THREAD_MIN_REPLICATES && simulationPath(spec) === 'samples';
  const threads = threadsToUse(args.threads, shared ? availableParallelism() : 1, io);
  const what = (done: number, total: number) => `run: ${Math.floor((100 * done) / total)}% of ${spec.generations} generations × ${spec.replicates} replicates`;
  const document = await withProgress(io, what, (onProgress) => runDocument(spec, threads, onProgress));
  io.out(`${JSON.stringify(document)}\n`);
  return 0;
}

async function sweep(argv: string[], io: Io): Promise<number> {
  const args = parseSweepArgs(argv);
  if (!args.ok) return failure(io, args.issues.map((i) => i.message));
  if (args.help) {
    io.out(`${sweepHelpText()}\n`);
    return 0;
  }
  const checked = checkSweep(args.input);
  if (!checked.ok) return failure(io, checked.issues.map((i) => i.message));
  const { base, x, y } = checked.value;
  const swept = [x.field, y.field].flatMap((f) => (f === 'synFraction' ? ['nSyn', 'nReal'] : [f]));
  for (const key of args.given) {
    if (swept.includes(key)) io.err(`note: --${specFields[key].flag} is overridden by the sweep's axes\n`);
    else if (key === 'metrics') io.err('note: --metrics has no effect on a sweep: each cell computes what its verdict and colourings need\n');
    else if (!fieldApplies(key, base)) io.err(noEffect(key, base));
  }
  const threads = threadsToUse(args.threads, availableParallelism(), io);
  const document = await withProgress(io, (done, total) => `sweep: cell ${done} of ${total}`, (onProgress) => runSweepDocument(checked.value, threads, onProgress));
  io.out(`${JSON.stringify(document)}\n`);
  return 0;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run' || command === 'sweep') {
    try {
      return await (command === 'run' ? run(rest, io) : sweep(rest, io));
    } catch (error) {
      // The engine's message says what failed and why; a stack trace would only bury it.
      io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      return RUN_FAILED;
    }
  }
  if (command === undefined || command === '--help' || command === '-h') {
    io.out(`${helpText()}\n\nnpm run --silent cli -- sweep [flags]: the admissibility phase diagram as JSON (sweep --help)\n`);
    return 0;
  }
  return failure(io, [`unknown command ${JSON.stringify(command)}; allowed: run | sweep (see --help)`]);
}
