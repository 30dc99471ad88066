/** The CLI run in-process as the tests read it: its exit code and all it wrote to stdout and stderr. */
import { runCli } from '../../src/cli/cli';

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
