/**
 * A finished sweep as files: the JSON document exactly as `npm run cli -- sweep` prints it (so
 * either loads into the other's readers), and a CSV of one row per cell for spreadsheets.
 */
import { type SweepCellResult, type SweepResult, axisFields, isWordCell, sweepResult } from '../../engine/admissibility/sweep';
import type { SweepProgress } from './sweep-pool';

/** The document, once every cell is in. */
export function progressResult(p: SweepProgress): SweepResult | null {
  if (!p.baseline || p.done < p.cells.length) return null;
  return sweepResult(p.sweep, p.baseline, p.results as NonNullable<SweepProgress['results'][number]>[]);
}

/** The CLI's output: one line of JSON. */
export function sweepJson(result: SweepResult): string {
  return `${JSON.stringify(result)}\n`;
}

/** Words, not "=", "<", ">": a cell starting with "=" is a formula to a spreadsheet. */
const RELATION_WORDS = { '=': 'exact', '>': 'more than', '<': 'less than' } as const;

const POINT_COLUMNS = ['limit_fd', 'limit_fd_se', 'limit_meanSq', 'limit_meanSq_se', 'limit_trace', 'limit_trace_se', 'final_fd', 'final_precision', 'final_recall'];
const WORD_COLUMNS = ['limit_tv', 'limit_tv_se', 'final_tv', 'final_alive', 'final_tailMass'];

/** The columns a cell's domain has: its distance's limit and its measures at T. */
function domainColumns(c: SweepCellResult): number[] {
  if (isWordCell(c)) return [c.limit.tv.mean, c.limit.tv.se, c.finalTv, c.finalAlive, c.finalTailMass];
  const { fd, meanSq, trace } = c.limit;
  return [fd.mean, fd.se, meanSq.mean, meanSq.se, trace.mean, trace.se, c.finalFd, c.finalPrecision, c.finalRecall];
}

export function sweepCsv({ sweep, cells }: SweepResult): string {
  const words = cells.some(isWordCell);
  const header = [
    'ix',
    'iy',
    axisFields[sweep.x.field].flag,
    axisFields[sweep.y.field].flag,
    'reference',
    'n_e',
    'n_e_relation',
    'ratio',
    'ratio_relation',
    'ratio_low',
    'ratio_low_relation',
    'ratio_high',
    'ratio_high_relation',
    'verdict',
    'limit_method',
    'limit_from',
    'limit_to',
    ...(words ? WORD_COLUMNS : POINT_COLUMNS),
  ];
  const rows = cells.map((c) => {
    const { window, method } = c.limit;
    return [
      c.ix, c.iy, c.x, c.y, c.reference,
      c.nE.value, RELATION_WORDS[c.nE.relation], c.ratio.value, RELATION_WORDS[c.ratio.relation],
      c.interval[0].value, RELATION_WORDS[c.interval[0].relation], c.interval[1].value, RELATION_WORDS[c.interval[1].relation], c.verdict,
      method, window.from, window.to, ...domainColumns(c),
    ].join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
