// The in-stream roll-up's arithmetic (ingest/day-figures.ts) and its memory budget; its agreement
// with PostgreSQL's own roll-up is tested against the database (integration/supervision/day-figures.test.ts).
import { describe, expect, it } from 'vitest';
import { average, DayFigures, decimal, hundredths, percentile95 } from '../../../subgraphs/supervision/monitoring/ingest/day-figures';

const sample = (instant: string, cpu: string) => ({
  values: ['00000000-0000-4000-8000-000000000001', instant, cpu, '1', '2', '3', '4'],
  day: '2026-03-10',
  copied: 'unit\tprovider\t371602',
});

describe('day figures', () => {
  it('keeps values as numeric(p, 2) does: rounded half away from zero', () => {
    expect(['12', '12.3', '12.34', '12.345', '12.3449', '0.005', '99.995'].map(hundredths)).toEqual([
      1200, 1230, 1234, 1235, 1234, 1, 10000,
    ]);
    expect([0, 5, 1234, 10000].map(decimal)).toEqual(['0.00', '0.05', '12.34', '100.00']);
  });

  it('averages exactly, halves rounded up, and interpolates the 95th percentile', () => {
    expect(average([1, 2])).toBe('0.02'); // 1.5 hundredths
    expect(average([1, 1, 2])).toBe('0.01');
    expect(percentile95([1000])).toBe('10.00');
    // 0.95 × (2 − 1) = 0.95 of the way from 10 to 20.
    expect(percentile95([2000, 1000])).toBe('19.50');
  });

  it('gives its figures up past its row budget, so the roll-up reads the table', () => {
    const figures = new DayFigures(2);
    figures.add(sample('2026-03-10T01:00:00+08:00', '1'));
    figures.add(sample('2026-03-10T02:00:00+08:00', '2'));
    expect(figures.kept).toBe(true);
    figures.add(sample('2026-03-10T03:00:00+08:00', '3'));
    expect(figures.kept).toBe(false);
    expect(() => figures.columns([{ id: '00000000-0000-4000-8000-000000000001', day: '2026-03-10' }])).toThrow();
  });
});
