/** Entry point: read the link (the lab's, or the explorer's with view=explorer), mount the page, then tell a framing host its height and make the lab work offline. */
import { createRoot } from 'react-dom/client';
import { Shell } from './ui/Shell';
import { readView } from './ui/page-view';
import { reportHeightToHost } from './ui/embed-height';
import { registerServiceWorker } from './ui/offline';
import { defaultLabState } from './ui/lab-state';
import { readUrl } from './ui/url-state';
import './ui/styles.css';

const { view, notice } = readView(location.search);
const lab = view === 'lab' ? readUrl(location.search) : { state: defaultLabState(), notices: [] };
// The explorer's code loads only when it is shown.
const explorer = view === 'explorer' ? (await import('./ui/explorer/explorer-url')).readExplorerUrl(location.search) : null;
createRoot(document.getElementById('root')!).render(
  <Shell
    view={view}
    lab={lab.state}
    labNotices={notice ? [notice, ...lab.notices] : lab.notices}
    explorer={explorer?.state ?? null}
    explorerNotices={explorer?.notices ?? []}
  />,
);
reportHeightToHost();
void registerServiceWorker();
