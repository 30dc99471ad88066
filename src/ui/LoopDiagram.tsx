/**
 * The self-consuming loop of one run, drawn to scale: where the training set D^t of generation t
 * comes from (real data — fresh each generation, one fixed set, or only at t = 1 — and samples of
 * G^{t−1}), the bar's real and synthetic parts in proportion, and the model G^t that feeds the next
 * generation, with what filters or corrects its samples on the way back (a curator, a verifier, a
 * corrector). A dot travels
 * the loop once per generation computed (not under reduced motion).
 */
import { modelLambdas } from '../engine/loops/ecosystem';
import { type Spec, fieldApplies } from '../spec/schema';
import { trainingComposition } from '../spec/validate';
import { REAL_COLOUR } from './charts/palette';
import { LOOP_NAMES, ecosystemStory, filterStory, loopStory } from './run-label';

const SOURCE: Record<Spec['loop'], string> = {
  'fully-synthetic': 'only at t = 1',
  augmentation: 'the same real set',
  fresh: 'new real data',
  accumulate: 'all data so far',
};

interface Props {
  spec: Spec;
  colour: string;
  /** The generation shown: the bar's proportions are those of D^t. */
  t: number;
  /** Generations computed so far: each new one sends the dot round the loop. */
  latest: number;
  animate: boolean;
}

const W = 160;
const H = 112;
const BAR = { x: 2, y: 46, w: 108, h: 16 };
const G = { x: 140, y: 54, r: 15 };
const RETURN_PATH = `M${G.x},${G.y + G.r} V${H - 18} H${BAR.x + 60} V${BAR.y + BAR.h + 3}`;

export function LoopDiagram({ spec, colour, t, latest, animate }: Props) {
  const shownT = Math.max(1, t);
  const { real, synthetic } = trainingComposition(spec, shownT);
  const total = Math.max(1, real + synthetic);
  const realW = (BAR.w * real) / total;
  const realFeeds = spec.loop !== 'fully-synthetic' || shownT <= 1;
  const filter = filterStory(spec);
  // Lines of the filter's text: the correction takes two.
  const filterLines = (spec.curationK > 1 ? 1 : 0) + (spec.verifier !== 'off' ? 1 : 0) + (spec.correction > 0 ? 2 : 0);
  const ecosystem = ecosystemStory(spec);
  const lambdas = fieldApplies('otherLambdas', spec) ? modelLambdas(spec) : [spec.lambda];
  const summary = `Loop: ${LOOP_NAMES[spec.loop]}. ${loopStory(spec)}${filter ? `; ${filter}` : ''}${ecosystem ? `; ${ecosystem}` : ''}. At t = ${shownT} the training set D^t holds ${real} real and ${synthetic} synthetic samples.`;
  const marker = `arrow-${colour.slice(1)}`;
  return (
    <figure className="loop-diagram" data-testid="loop-diagram" data-real={real} data-synthetic={synthetic}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} fontFamily="system-ui, sans-serif" fontSize={10}>
        <defs>
          {/* In user units, so the arrow heads keep their size whatever the line's width. */}
          <marker id={marker} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#555555" />
          </marker>
        </defs>
        <rect x={BAR.x} y={2} width={86} height={28} rx={4} fill="#ffffff" stroke={REAL_COLOUR} />
        <text x={BAR.x + 43} y={14} textAnchor="middle" fill="#1a1a1a" fontWeight={600}>
          real data
        </text>
        <text x={BAR.x + 43} y={26} textAnchor="middle" fill="#444444" fontSize={9}>
          {SOURCE[spec.loop]}
        </text>
        <line x1={BAR.x + 22} y1={30} x2={BAR.x + 22} y2={BAR.y - 1} stroke="#555555" strokeWidth={1.5} strokeDasharray={realFeeds ? undefined : '2 3'} markerEnd={realFeeds ? `url(#${marker})` : undefined} />
        <text x={BAR.x + 28} y={41} fill="#444444" fontSize={9}>
          {shownT <= 1 ? `n_ini = ${spec.nIni}` : spec.loop === 'fully-synthetic' ? 'none' : spec.loop === 'augmentation' ? `n_ini = ${spec.nIni} (same)` : `n_r = ${spec.nReal} (new)`}
        </text>
        <rect x={BAR.x} y={BAR.y} width={BAR.w} height={BAR.h} fill="#ffffff" stroke="#888888" />
        <rect x={BAR.x} y={BAR.y} width={realW} height={BAR.h} fill={REAL_COLOUR} data-part="real" />
        <rect x={BAR.x + realW} y={BAR.y} width={BAR.w - realW} height={BAR.h} fill={colour} fillOpacity={0.75} data-part="synthetic" />
        <text x={BAR.x + 2} y={BAR.y + 11.5} fill="#ffffff" fontSize={9} fontWeight={600}>
          Dᵗ
        </text>
        <line x1={BAR.x + BAR.w + 1} y1={G.y} x2={G.x - G.r - 1} y2={G.y} stroke="#555555" strokeWidth={1.5} markerEnd={`url(#${marker})`} />
        <circle cx={G.x} cy={G.y} r={G.r} fill={colour} />
        <text x={G.x} y={G.y + 4} textAnchor="middle" fill="#ffffff" fontWeight={700} fontSize={12}>
          Gᵗ
        </text>
        <path d={RETURN_PATH} fill="none" stroke={colour} strokeWidth={1 + 3 * (synthetic / total)} markerEnd={`url(#${marker})`} />
        {/* Anchored at the right edge: a four- or five-digit n_s grows to the left, inside the loop. */}
        <text x={W - 1} y={H - 22} textAnchor="end" fill="#1a1a1a" fontSize={9}>
          n_s = {spec.nSyn} samples
        </text>
        <text x={BAR.x} y={H - 3} fill="#444444" fontSize={9}>
          {/* A scrape of the shared web (loops/ecosystem.ts) mixes real and generated samples in unknown shares. */}
          {ecosystem && spec.web === 'on' && shownT > 1 ? `Dᵗ: ${real ? `${real} real + ` : ''}${synthetic} scraped from the web` : `Dᵗ: ${real} real + ${synthetic} synthetic`}
        </text>
        {filter && (
          // What filters the samples on their way back (curation, verification), beside the real-data box.
          <text x={W - 2} y={14} textAnchor="end" fill="#1a1a1a" fontSize={8} data-testid="loop-filter">
            {spec.curationK > 1 && <tspan x={W - 2}>1 of K = {spec.curationK} picked</tspan>}
            {spec.verifier !== 'off' && (
              <tspan x={W - 2} dy={spec.curationK > 1 ? 11 : 0}>
                {spec.verifier === 'biased' ? 'biased verifier' : 'verified'}
              </tspan>
            )}
            {spec.correction > 0 && (
              // Two short lines: one would run into the real-data box.
              <>
                <tspan x={W - 2} dy={spec.curationK > 1 || spec.verifier !== 'off' ? 11 : 0}>
                  corrected,
                </tspan>
                <tspan x={W - 2} dy={11}>
                  γ = {spec.correction}
                </tspan>
              </>
            )}
          </text>
        )}
        {ecosystem && (
          // How many models share their samples: beside the real-data box, or in one line under the filter's.
          <text x={W - 2} y={filter ? 14 + 11 * Math.max(2, filterLines) : 14} textAnchor="end" fill="#1a1a1a" fontSize={8} data-testid="loop-models">
            <tspan x={W - 2}>{filter ? `M = ${spec.models},` : `M = ${spec.models} models`}</tspan>
            <tspan x={filter ? undefined : W - 2} dx={filter ? 3 : undefined} dy={filter ? 0 : 11}>
              {spec.web === 'on' ? 'on a shared web' : spec.mixing !== '' ? 'mixing matrix' : `${Math.round(100 * spec.exchange)}% shared`}
            </tspan>
          </text>
        )}
        {lambdas.some((l) => l < 1) && (
          // Inside the loop, under Gᵗ: the bias is applied where Gᵗ is sampled, and the line below holds n_s.
          // Models feeding each other with λ of their own list them, model 1's first.
          <text x={G.x - G.r - 2} y={G.y + G.r + 10} textAnchor="end" fill="#1a1a1a" fontSize={9} data-testid="loop-lambda">
            λ = {new Set(lambdas).size === 1 ? spec.lambda : lambdas.join(', ')}
          </text>
        )}
        {animate && latest > 0 && (
          // Keyed by the generation: a new element restarts the motion once per generation computed.
          <circle key={latest} r={3.5} fill={colour} stroke="#ffffff" strokeWidth={1}>
            <animateMotion dur="0.7s" repeatCount="1" fill="freeze" path={RETURN_PATH} />
          </circle>
        )}
      </svg>
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}
