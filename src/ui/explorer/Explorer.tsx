/**
 * The admissibility explorer: MAD's phase diagram (paper §5, Fig. 11–12) as a live instrument.
 * Pick two axes, watch the cells stream in from the workers, read where synthetic data stop being
 * admissible, and click a cell to open that run in the lab. The address bar always holds the sweep.
 */
import { type SetStateAction, useEffect, useMemo } from 'react';
import { Header } from '../Header';
import { Notices } from '../Notices';
import { LOOP_NAMES } from '../run-label';
import { useMediaQuery } from '../use-media-query';
import { type ExplorerState, type OpenedRun, colourChoices, defaultExplorerState } from './explorer-state';
import { writeExplorerUrl } from './explorer-url';
import { SWEEP_PRESETS } from './explorer-presets';
import { SweepControls } from './SweepControls';
import { defaultWorkerCount } from './sweep-pool';
import { SweepResults } from './SweepResults';
import { useSweepPool } from './use-sweep';

interface Props {
  /** Null: the default sweep. */
  state: ExplorerState | null;
  onState: (update: SetStateAction<ExplorerState | null>) => void;
  notices: string[];
  onDismissNotices: () => void;
  onLab: () => void;
  /** Opens a cell's run in the lab. */
  onOpen: (run: OpenedRun) => void;
}

export function Explorer({ state: given, onState: setGiven, notices, onDismissNotices, onLab, onOpen }: Props) {
  const fallback = useMemo(defaultExplorerState, []);
  const state = given ?? fallback;
  const onState = (update: (s: ExplorerState) => ExplorerState) => setGiven((s) => update(s ?? fallback));
  const { sweep, embed } = state;
  // A link may colour by a measure the sweep's domain has not (FD of words): n_e / n_r instead.
  const colour = colourChoices(sweep).includes(state.colour) ? state.colour : 'ratio';
  const pool = useSweepPool(sweep, state.workers ?? defaultWorkerCount());
  const compact = useMediaQuery('(max-width: 900px)') || embed;
  useEffect(() => {
    history.replaceState(history.state, '', `${location.pathname}?${writeExplorerUrl(state)}`);
  }, [state]);
  const preset = SWEEP_PRESETS.find((p) => JSON.stringify(p.sweep) === JSON.stringify(sweep));

  const controls = (
    <SweepControls
      sweep={sweep}
      colour={colour}
      onSweep={(next) => onState((s) => ({ ...s, sweep: next }))}
      onColour={(c) => onState((s) => ({ ...s, colour: c }))}
    />
  );

  return (
    <div className={`lab explorer${embed ? ' embed' : ''}`}>
      {!embed && <Header view="explorer" onView={(v) => v === 'lab' && onLab()} />}
      <Notices title="Some settings in this link could not be used:" notices={notices} onDismiss={onDismissNotices} testId="url-notice" />
      <div className="layout">
        {compact ? (
          <details className="controls compact-controls">
            <summary>Sweep settings</summary>
            {controls}
          </details>
        ) : (
          <aside className="controls" aria-label="Sweep settings">
            {controls}
          </aside>
        )}
        <main className="results">
          {!embed && (
            <p className="intro">
              Is synthetic data worth training on? Each cell runs the {LOOP_NAMES[sweep.base.loop]} loop for T{sweep.x.field === 'generations' || sweep.y.field === 'generations' ? '' : ` = ${sweep.base.generations}`} generations, R ={' '}
              {sweep.base.replicates} times, and asks how many real samples, n_e, a model trained on real data alone would need to be as close to the real distribution
              as this loop's long-run model. Where n_e / n_r ≥ 1 the synthetic data helped: the loop is <em>admissible</em>. The black line is the boundary
              (Alemohammad et al., §5).
            </p>
          )}
          {preset && (
            <p className="preset-text" data-testid="sweep-look-for">
              <strong>What to look for: </strong>
              {preset.lookFor}
            </p>
          )}
          <SweepResults pool={pool} colour={colour} onOpen={onOpen} onLoaded={(result) => onState((s) => ({ ...s, sweep: result.sweep }))} />
        </main>
      </div>
      {!embed && (
        <footer className="page-footer">
          <p>
            Every cell is computed in your browser, in parallel Web Workers, and kept for this session: going back to a sweep is instant. The sweep is in the address bar; add{' '}
            <code>embed=1</code> for slides and iframes. The same sweep from the command line: <code>npm run cli -- sweep --help</code>.
          </p>
        </footer>
      )}
    </div>
  );
}
