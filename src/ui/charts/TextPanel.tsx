/**
 * One frame of the film strip for words: the rank–frequency plot on log–log axes, G^t's word
 * probabilities at each word's real rank (dots) over the exact real line (grey: Zipf, or English
 * word frequencies), and a line of
 * sample text under it with the rare words (the rarest half of the vocabulary) marked. A word
 * G^t has lost has probability 0 and no dot: the tail falling off is the dots ending early. SVG
 * only, so exports carry it as drawn.
 */
import { scaleLog } from 'd3';
import { memo, useLayoutEffect, useMemo } from 'react';
import { type DataKind, isRare, realWordProbabilities, wordOf } from '../../results/words';
import { PANEL_PX } from './FilmPanel';
import { markFirstGeneration } from './first-draw';

/** Room under the plot for the rank axis's labels, in panel pixels. */
const AXIS_PX = 40;

interface Props {
  title: string;
  /** The real words (their table must be loaded: wordDataReady). */
  data: DataKind;
  vocabulary: number;
  beta: number;
  /** G^t's word probabilities by id; null for the real panel (the line alone). */
  probabilities: Float64Array | null;
  /** Sample words (ids). */
  sample: Float64Array | null;
  colour: string;
  model: boolean;
  /** The curator's target words, the m most common (ranks 1..m), shaded on the rank axis; null without a curator. */
  target: number | null;
}

export const TextPanel = memo(function TextPanel({ title, data, vocabulary, beta, probabilities, sample, colour, model, target }: Props) {
  const p = useMemo(() => realWordProbabilities({ data, vocabulary, zipfBeta: beta }), [data, vocabulary, beta]);
  const real = data === 'english' ? 'English word frequencies (Brown corpus)' : 'Zipf';
  useLayoutEffect(() => {
    if (model && probabilities) markFirstGeneration();
  }, [model, probabilities]);

  const x = scaleLog().domain([1, Math.max(2, vocabulary)]).range([4, PANEL_PX - 4]);
  // From a tenth of the rarest word's real probability (a model's dots rarely fall lower: one
  // count in n) to above the most frequent word's, the same in every panel of the strip.
  const y = scaleLog()
    .domain([p[vocabulary - 1] / 10, Math.min(1, 2 * p[0])])
    .range([PANEL_PX - AXIS_PX, 4])
    .clamp(true);
  const line = `M${Array.from(p, (v, i) => `${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`).join('L')}`;
  const dots: [number, number][] = [];
  let alive = 0;
  if (probabilities)
    for (let i = 0; i < probabilities.length; i++)
      if (probabilities[i] > 0) {
        alive += 1;
        dots.push([x(i + 1), y(probabilities[i])]);
      }
  // Powers of ten, none so near the right edge that its label would be cut.
  const ticks = x.ticks().filter((t) => Math.log10(t) % 1 === 0 && x(t) < PANEL_PX - AXIS_PX / 2);
  const favourites = target !== null ? `; shaded: the curator’s ${target} target words` : '';
  const label = probabilities
    ? `${title}: probability of each word at its real rank, log–log; ${alive} of ${vocabulary} words still possible; grey: the real ${real} line${favourites}`
    : `${title}: the real ${real} distribution, probability against rank, log–log${favourites}`;
  const words = sample ? Array.from(sample) : [];
  return (
    <figure className="film-panel text-panel" data-export-block data-kind="words">
      <div className="plot square">
        <svg viewBox={`0 0 ${PANEL_PX} ${PANEL_PX}`} role="img" aria-label={label}>
          <rect x={0.5} y={0.5} width={PANEL_PX - 1} height={PANEL_PX - 1} fill="none" stroke="#bbbbbb" />
          {target !== null && (
            // Half a rank beyond the last target word, so that the band holds its dot.
            <rect data-target="" x={1} y={1} width={Math.max(2, x(Math.min(vocabulary, target + 0.5)) - 1)} height={PANEL_PX - AXIS_PX - 1} fill="#f2c14e" fillOpacity={0.25}>
              <title>{`the curator’s target words: ranks 1–${target}`}</title>
            </rect>
          )}
          <path d={line} fill="none" stroke="#777777" strokeWidth={3} data-reference />
          <g fill={colour} fillOpacity={0.7}>
            {dots.map(([cx, cy], i) => (
              <circle key={i} cx={cx} cy={cy} r={3} data-word />
            ))}
          </g>
          <text x={PANEL_PX - 10} y={36} textAnchor="end" fontSize={30} fill={colour} data-alive>
            {probabilities ? `${alive} words` : `${vocabulary} words`}
          </text>
          {ticks.map((t) => (
            <g key={t} transform={`translate(${x(t)},${PANEL_PX - AXIS_PX})`}>
              <line y2={7} stroke="#888888" />
              <text y={34} textAnchor={t === 1 ? 'start' : 'middle'} fontSize={28} fill="#555555" data-tick>
                {t >= 1000 ? `${t / 1000}k` : t}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption data-export-text>{title}</figcaption>
      <p className="sample-text" data-testid="sample-text">
        {words.map((id, i) => (
          <span key={i}>
            {i > 0 && ' '}
            {isRare(id, vocabulary) ? <mark title={`rank ${id + 1}: a rare word`}>{wordOf(data, id)}</mark> : wordOf(data, id)}
          </span>
        ))}
      </p>
    </figure>
  );
});
