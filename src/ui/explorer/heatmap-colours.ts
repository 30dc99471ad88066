/**
 * How cells are coloured. n_e / n_r on a diverging scale of log₂ of the ratio, centred on 1, red
 * below (synthetic data hurt) and blue above (helped): ColorBrewer's RdBu, one of its
 * colour-blind-safe diverging schemes. The two sides are scaled apart (piecewise), so a sweep
 * whose ratios run from 1/40 to 2 still shows its admissible side in full strength; the legend's
 * midpoint is always 1. Final FD, precision and recall use cividis, designed to read the same
 * with colour-vision deficiencies, with the better end bright.
 */
import { interpolateCividis, interpolateRdBu, lab, scaleLinear, scaleLog } from 'd3';
import { type CellResult, type PointCellResult, type WordCellResult, isWordCell } from '../../engine/admissibility/sweep';
import { formatNumber } from '../charts/format';
import type { ColourBy } from './explorer-state';

export interface Colouring {
  /** Short name, for cell labels. */
  name: string;
  value: (r: CellResult) => number;
  colour: (v: number) => string;
  /** The number printed in a cell. */
  format: (v: number) => string;
  legend: {
    title: string;
    /** Words at the low and high ends of the bar. */
    low: string;
    high: string;
    /** Colour at position t ∈ [0, 1] along the bar. */
    at: (t: number) => string;
    ticks: { t: number; label: string }[];
  };
}

/** Ink or white, whichever reads on the fill. */
export function textColour(fill: string): string {
  return lab(fill).l < 55 ? '#ffffff' : '#1a1a1a';
}

function ratioLabel(log2: number): string {
  return log2 >= 0 ? String(2 ** log2) : `1/${2 ** -log2}`;
}

function ratioColouring(results: CellResult[]): Colouring {
  const logs = results.map((r) => Math.log2(r.ratio.value)).filter(Number.isFinite);
  // At least a factor of 2 each side, so near-1 sweeps are not painted in full strength.
  const lo = Math.min(-1, ...logs);
  const hi = Math.max(1, ...logs);
  // Diverging, piecewise: lo → 0, ratio 1 → ½, hi → 1.
  const position = (log2: number) => Math.min(1, Math.max(0, log2 < 0 ? 0.5 * (1 - log2 / lo) : 0.5 + (0.5 * log2) / hi));
  const ticks: Colouring['legend']['ticks'] = [];
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  for (let k = Math.ceil(lo); k <= Math.floor(hi); k++) if (k % step === 0) ticks.push({ t: position(k), label: ratioLabel(k) });
  return {
    name: 'n_e / n_r',
    value: (r) => r.ratio.value,
    colour: (v) => interpolateRdBu(position(Math.log2(v))),
    format: (v) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : Number(v.toPrecision(2)).toString()),
    legend: {
      title: 'n_e / n_r, the real samples the loop is worth per fresh real sample',
      low: 'synthetic data hurt: inadmissible',
      high: 'synthetic data helped: admissible',
      at: interpolateRdBu,
      ticks,
    },
  };
}

/** A measure of the other domain is not a number for a cell (grey). */
const point = (pick: (r: PointCellResult) => number) => (r: CellResult) => (isWordCell(r) ? NaN : pick(r));
const word = (pick: (r: WordCellResult) => number) => (r: CellResult) => (isWordCell(r) ? pick(r) : NaN);

/** `scale`: distances span decades (log, the smaller end bright); shares are [0, 1]; counts span the sweep's range. */
const FINAL: Record<Exclude<ColourBy, 'ratio'>, { pick: (r: CellResult) => number; name: string; title: string; better: 'low' | 'high'; scale: 'log' | 'share' | 'count' }> = {
  fd: { pick: point((r) => r.finalFd), name: 'final FD', title: 'Fréchet distance to P_r at the last generation T', better: 'low', scale: 'log' },
  precision: { pick: point((r) => r.finalPrecision), name: 'final precision', title: 'precision (quality) at the last generation T', better: 'high', scale: 'share' },
  recall: { pick: point((r) => r.finalRecall), name: 'final recall', title: 'recall (diversity) at the last generation T', better: 'high', scale: 'share' },
  tv: { pick: word((r) => r.finalTv), name: 'final TV', title: 'total variation to the real word distribution at the last generation T', better: 'low', scale: 'log' },
  alive: { pick: word((r) => r.finalAlive), name: 'words alive', title: 'words G^T can still produce (q_i > 0), mean over replicates', better: 'high', scale: 'count' },
  tailMass: { pick: word((r) => r.finalTailMass), name: 'rare-word mass', title: 'real probability of the rarest half of the words that G^T can still produce, as a share', better: 'high', scale: 'share' },
};

/** Ticks of a log scale: the powers of ten in [lo, hi], with 2× and 5× where there are fewer than three. */
function logTicks(lo: number, hi: number): number[] {
  const within = (mantissas: number[]) => {
    const ticks: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++)
      for (const m of mantissas) {
        const v = Number((m * 10 ** k).toPrecision(6));
        if (v >= lo && v <= hi) ticks.push(v);
      }
    return ticks;
  };
  const decades = within([1]);
  return decades.length >= 3 ? decades : within([1, 2, 5]);
}

function finalColouring(by: Exclude<ColourBy, 'ratio'>, results: CellResult[]): Colouring {
  const { pick, name, title, better, scale } = FINAL[by];
  let position: (v: number) => number;
  let ticks: number[];
  if (scale === 'log') {
    // Distances span decades: a log scale over the sweep's range, the smaller (better) end bright.
    const values = results.map(pick).filter((v) => v > 0 && Number.isFinite(v));
    const lo = values.length ? Math.min(...values) : 1e-3;
    const hi = values.length ? Math.max(...values) : 1;
    const domain = lo === hi ? [lo / 2, hi * 2] : [lo, hi];
    position = scaleLog().domain(domain).range([1, 0]).clamp(true);
    ticks = logTicks(domain[0], domain[1]);
  } else if (scale === 'count') {
    const values = results.map(pick).filter(Number.isFinite);
    const lo = values.length ? Math.min(...values) : 0;
    const hi = values.length ? Math.max(...values) : 1;
    const linear = scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).nice(5);
    position = linear.copy().range([0, 1]).clamp(true);
    ticks = linear.ticks(5);
  } else {
    position = scaleLinear().domain([0, 1]).range([0, 1]).clamp(true);
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  }
  return {
    name,
    value: pick,
    colour: (v) => (Number.isFinite(v) ? interpolateCividis(position(v)) : '#bbbbbb'),
    format: (v) => (scale === 'log' ? formatNumber(Number(v.toPrecision(2))) : scale === 'count' ? v.toFixed(0) : v.toFixed(2)),
    legend: {
      title,
      low: better === 'low' ? 'worse: larger distance' : 'worse',
      high: better === 'low' ? 'better: smaller distance' : 'better',
      at: interpolateCividis,
      ticks: ticks.map((v) => ({ t: position(v), label: formatNumber(v) })).sort((a, b) => a.t - b.t),
    },
  };
}

export function colouring(by: ColourBy, results: CellResult[]): Colouring {
  return by === 'ratio' ? ratioColouring(results) : finalColouring(by, results);
}

/** Cells not computed yet. */
export const PENDING_FILL = '#eeeeee';
