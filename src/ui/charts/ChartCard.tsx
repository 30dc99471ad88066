/** A chart with its title, a table view and PNG/SVG export of what is on screen. */
import { type ReactNode, useRef, useState } from 'react';
import { chartPng, chartSvg, download } from './chart-export';

interface Props {
  title: ReactNode;
  name: string;
  help?: string;
  /** Rendered only while the table view is open: tables of long runs are large. */
  table?: () => ReactNode;
  children: ReactNode;
  testId?: string;
}

export function ChartCard({ title, name, help, table, children, testId }: Props) {
  const area = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <section className="chart-card" data-testid={testId}>
      <div ref={area} className="export-area">
        <h3 data-export-text>{title}</h3>
        {children}
      </div>
      {help && <p className="help">{help}</p>}
      <div className="card-tools">
        {table && (
          <details className="table-view" onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>Table view</summary>
            {open && table()}
          </details>
        )}
        <button type="button" className="small" onClick={() => area.current && download(`${name}.svg`, chartSvg(area.current).svg, 'image/svg+xml')}>
          SVG
        </button>
        <button type="button" className="small" onClick={async () => area.current && download(`${name}.png`, await chartPng(area.current))}>
          PNG
        </button>
      </div>
    </section>
  );
}
