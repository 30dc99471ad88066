/**
 * The phase diagram: one SVG rect per cell (a few hundred nodes at most, so SVG rather than
 * canvas, and the export gets vectors), coloured as picked, undetermined cells hatched, the
 * admissible boundary drawn over them once every cell is in, and the legend inside the SVG so an
 * exported figure carries it. It is drawn at the width it is shown, so text keeps its size from a
 * phone to a projector; colours and fonts are attributes, not CSS, so the export keeps them too.
 * Cells are buttons in one tab stop: arrow keys move between them, Enter opens the run.
 */
import { type KeyboardEvent, type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { formatNumber } from '../charts/format';
import { boundaryPath } from './boundary';
import { type Colouring, PENDING_FILL, textColour } from './heatmap-colours';
import { axisSymbol, axisTitle, cellName, VERDICT_WORDS } from './sweep-labels';
import type { SweepProgress } from './sweep-pool';

const M = { top: 8, right: 12, bottom: 50, left: 64 };
const INK = '#1a1a1a';
const HATCH = 'sweep-hatch';
/** Width of a character of the 11–12 px labels, for fitting text without measuring it. */
const CHAR = 6.4;
const LINE = 16;

interface Props {
  progress: SweepProgress;
  scheme: Colouring;
  /** Hatch undetermined cells: when colouring by n_e / n_r, whose interval decides them. */
  hatched: boolean;
  /** The cell whose numbers are shown (hovered or focused). */
  active: number | null;
  onActive: (index: number | null) => void;
  onOpen: (index: number) => void;
}

/** The width the diagram is shown at, followed as the page resizes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(720);
  useLayoutEffect(() => {
    const el = ref.current!;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  return [ref, Math.round(Math.min(960, Math.max(300, width)))];
}

/** Every k-th label, so labels never overlap. */
const every = (count: number, room: number, size: number) => Math.max(1, Math.ceil(count / Math.max(1, Math.floor(room / size))));

/** Words into lines of at most `chars` characters. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length + 1 <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function Heatmap({ progress, scheme, hatched, active, onActive, onOpen }: Props) {
  const [box, W] = useWidth();
  const { sweep, cells, results } = progress;
  const nx = sweep.x.values.length;
  const ny = sweep.y.values.length;
  const plotW = W - M.left - M.right;
  const plotH = Math.round(Math.min(420, Math.max(200, W * 0.55)));
  const cw = plotW / nx;
  const ch = plotH / ny;
  const [focus, setFocus] = useState(0);
  const rects = useRef<(SVGRectElement | null)[]>([]);
  const complete = progress.done === cells.length;
  const boundary = complete ? boundaryPath({ nx, ny, ratios: results.map((r) => r!.ratio.value) }, { left: M.left, top: M.top, cellWidth: cw, cellHeight: ch }) : '';
  const showNumbers = cw >= 36 && ch >= 16;
  const fontSize = Math.min(12, ch * 0.5);
  const cellX = (ix: number) => M.left + ix * cw;
  const cellY = (iy: number) => M.top + (ny - 1 - iy) * ch;
  const focusIndex = focus < cells.length ? focus : 0;

  const move = (e: KeyboardEvent) => {
    const { ix, iy } = cells[focusIndex];
    const step: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(focusIndex);
      return;
    }
    const d = step[e.key];
    if (!d) return;
    e.preventDefault();
    const next = Math.min(ny - 1, Math.max(0, iy + d[1])) * nx + Math.min(nx - 1, Math.max(0, ix + d[0]));
    setFocus(next);
    onActive(next);
    rects.current[next]?.focus();
  };

  // Axis titles in full where they fit, else the paper's symbol alone.
  const fits = (text: string, room: number) => text.length * CHAR <= room;
  const titles = { x: axisTitle(sweep.x.field, sweep.base.data), y: axisTitle(sweep.y.field, sweep.base.data) };
  const xTitle = fits(titles.x, plotW) ? titles.x : axisSymbol(sweep.x.field);
  const yTitle = fits(titles.y, plotH) ? titles.y : axisSymbol(sweep.y.field);
  const xEvery = every(nx, plotW, 48);
  const yEvery = every(ny, plotH, 16);
  const legend = legendLayout(W, M.top + plotH + M.bottom + 10, scheme, hatched);
  const hi = active === null ? null : cells[active];

  return (
    <div ref={box} className="heatmap-box">
      <svg
        className="heatmap-svg"
        width={W}
        height={legend.bottom}
        viewBox={`0 0 ${W} ${legend.bottom}`}
        fontFamily="system-ui, sans-serif"
        fontSize="12"
        data-testid="sweep-heatmap"
        data-complete={complete}
        aria-label={`Phase diagram over ${titles.x} (columns) and ${titles.y} (rows). Arrow keys move between cells; Enter opens a cell's run in the lab.`}
        role="group"
        onMouseLeave={() => onActive(null)}
      >
        <defs>
          <pattern id={HATCH} width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="7" stroke={INK} strokeOpacity="0.55" strokeWidth="1.6" />
          </pattern>
        </defs>
        <g onKeyDown={move}>
          {cells.map((cell, i) => {
            const r = results[i];
            const v = r ? scheme.value(r) : NaN;
            const words = r
              ? `n_e / n_r = ${formatNumber(r.ratio.value)}, ${VERDICT_WORDS[r.verdict]}${scheme.name === 'n_e / n_r' ? '' : `; ${scheme.name} ${scheme.format(v)}`}`
              : 'not computed yet';
            return (
              <rect
                key={i}
                ref={(el) => {
                  rects.current[i] = el;
                }}
                x={cellX(cell.ix)}
                y={cellY(cell.iy)}
                width={cw}
                height={ch}
                fill={r ? scheme.colour(v) : PENDING_FILL}
                stroke="#ffffff"
                strokeWidth={cw < 8 || ch < 8 ? 0 : 0.6}
                role="button"
                tabIndex={i === focusIndex ? 0 : -1}
                aria-label={`${cellName(cell, sweep.x.field, sweep.y.field)}: ${words}. Enter opens this run in the lab.`}
                data-testid="sweep-cell"
                data-ix={cell.ix}
                data-iy={cell.iy}
                data-ratio={r ? r.ratio.value : ''}
                data-verdict={r ? r.verdict : 'pending'}
                className="sweep-cell"
                onMouseEnter={() => onActive(i)}
                onFocus={() => {
                  setFocus(i);
                  onActive(i);
                }}
                onClick={() => onOpen(i)}
              />
            );
          })}
        </g>
        <g pointerEvents="none">
          {hatched &&
            cells.map((cell, i) =>
              results[i]?.verdict === 'undetermined' ? <rect key={i} x={cellX(cell.ix)} y={cellY(cell.iy)} width={cw} height={ch} fill={`url(#${HATCH})`} /> : null,
            )}
          {showNumbers &&
            cells.map((cell, i) => {
              const r = results[i];
              if (!r) return null;
              const v = scheme.value(r);
              return (
                <text key={i} x={cellX(cell.ix) + cw / 2} y={cellY(cell.iy) + ch / 2} dy="0.35em" textAnchor="middle" fontSize={fontSize} fill={textColour(scheme.colour(v))}>
                  {scheme.format(v)}
                </text>
              );
            })}
          {boundary && (
            <>
              <path d={boundary} fill="none" stroke="#ffffff" strokeWidth="6" strokeLinecap="round" />
              <path d={boundary} fill="none" stroke={INK} strokeWidth="3" strokeLinecap="round" data-testid="sweep-boundary" />
            </>
          )}
          {hi && <rect x={cellX(hi.ix) + 1.5} y={cellY(hi.iy) + 1.5} width={Math.max(1, cw - 3)} height={Math.max(1, ch - 3)} fill="none" stroke={INK} strokeWidth="3" />}
        </g>
        <g fill={INK} fontSize="11">
          {sweep.x.values.map((v, ix) =>
            ix % xEvery === 0 ? (
              <text key={ix} x={cellX(ix) + cw / 2} y={M.top + plotH + 15} textAnchor="middle">
                {formatNumber(v)}
              </text>
            ) : null,
          )}
          {sweep.y.values.map((v, iy) =>
            iy % yEvery === 0 ? (
              <text key={iy} x={M.left - 5} y={cellY(iy) + ch / 2} dy="0.35em" textAnchor="end">
                {formatNumber(v)}
              </text>
            ) : null,
          )}
        </g>
        <text x={M.left + plotW / 2} y={M.top + plotH + 36} textAnchor="middle" fill={INK} fontWeight="600">
          {xTitle} →
        </text>
        <text transform={`translate(14 ${M.top + plotH / 2}) rotate(-90)`} textAnchor="middle" fill={INK} fontWeight="600">
          {yTitle} →
        </text>
        {legend.content}
      </svg>
    </div>
  );
}

/** Ticks with room for their labels, from the left; a crowded one is left out. */
function spaced(ticks: Colouring['legend']['ticks'], barW: number): Colouring['legend']['ticks'] {
  const kept: Colouring['legend']['ticks'] = [];
  for (const tick of ticks) {
    const last = kept[kept.length - 1];
    if (!last || (tick.t - last.t) * barW >= ((last.label.length + tick.label.length) / 2) * CHAR + 8) kept.push(tick);
  }
  return kept;
}

/** The legend below the plot, laid out for the width: its title wrapped, the colour bar, its end words and the symbols, flowing onto more lines when narrow. */
function legendLayout(W: number, top: number, scheme: Colouring, hatched: boolean): { content: ReactNode; bottom: number } {
  const { legend } = scheme;
  const left = 16;
  const barW = Math.min(520, W - 2 * left - 16);
  const titleLines = wrap(`Colour: ${legend.title}`, Math.floor((W - 2 * left) / 6.8));
  const barTop = top + titleLines.length * LINE - 4;
  const low = `◀ ${legend.low}`;
  const high = `${legend.high} ▶`;
  const oneLine = (low.length + high.length) * CHAR + 24 <= barW;
  const wordsTop = barTop + 44;
  const swatchTop = wordsTop + (oneLine ? LINE + 10 : 2 * LINE + 10);
  // The symbols, placed left to right and wrapped.
  const symbols: [ReactNode, string][] = [
    [<line x1={0} x2={22} y1={-4} y2={-4} stroke={INK} strokeWidth="3" />, 'admissible boundary: n_e = n_r'],
    ...(hatched ? [[<rect x={4} y={-11} width={14} height={14} fill={`url(#${HATCH})`} stroke={INK} strokeWidth="0.5" />, 'undetermined: 95% interval contains 1'] as [ReactNode, string]] : []),
    [<rect x={4} y={-11} width={14} height={14} fill={PENDING_FILL} stroke={INK} strokeWidth="0.5" />, 'not computed yet'],
  ];
  let x = left;
  let y = swatchTop;
  const placed = symbols.map(([mark, text]) => {
    const width = 28 + text.length * CHAR;
    if (x > left && x + width > W - left) {
      x = left;
      y += LINE + 4;
    }
    const at = { x, y };
    x += width + 20;
    return (
      <g key={text} transform={`translate(${at.x} ${at.y})`}>
        {mark}
        <text x={28} y={0}>
          {text}
        </text>
      </g>
    );
  });
  const content = (
    <g fill={INK} data-testid="sweep-legend">
      {titleLines.map((line, i) => (
        <text key={i} x={left} y={top + i * LINE} fontWeight="600">
          {line}
        </text>
      ))}
      {Array.from({ length: 80 }, (_, i) => (
        <rect key={i} x={left + (i * barW) / 80} y={barTop} width={barW / 80 + 0.5} height={12} fill={legend.at((i + 0.5) / 80)} />
      ))}
      {spaced(legend.ticks, barW).map(({ t, label }) => (
        <g key={label}>
          <line x1={left + t * barW} x2={left + t * barW} y1={barTop} y2={barTop + 16} stroke={INK} />
          <text x={left + t * barW} y={barTop + 27} textAnchor="middle" fontSize="11">
            {label}
          </text>
        </g>
      ))}
      <g fontSize="11">
        <text x={left} y={wordsTop}>
          {low}
        </text>
        <text x={oneLine ? left + barW : left} y={oneLine ? wordsTop : wordsTop + LINE} textAnchor={oneLine ? 'end' : 'start'}>
          {high}
        </text>
        {placed}
      </g>
    </g>
  );
  return { content, bottom: y + 10 };
}
