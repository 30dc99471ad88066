/**
 * The lab page. React state holds what the URL holds (LabState); the runs themselves live in the
 * run store, fed by the workers and read once per animation frame. Whenever the settings change,
 * the affected runs restart and the address bar is rewritten, so it is always a share link.
 *
 * One screen tells the story: the scenario's text and the loop's controls on the left; the run
 * controls, each run's loop and film strip, and the headline chart on the right. The full metric
 * grid, tables, survival charts and exports follow below.
 */
import { type ReactNode, type SyntheticEvent, useEffect, useMemo, useState } from 'react';
import { mnistCredit } from '../engine/digits/idx';
import { englishCredit } from '../engine/text/corpus';
import type { RunDocument } from '../results/run-document';
import { domainEntry } from '../spec/domains';
import type { Spec, SpecKey } from '../spec/schema';
import { ExportPanel } from './ExportPanel';
import { Header } from './Header';
import { Notices } from './Notices';
import { pageMessage } from './messages';
import { RunPanel, RunSurvival } from './RunPanel';
import { HeadlineCharts, defaultHeadline } from './charts/HeadlineCharts';
import { MetricsGrid } from './charts/MetricsGrid';
import { MetricsTable } from './charts/MetricsTable';
import { CompareEditor } from './controls/CompareEditor';
import { DataInput } from './controls/DataInput';
import { PresetBar, ScenarioText } from './controls/PresetBar';
import { SpecControls } from './controls/SpecControls';
import { Transport } from './controls/Transport';
import { type BaseChange, changeBase } from './data-switch';
import { type LabState, type RunOverrides, SPEEDS, runSpecs } from './lab-state';
import { runColour } from './charts/palette';
import { type Preset, presetById } from './presets';
import type { MetricName } from '../results/metrics';
import { runLabel } from './run-label';
import { RunController, type WantedRun, showsWanted } from './runs/run-controller';
import { RunStore } from './runs/run-store';
import { useRuns } from './runs/use-runs';
import { useMediaQuery } from './use-media-query';
import { PAGE_RUNTIME, runtimeQuery } from './runtime-options';
import { URL_BUDGET, shareQuery } from './url-state';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.closest('input, select, textarea, button, summary, a, [contenteditable]') !== null);
}

/** What differs between a run's spec and the base, as overrides. */
function overridesOf(spec: Spec, base: Spec): RunOverrides {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec) as SpecKey[]) if (key in base && spec[key] !== base[key]) out[key] = spec[key];
  return out as RunOverrides;
}

interface Props {
  initial: LabState;
  notices: string[];
  /** Switches to the admissibility explorer, handing over the lab's state for when it comes back. */
  onExplorer: (lab: LabState) => void;
  /** Where this run came from (a cell of the explorer), shown above the runs; given the way back. */
  note?: (toExplorer: () => void) => ReactNode;
}

export function App({ initial, notices, onExplorer, note }: Props) {
  const [lab, setLab] = useState(initial);
  const [linkNotices, setLinkNotices] = useState(() => [...notices, ...PAGE_RUNTIME.notices]);
  const [switchNotice, setSwitchNotice] = useState<BaseChange['notice']>(null);
  const [scrub, setScrub] = useState<number | null>(null);
  const [paused, setPaused] = useState(false);
  const [chosenChart, setChosenChart] = useState<MetricName[] | null>(null);
  // Held here, not in the <details> elements: the settings move between the sidebar and the
  // folded "Settings" of narrow screens, and an open section stays open wherever it is drawn.
  const [openSections, setOpenSections] = useState({ settings: false, compare: false });
  const section = (name: keyof typeof openSections) => ({
    open: openSections[name],
    onToggle: (e: SyntheticEvent<HTMLDetailsElement>) => {
      const open = e.currentTarget.open;
      setOpenSections((s) => (s[name] === open ? s : { ...s, [name]: open }));
    },
  });
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const [store] = useState(() => new RunStore());
  const [controller] = useState(() => new RunController(store, SPEEDS[initial.speed]));
  const records = useRuns(store);
  // On phones, in embeds and on a projector the settings fold away so the runs come first.
  const compact = useMediaQuery('(max-width: 900px)') || lab.embed || lab.projector;

  const specs = useMemo(() => runSpecs(lab), [lab.base, lab.runs]);
  const wanted = useMemo<WantedRun[]>(
    () =>
      specs.map((s, i) => ({
        spec: s.ok ? s.spec : null,
        settings: { ...lab.base, ...lab.runs[i] },
        error: s.ok ? null : s.issues.map((issue) => pageMessage(issue.message)).join('; '),
        label: s.ok ? runLabel(lab.runs[i], s.spec) : `run ${i + 1} (invalid settings)`,
        colour: runColour(i),
      })),
    [specs, lab.runs],
  );
  useEffect(() => {
    controller.sync(wanted);
    setScrub(null);
  }, [controller, wanted]);
  // A new scenario brings its own headline chart.
  useEffect(() => setChosenChart(null), [lab.preset]);
  useEffect(() => controller.setDelay(SPEEDS[lab.speed]), [controller, lab.speed]);
  useEffect(() => () => controller.dispose(), [controller]);

  const runtimeParams = runtimeQuery(PAGE_RUNTIME.runtime);
  const link = useMemo(() => shareQuery(lab, `${location.origin}${location.pathname}?`.length + runtimeParams.length), [lab, runtimeParams]);
  useEffect(() => {
    history.replaceState(history.state, '', `${location.pathname}?${link.query}${runtimeParams}`);
  }, [link, runtimeParams]);

  const play = () => {
    controller.play();
    setPaused(false);
  };
  const pause = () => {
    controller.pause();
    setPaused(true);
  };
  const step = () => {
    controller.step();
    setPaused(true);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (controller.isPaused) play();
        else pause();
      } else if (e.key === '.') step();
      else if (e.key === 'r') controller.reset();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const setBase = (patch: Partial<Spec>) => {
    const change = changeBase(lab.base, lab.runs, patch);
    if ('data' in patch || 'learner' in patch) setSwitchNotice(change.notice);
    setLab((l) => ({ ...l, base: change.base, runs: change.runs, preset: null }));
  };
  const setRuns = (runs: RunOverrides[]) => setLab((l) => ({ ...l, runs, preset: null }));
  const pickPreset = (p: Preset) => {
    setSwitchNotice(null);
    setLab((l) => ({ ...l, base: p.base, runs: p.runs, preset: p.id }));
  };
  const loadDocuments = (docs: RunDocument[]) => {
    const base = docs[0].spec;
    const runs = docs.map((d) => overridesOf(d.spec, base));
    controller.load(
      docs,
      docs.map((d, i) => runLabel(runs[i], d.spec)),
      docs.map((_, i) => runColour(i)),
    );
    setLab((l) => ({ ...l, base, runs, preset: null }));
  };

  const latest = Math.max(0, ...records.map((r) => r.rows.length));
  const shown = scrub ?? latest;
  const hidden = (name: string) => lab.hidden.includes(name);
  // Data is never set per run, so the base decides whether the page shows digits.
  const mnist = domainEntry(lab.base.data).panel === 'digits';
  const english = lab.base.data === 'english';
  const fontSize = lab.projector ? 15 : 11;
  const denseClouds = Math.max(...records.map((r) => r.spec.nEval ?? 0)) > 3000;
  const pointRadius = (denseClouds ? 1 : 2) + (lab.projector ? 1 : 0);

  const scenario = presetById(lab.preset);
  const headlineMetrics = chosenChart ?? scenario?.headline ?? defaultHeadline(records);
  const picture = mnist ? 'digits' : domainEntry(lab.base.data).panel === 'text' ? 'words' : records.some((r) => r.modes) ? 'modes' : 'points';
  // The text and the settings are built again only when they change, not every time the runs are
  // drawn again: at full speed that is every few frames, and the settings are many controls.
  const scenarioText = useMemo(() => !lab.embed && <ScenarioText active={lab.preset} picture={picture} />, [lab.embed, lab.preset, picture]);
  const controls = useMemo(
    () => (
      <>
        <SpecControls
          base={lab.base}
          runs={lab.runs}
          hidden={lab.hidden}
          onChange={setBase}
          dataExtra={null}
          part="loop"
          onRun={(i, patch) => setRuns(lab.runs.map((r, j) => (j === i ? { ...r, ...patch } : r)))}
        />
        <details className="more-settings" data-testid="more-settings" {...section('settings')}>
          <summary>All settings: data, learner, run</summary>
          <SpecControls
            base={lab.base}
            runs={lab.runs}
            hidden={lab.hidden}
            onChange={setBase}
            part="rest"
            dataExtra={!hidden('data-input') && <DataInput current={lab.base.points} onUse={(points) => setBase({ data: 'points', points })} />}
          />
        </details>
        {link.pointsLeftOut && (
          <p className="help" role="status" data-testid="points-not-in-link">
            These {lab.base.points?.length} points are too many for a link (the address stays under {URL_BUDGET} characters), so the address bar leaves them out: share them as a run
            file instead (Save and load: Whole run, then Load a run).
          </p>
        )}
        {!hidden('compare') && (
          <details className="compare-section" {...section('compare')}>
            <summary id="compare-title">Compare runs ({lab.runs.length})</summary>
            <CompareEditor base={lab.base} runs={lab.runs} labels={wanted.map((w) => w.label)} hidden={lab.hidden} onChange={setRuns} />
          </details>
        )}
      </>
    ),
    // The setters it hands down read lab; section() reads openSections.
    [lab, wanted, link.pointsLeftOut, openSections],
  );
  // A switch of data kind changes other settings: its notice is shown above the runs, where the eye is.
  const switchBanner = switchNotice && <Notices title={switchNotice.title} notices={switchNotice.items} onDismiss={() => setSwitchNotice(null)} testId="switch-notice" />;

  return (
    <div className={`lab${lab.embed ? ' embed' : ''}${lab.projector ? ' projector' : ''}`}>
      <a className="skip-link" href="#run-controls" onClick={(e) => {
        e.preventDefault();
        document.querySelector<HTMLElement>('[data-testid=play-pause]')?.focus();
      }}>
        Skip to the run controls
      </a>
      {!lab.embed && (
        <Header view="lab" onView={() => onExplorer(lab)} projector={lab.projector} onProjector={(projector) => setLab((l) => ({ ...l, projector }))} />
      )}
      <Notices title="Some settings in this link could not be used:" notices={linkNotices} onDismiss={() => setLinkNotices([])} testId="url-notice" />
      {note?.(() => onExplorer(lab))}
      {!hidden('presets') && !lab.embed && <PresetBar active={lab.preset} onPick={pickPreset} />}
      <div className="layout">
        {compact ? null : (
          <aside className="controls" aria-label="Scenario and experiment settings">
            {scenarioText}
            {controls}
          </aside>
        )}
        <main className="results">
          <div id="run-controls">
            <Transport
              paused={paused}
              finished={records.length > 0 && records.every((r) => r.state === 'done' || r.state === 'error')}
              onPlay={play}
              onPause={pause}
              onStep={step}
              onReset={() => controller.reset()}
              speed={lab.speed}
              onSpeed={(speed) => setLab((l) => ({ ...l, speed }))}
              latest={latest}
              scrub={scrub}
              onScrub={setScrub}
              compact={lab.embed}
            />
          </div>
          {switchBanner}
          <div className={`stage stage-runs-${records.length}`}>
            <div className={`runs runs-${records.length}`}>
              {records.map((r, i) => (
                <RunPanel
                  key={i}
                  record={r}
                  index={i}
                  pending={!wanted[i] || !showsWanted(r, wanted[i])}
                  t={shown}
                  pointRadius={pointRadius}
                  animate={!reducedMotion && lab.speed !== 'max'}
                />
              ))}
            </div>
            <HeadlineCharts
              records={records.filter((r) => r.state !== 'error')}
              metrics={headlineMetrics}
              onMetrics={setChosenChart}
              tMark={shown}
              fontSize={fontSize}
            />
          </div>
          {mnist && (
            <p className="credit" data-testid="mnist-credit">
              {mnistCredit}
            </p>
          )}
          {english && (
            <p className="credit" data-testid="english-credit">
              {englishCredit}
            </p>
          )}
          {compact && (
            <>
              {scenarioText}
              <details className="controls compact-controls">
                <summary>Settings</summary>
                {controls}
              </details>
            </>
          )}
          <MetricsGrid records={records.filter((r) => r.state !== 'error')} tMark={shown} fontSize={fontSize} />
          <section className="survival" aria-label="Which modes or classes survive, run by run">
            {records.map((r, i) => (
              <RunSurvival key={i} record={r} index={i} t={shown} />
            ))}
          </section>
          <section className={`tables${hidden('tables') ? ' visually-hidden' : ''}`} aria-labelledby="tables-title">
            <h2 id="tables-title">Metrics per generation</h2>
            {records.map((r, i) => (
              <details key={i} className="table-view">
                <summary>
                  Run {i + 1}: {r.label}
                </summary>
                <div className="table-scroll">
                  <MetricsTable label={`Run ${i + 1}: ${r.label}`} metrics={r.metrics} rows={r.rows} />
                </div>
              </details>
            ))}
          </section>
          {!hidden('export') && <ExportPanel records={records} onLoad={loadDocuments} />}
        </main>
      </div>
      {!lab.embed && (
        <footer className="page-footer">
          <p>
            Keyboard: Space plays or pauses, “.” steps one generation, “r” resets (when no control has focus). Every setting is in the address bar: copy it to share this
            exact experiment; add <code>embed=1</code> for slides and iframes, <code>hide=lambda,seed</code> to hide controls.
          </p>
          <p>
            Based on S. Alemohammad et al., “Self-Consuming Generative Models Go MAD”, ICLR 2024 (arXiv 2307.01850). Everything runs in your browser, in a Web Worker;
            nothing is sent anywhere.
          </p>
          <p>{mnistCredit}.</p>
          <p>{englishCredit}.</p>
        </footer>
      )}
    </div>
  );
}
