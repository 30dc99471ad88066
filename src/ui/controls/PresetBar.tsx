/**
 * The teaching scenarios as buttons, one topic at a time (the topic of the active scenario, or the
 * loops); and the active one's explanation and finding (ScenarioText). All scenarios at once took
 * five rows of buttons at 1280×720 and pushed the runs below the fold.
 */
import { useEffect, useRef, useState } from 'react';
import { domainOf } from '../../spec/domains';
import { PRESETS, type Preset, presetById } from '../presets';

const TOPICS = { loops: 'Loops', curation: 'Curation', models: 'Many models', digits: 'Digits (MNIST)', words: 'Words' } as const;
export type Topic = keyof typeof TOPICS;

/** Digits and words by their data; among the points, scenarios of several models, and those that curate, verify or correct synthetic data. */
export function topicOf(preset: Preset): Topic {
  const domain = domainOf(preset.base.data);
  if (domain === 'digits') return 'digits';
  if (domain === 'text') return 'words';
  const specs = [preset.base, ...preset.runs];
  if (specs.some((s) => (s.models ?? 1) > 1)) return 'models';
  return specs.some((s) => (s.curationK ?? 1) > 1 || (s.verifier ?? 'off') !== 'off' || (s.correction ?? 0) > 0) ? 'curation' : 'loops';
}

const BY_TOPIC = Object.fromEntries(Object.keys(TOPICS).map((t) => [t, PRESETS.filter((p) => topicOf(p) === t)])) as Record<Topic, Preset[]>;

interface Props {
  active: string | null;
  onPick: (preset: Preset) => void;
}

export function PresetBar({ active, onPick }: Props) {
  const activePreset = presetById(active);
  const [topic, setTopic] = useState<Topic>(activePreset ? topicOf(activePreset) : 'loops');
  // A scenario opened by a link or the keyboard shows its own topic.
  useEffect(() => {
    if (activePreset) setTopic(topicOf(activePreset));
  }, [activePreset]);
  // On a phone the scenarios scroll sideways: the chosen one is brought into the row's view (a
  // no-op where the row wraps). Not scrollIntoView, which could also scroll the page.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const row = list.current;
    const button = row?.querySelector<HTMLElement>('[aria-pressed=true]');
    if (!row || !button || row.scrollWidth <= row.clientWidth) return;
    const left = button.offsetLeft - row.offsetLeft;
    if (left < row.scrollLeft || left + button.offsetWidth > row.scrollLeft + row.clientWidth) row.scrollLeft = left - 8;
  }, [active, topic]);
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h2 id="presets-title" className="preset-lead">
        Scenarios:
      </h2>
      <div className="preset-topics" role="group" aria-label="Scenario topics">
        {(Object.keys(TOPICS) as Topic[]).map((t) => (
          <button key={t} type="button" aria-pressed={t === topic} data-testid={`preset-topic-${t}`} onClick={() => setTopic(t)}>
            {TOPICS[t]} <span className="count">{BY_TOPIC[t].length}</span>
          </button>
        ))}
      </div>
      {/* In the same wrapping row as the topics (two rows hold them at 1280×720); a row of its own on phones. */}
      <div className="preset-list" ref={list} role="group" aria-label={`${TOPICS[topic]} scenarios`}>
        {BY_TOPIC[topic].map((p) => (
          <button key={p.id} type="button" className="preset" data-testid={`preset-${p.id}`} aria-pressed={p.id === active} onClick={() => onPick(p)}>
            {p.title}
          </button>
        ))}
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
