/** Which of the page's two views a link opens: `view=explorer`, or the lab (no view, or view=lab). */
export type View = 'lab' | 'explorer';

export function readView(search: string): { view: View; notice: string | null } {
  const view = new URLSearchParams(search).get('view');
  if (view === null || view === 'lab') return { view: 'lab', notice: null };
  if (view === 'explorer') return { view: 'explorer', notice: null };
  return { view: 'lab', notice: `view: ${JSON.stringify(view)} is not a view; allowed: lab | explorer` };
}
