/**
 * MAD Lab command line: `run` prints the run document of one experiment as JSON on stdout.
 * On any error nothing is written to stdout, the messages go to stderr and the exit code is 2.
 */
import { availableParallelism } from 'node:os';
import { fieldApplies, specFields } from '../engine/spec/schema';
import { normaliseSpec } from '../engine/spec/validate';
import { parseArgs } from './args';
import { helpText } from './help';
import { runDocument } from './parallel-run';

/** Below this many replicates, starting threads costs more than it saves. */
const THREAD_MIN_REPLICATES = 100;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const USAGE_ERROR = 2;

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
    if (!fieldApplies(key, spec)) io.err(`note: --${specFields[key].flag} has no effect with --data ${spec.data} --learner ${spec.learner} --loop ${spec.loop}\n`);

  const threads = args.threads ?? (spec.replicates >= THREAD_MIN_REPLICATES ? availableParallelism() : 1);
  io.out(`${JSON.stringify(await runDocument(spec, threads))}\n`);
  return 0;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run') return run(rest, io);
  if (command === undefined || command === '--help' || command === '-h') {
    io.out(`${helpText()}\n`);
    return 0;
  }
  return failure(io, [`unknown command ${JSON.stringify(command)}; allowed: run (see --help)`]);
}
