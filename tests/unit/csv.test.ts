import { describe, expect, it } from 'vitest';
import { parsePointsCsv } from '../../src/engine/data/csv';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},${-i / 2}`).join('\n');

describe('CSV point sets', () => {
  it('reads x,y lines with an optional header, comments and blank lines', () => {
    const r = parsePointsCsv(`# my points\nx,y\n${rows(12)}\n\n1e-3, -2.5E2\r\n`);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.points).toHaveLength(13);
      expect(r.points[1]).toEqual([1, -0.5]);
      expect(r.points[12]).toEqual([0.001, -250]);
    }
  });

  it('says which line is malformed and why', () => {
    expect(parsePointsCsv(`x,y\n${rows(12)}\n3,abc\n`)).toEqual({ ok: false, message: expect.stringContaining('line 14: expected two numbers') });
    expect(parsePointsCsv(`${rows(12)}\n1,2,3`)).toEqual({ ok: false, message: expect.stringContaining('line 13: expected 2 columns (x,y), found 3') });
    // A header after data is not a header.
    expect(parsePointsCsv(`${rows(12)}\nx,y`)).toEqual({ ok: false, message: expect.stringContaining('line 13') });
  });

  it('rejects too few points with the allowed range', () => {
    expect(parsePointsCsv(rows(3))).toEqual({ ok: false, message: expect.stringContaining('3 points given; allowed: 10..') });
    expect(parsePointsCsv('')).toEqual({ ok: false, message: expect.stringContaining('0 points given') });
  });
});
