/**
 * The app shell: the page's two views of one lab, the lab itself and the admissibility explorer.
 * Each keeps its state while the other is shown; only the shown one runs (the lab's workers stop while a sweep
 * computes, and the reverse). The explorer's code is loaded the first time it is shown, so the lab
 * starts as light as before. A cell opened from the explorer comes in as a lab state and a note.
 */
import { Suspense, lazy, useState } from 'react';
import { App } from './App';
import type { LabState } from './lab-state';
import type { ExplorerState, OpenedRun } from './explorer/explorer-state';
import type { View } from './page-view';

const Explorer = lazy(() => import('./explorer/Explorer').then((m) => ({ default: m.Explorer })));

interface Props {
  view: View;
  lab: LabState;
  labNotices: string[];
  /** Null: the default sweep (the explorer's module makes it once loaded). */
  explorer: ExplorerState | null;
  explorerNotices: string[];
}

export function Shell(props: Props) {
  const [view, setView] = useState(props.view);
  const [lab, setLab] = useState(props.lab);
  // The lab is mounted afresh from `lab` each time it is shown: a new key restarts its runs.
  const [labMount, setLabMount] = useState(0);
  const [labNotices, setLabNotices] = useState(props.labNotices);
  const [explorer, setExplorer] = useState(props.explorer);
  const [explorerNotices, setExplorerNotices] = useState(props.explorerNotices);
  const [opened, setOpened] = useState<OpenedRun | null>(null);

  const showLab = (run: OpenedRun | null) => {
    if (run) setLab((l) => ({ ...l, base: run.base, runs: run.runs, preset: null }));
    setOpened(run);
    setLabMount((k) => k + 1);
    setView('lab');
  };

  if (view === 'lab')
    return (
      <App
        key={labMount}
        initial={lab}
        notices={labNotices}
        onExplorer={(state) => {
          setLab(state);
          setLabNotices([]);
          setView('explorer');
        }}
        note={opened?.note}
      />
    );
  return (
    <Suspense fallback={<p className="placeholder lab">Loading the admissibility explorer…</p>}>
      <Explorer
        state={explorer}
        onState={setExplorer}
        notices={explorerNotices}
        onDismissNotices={() => setExplorerNotices([])}
        onLab={() => showLab(null)}
        onOpen={showLab}
      />
    </Suspense>
  );
}
