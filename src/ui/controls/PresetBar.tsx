/** The teaching scenarios as buttons; and the active one's explanation and finding (ScenarioText). */
import { domainOf } from '../../spec/domains';
import { PRESETS, type Preset, presetById } from '../presets';

/** 2-D scenarios first, then those on MNIST digits, each group led by its name. */
const GROUPS: [string, Preset[]][] = [
  ['Scenarios:', PRESETS.filter((p) => domainOf(p.base.data) === 'points')],
  ['Digits (MNIST):', PRESETS.filter((p) => domainOf(p.base.data) === 'digits')],
  ['Words:', PRESETS.filter((p) => domainOf(p.base.data) === 'text')],
];

interface Props {
  active: string | null;
  onPick: (preset: Preset) => void;
}

export function PresetBar({ active, onPick }: Props) {
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h2 id="presets-title" className="visually-hidden">
        Scenarios
      </h2>
      <div className="preset-buttons">
        {GROUPS.map(([lead, presets]) => [
          <span key={lead} className="preset-lead" aria-hidden="true">
            {lead}
          </span>,
          ...presets.map((p) => (
            <button key={p.id} type="button" data-testid={`preset-${p.id}`} aria-pressed={p.id === active} onClick={() => onPick(p)}>
              {p.title}
            </button>
          )),
        ])}
      </div>
    </section>
  );
}

/** What the page shows of the data at hand: digits, clusters (marked by grey crosses) or a cloud of points. */
export type DataPicture = 'digits' | 'modes' | 'points' | 'words';

const WATCH: Record<DataPicture, string> = {
  digits: 'The first panel shows real handwritten digits: watch each loop’s digits blur, drift and lose classes, or hold their shape.',
  modes: 'Grey crosses mark the clusters of the real data: watch what each loop keeps of them.',
  points: 'The first panel shows the real data: watch each loop’s samples drift, shrink or spread, or stay like it.',
  words: 'The first panel shows the real word frequencies (a Zipf law, or English words): watch each loop’s rare words vanish from the tail, or stay.',
};

/** What the active scenario shows and the paper's finding behind it; without one, what the page shows. */
export function ScenarioText({ active, picture }: { active: string | null; picture: DataPicture }) {
  const preset = presetById(active);
  if (!preset)
    return (
      <div className="preset-text intro">
        <p>
          Each generation t, a model G<sup>t</sup> is {picture === 'digits' ? 'trained' : 'fit'} on its training data D<sup>t</sup>, and the next generation learns from{' '}
          {picture === 'digits' ? 'digits' : 'samples'} drawn from it. {WATCH[picture]}
        </p>
      </div>
    );
  return (
    <div className="preset-text" data-testid="preset-text">
      <h2 className="scenario-title">{preset.title}</h2>
      <p>{preset.explanation}</p>
      <p className="finding">
        <strong>The paper’s finding:</strong> {preset.finding}
      </p>
    </div>
  );
}
