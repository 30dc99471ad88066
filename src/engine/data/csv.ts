/**
 * Reads a 2-D point set from CSV text: one "x,y" pair per line. An optional header line
 * (e.g. "x,y"), blank lines and lines starting with '#' are skipped. Errors name the line.
 */
import type { PointSet } from '../../spec/schema';
import { PLAIN_NUMBER, checkPoints, parsePlainNumber, show } from '../../spec/validate';

export type CsvResult = { ok: true; points: PointSet } | { ok: false; message: string };

export function parsePointsCsv(text: string): CsvResult {
  const points: [number, number][] = [];
  const lines = text.split(/\r?\n/);
  let seenData = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    const numeric = cells.length === 2 && cells.every((c) => PLAIN_NUMBER.test(c));
    if (!numeric) {
      const isHeader = !seenData && cells.length === 2 && cells.every((c) => /^[A-Za-z_"'][\w "']*$/.test(c));
      if (isHeader) {
        seenData = true;
        continue;
      }
      const why = cells.length !== 2 ? `expected 2 columns (x,y), found ${cells.length}` : 'expected two numbers x,y';
      return { ok: false, message: `line ${i + 1}: ${why}: ${show(line)}` };
    }
    seenData = true;
    const [x, y] = cells.map(parsePlainNumber);
    if (typeof x === 'string' || typeof y === 'string') {
      const [text, why] = typeof x === 'string' ? [cells[0], x] : [cells[1], y as string];
      return { ok: false, message: `line ${i + 1}: ${show(text)} ${why}` };
    }
    points.push([x, y]);
  }
  const checked = checkPoints(points);
  return checked.ok ? { ok: true, points: checked.value } : { ok: false, message: checked.issues[0].message };
}
