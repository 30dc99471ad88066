/**
 * Your own real distribution: draw 2-D points on a canvas (drag to spray), paste CSV text or load
 * a CSV file. Drawn points are rounded to 2 decimals and loaded ones to 4 significant digits, so
 * the point set in a share link is exactly the one that was run.
 */
import { useEffect, useRef, useState } from 'react';
import { parsePointsCsv } from '../../engine/data/csv';
import { POINTS_MIN, type PointSet } from '../../spec/schema';
import { drawPoints } from '../charts/draw-points';
import { REAL_COLOUR } from '../charts/palette';

const SIZE = 280;
const VIEW = { x0: -3, x1: 3, y0: -3, y1: 3 };
const SPRAY = 0.08;

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Number(x.toPrecision(4));

interface Props {
  current: PointSet | null;
  onUse: (points: PointSet) => void;
}

export function DataInput({ current, onUse }: Props) {
  const [draft, setDraft] = useState<[number, number][]>(() => (current ? current.map(([x, y]) => [x, y]) : []));
  const [csv, setCsv] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    if (canvas.current) drawPoints(canvas.current, Float64Array.from(draft.flat()), VIEW, REAL_COLOUR, 2);
  }, [draft]);

  const spray = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = VIEW.x0 + ((event.clientX - box.left) / box.width) * (VIEW.x1 - VIEW.x0);
    const y = VIEW.y1 - ((event.clientY - box.top) / box.height) * (VIEW.y1 - VIEW.y0);
    const added: [number, number][] = [];
    for (let i = 0; i < 3; i++) added.push([round2(x + SPRAY * (Math.random() - 0.5) * 2), round2(y + SPRAY * (Math.random() - 0.5) * 2)]);
    setDraft((d) => [...d, ...added]);
  };

  const useCsv = (text: string) => {
    const parsed = parsePointsCsv(text);
    if (!parsed.ok) {
      setMessage(parsed.message);
      return;
    }
    const points = parsed.points.map(([x, y]) => [round4(x), round4(y)] as [number, number]);
    setDraft(points);
    setMessage(null);
    onUse(points);
  };

  return (
    <details className="data-input" data-testid="data-input">
      <summary>Draw or load your own points</summary>
      <p className="help">Drag on the square to spray points (the window is −3…3 on both axes), or paste or load a CSV of x,y lines. At least {POINTS_MIN} points.</p>
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        className="draw-canvas"
        data-testid="draw-canvas"
        aria-label="Drawing area for your own points; use the CSV box instead from the keyboard"
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          spray(e);
        }}
        onPointerMove={(e) => drawing.current && spray(e)}
        onPointerUp={() => (drawing.current = false)}
      />
      <div className="buttons">
        <button type="button" data-testid="use-drawn" disabled={draft.length < POINTS_MIN} onClick={() => onUse(draft)}>
          Use these {draft.length} points
        </button>
        <button type="button" onClick={() => setDraft([])}>
          Clear
        </button>
      </div>
      <label htmlFor="csv-text">CSV of points (x,y per line)</label>
      <textarea id="csv-text" rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={'x,y\n0.5,1.2\n-1,0.3'} />
      <div className="buttons">
        <button type="button" data-testid="use-csv" disabled={csv.trim() === ''} onClick={() => useCsv(csv)}>
          Use pasted points
        </button>
        <label className="file-button">
          Load CSV file…
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="csv-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) useCsv(await file.text());
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </details>
  );
}
