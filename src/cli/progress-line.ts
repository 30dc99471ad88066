/**
 * How far a long run or sweep has come, on a terminal's stderr: one line written over in place, a
 * few times a second at most, only once the work has taken a moment (a quick run prints nothing),
 * and wiped before the document goes to stdout, so that the terminal is left with the result.
 */
import { duration, timeLeft } from '../results/duration';

/** Work done sooner than this shows no progress. */
const FIRST_AFTER_MS = 1000;
/** Redrawing more often than this only flickers. */
const EVERY_MS = 250;

/** Moves to the line's start and, after the text, clears what a longer earlier line left. */
const START = '\r';
const CLEAR_TO_END = '\x1b[K';

/** What `--help` says of it. */
export const PROGRESS_HELP = 'Where stderr is a terminal, a run or sweep taking more than a second shows how far it has come there, on one line wiped before the document is printed.';

export class ProgressLine {
  private readonly start: number;
  private shownAt: number | null = null;

  /** `what(done, total)` says what is counted: "run: 24% of …", "sweep: cell 7 of 48". */
  constructor(
    private readonly write: (text: string) => void,
    private readonly what: (done: number, total: number) => string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  update(done: number, total: number): void {
    const now = this.now();
    const elapsedMs = now - this.start;
    if (done <= 0 || done >= total || elapsedMs < FIRST_AFTER_MS || (this.shownAt !== null && now - this.shownAt < EVERY_MS)) return;
    this.shownAt = now;
    const leftSeconds = ((elapsedMs / done) * (total - done)) / 1000;
    this.write(`${START}${this.what(done, total)} · ${duration(elapsedMs / 1000)} so far · ${timeLeft(leftSeconds)}${CLEAR_TO_END}`);
  }

  /** Wipes the line, if one was written. */
  end(): void {
    if (this.shownAt !== null) this.write(`${START}${CLEAR_TO_END}`);
  }
}
