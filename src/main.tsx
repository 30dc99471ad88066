/** Entry point: read the link, then mount the lab. */
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { readUrl } from './ui/url-state';
import './ui/styles.css';

const { state, notices } = readUrl(location.search);
createRoot(document.getElementById('root')!).render(<App initial={state} notices={notices} />);
