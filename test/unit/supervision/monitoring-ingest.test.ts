// Monitoring ingest's pure parts (第二十四条): row checks shared by the mutation and the file import,
// header/key mapping, the CSV splitter, the batch limits and the seed's derived daily figures.
import { describe, expect, it } from 'vitest';
import { GovCloudError } from '../../../subgraphs/kit/errors';
import { CLOCK_SKEW_MS, parseInstant } from '../../../subgraphs/kit/instants';
import { splitCsvLine } from '../../../subgraphs/supervision/monitoring/ingest/csv';
import {
  checkSample,
  chinaDayOf,
  fieldNameOf,
  kindOfKeys,
  MAX_SAMPLES_PER_SUBMISSION,
  validateSubmission,
} from '../../../subgraphs/supervision/monitoring/ingest/sample-rows';
import { derivedDailyFigures } from '../../../subgraphs/supervision/monitoring/monitoring.seed';

const TODAY = '2026-11-26';
const SYSTEM = '3f2a4c1e-7b7d-4c1a-9c55-0a1b2c3d4e5f';
const good = {
  systemId: SYSTEM,
  measuredAt: '2026-11-26T09:05:00+08:00',
  cpuPercent: '12.5',
  memoryPercent: 40,
  storageUsedGb: '1024.00',
  networkPercent: 0,
  bandwidthMbps: '88.25',
};

describe('monitoring sample rows', () => {
  it('accepts a good row and gives its values in column order, as text PostgreSQL reads', () => {
    expect(checkSample('system', good, TODAY)).toEqual({
      ok: true,
      values: [SYSTEM, '2026-11-26T09:05:00+08:00', '12.5', '40', '1024.00', '0', '88.25'],
    });
    const upper = checkSample('system', { ...good, systemId: SYSTEM.toUpperCase() }, TODAY);
    expect(upper.ok && upper.values[0]).toBe(SYSTEM);
  });

  it.each([
    ['systemId', 'not-a-uuid'],
    ['measuredAt', '2026-11-26 09:05'], // no offset: ambiguous by eight hours
    ['measuredAt', '2026-02-30T09:05:00+08:00'],
    ['measuredAt', '2026-11-27T00:00:00+08:00'], // tomorrow in China
    ['measuredAt', '2018-12-31T23:59:59+08:00'], // before the policy's first day
    ['cpuPercent', '100.01'],
    ['cpuPercent', '-1'],
    ['memoryPercent', 'NaN'],
    ['networkPercent', '1e2'], // exponents are refused: the text goes to PostgreSQL as written
    ['storageUsedGb', '0x10'],
    ['bandwidthMbps', Number.POSITIVE_INFINITY],
    ['bandwidthMbps', undefined],
  ])('refuses a bad %s (%s), naming the field', (field, value) => {
    const result = checkSample('system', { ...good, [field]: value }, TODAY);
    expect(result).toMatchObject({ ok: false, field });
    expect(result.ok ? '' : result.problem).toMatch(/[\u4e00-\u9fff]/);
  });

  it('takes the roll-ups’ day in China time: 16:30 UTC is already the next day', () => {
    expect(chinaDayOf(parseInstant('2026-11-25T16:30:00Z')!)).toBe('2026-11-26');
    expect(checkSample('system', { ...good, measuredAt: '2026-11-26T15:59:59Z' }, TODAY).ok).toBe(true);
    expect(checkSample('system', { ...good, measuredAt: '2026-11-26T16:00:00Z' }, TODAY).ok).toBe(false);
  });

  it('refuses a sample from later today than the clock, beyond the clock skew, as access records are', () => {
    const at = (ms: number) => new Date(Date.now() + ms);
    const ahead = at(CLOCK_SKEW_MS + 60_000);
    expect(checkSample('system', { ...good, measuredAt: ahead.toISOString() }, chinaDayOf(ahead))).toMatchObject({
      ok: false,
      field: 'measuredAt',
      problem: expect.stringContaining('晚于当前时间'),
    });
    const within = at(CLOCK_SKEW_MS - 60_000);
    expect(checkSample('system', { ...good, measuredAt: within.toISOString() }, chinaDayOf(within)).ok).toBe(true);
  });

  it('judges a repeated instant against the day it is checked on, and in the message of its own kind', () => {
    // A file repeats each instant for thousands of rows, so the verdict is remembered; never across days or kinds.
    const instant = '2026-11-27T09:00:00+08:00';
    expect(checkSample('system', { ...good, measuredAt: instant }, TODAY)).toMatchObject({ ok: false, field: 'measuredAt' });
    expect(checkSample('system', { ...good, measuredAt: instant }, '2026-11-27').ok).toBe(true);
    expect(checkSample('system', { ...good, measuredAt: instant }, TODAY)).toMatchObject({ ok: false, field: 'measuredAt' });
    expect(checkSample('system', { ...good, measuredAt: 'yesterday' }, TODAY)).toMatchObject({ ok: false, field: 'measuredAt' });
    expect(checkSample('system', { ...good, measuredAt: 'yesterday' }, TODAY)).toMatchObject({ ok: false, field: 'measuredAt' });
  });

  it('writes a repeated id as it first checked it, and still refuses a bad one after many good ones', () => {
    // Ids found well-formed are remembered (a file names the same systems on every instant), up to a bound.
    const written = (systemId: string) => {
      const checked = checkSample('system', { ...good, systemId }, TODAY);
      return checked.ok ? checked.values[0] : `refused ${checked.field}`;
    };
    const upper = SYSTEM.toUpperCase();
    for (let i = 0; i < 3; i++) expect(written(upper)).toBe(SYSTEM);
    for (let i = 0; i < 100_010; i++) {
      const id = `${i.toString(16).padStart(8, '0')}-7b7d-4c1a-9c55-0a1b2c3d4e5f`;
      if (written(id) !== id) expect.fail(`${id} was not written as given`);
    }
    expect(written(`${SYSTEM}x`)).toBe('refused systemId');
    expect(written(upper)).toBe(SYSTEM);
  });

  it('checks provider samples: counts are whole numbers', () => {
    const provider = {
      providerId: SYSTEM,
      measuredAt: '2026-11-26T09:00:00+08:00',
      availabilityPercent: 99.95,
      incidentCount: 0,
      responseMinutes: 12.5,
      complaintCount: 3,
    };
    expect(checkSample('provider', provider, TODAY).ok).toBe(true);
    expect(checkSample('provider', { ...provider, incidentCount: 1.5 }, TODAY)).toMatchObject({ ok: false, field: 'incidentCount' });
  });

  it('maps headers and keys in snake_case or camelCase, and tells the kind of a file', () => {
    expect(fieldNameOf('system', 'cpu_percent')).toBe('cpuPercent');
    expect(fieldNameOf('system', ' CPU_PERCENT ')).toBe('cpuPercent');
    expect(fieldNameOf('system', 'storageUsedGb')).toBe('storageUsedGb');
    expect(fieldNameOf('system', 'comment')).toBeNull();
    expect(kindOfKeys(['system_id', 'measured_at'])).toBe('system');
    expect(kindOfKeys(['providerId', 'measuredAt'])).toBe('provider');
    expect(kindOfKeys(['id', 'value'])).toBeNull();
  });
});

describe('CSV lines', () => {
  it('splits plain and quoted fields, and refuses unbalanced quotes', () => {
    expect(splitCsvLine('a,b,,c')).toEqual(['a', 'b', '', 'c']);
    expect(splitCsvLine('"a,1","say ""hi""",c')).toEqual(['a,1', 'say "hi"', 'c']);
    expect(splitCsvLine('"open,b')).toBeNull();
  });
});

describe('a submission', () => {
  it(`carries 1 to ${MAX_SAMPLES_PER_SUBMISSION} samples of both kinds together`, () => {
    expect(() => validateSubmission({ system: [], provider: [] }, TODAY)).toThrow(GovCloudError);
    const many = Array.from({ length: MAX_SAMPLES_PER_SUBMISSION + 1 }, () => good);
    expect(() => validateSubmission({ system: many, provider: [] }, TODAY)).toThrow(/1 至 1000/);
    expect(validateSubmission({ system: many.slice(1), provider: [] }, TODAY).system).toHaveLength(MAX_SAMPLES_PER_SUBMISSION);
  });

  it('fails on its first bad row, naming the list, the row and the field', () => {
    try {
      validateSubmission({ system: [good, good, { ...good, cpuPercent: 101 }], provider: [] }, TODAY);
      expect.unreachable();
    } catch (error) {
      expect((error as GovCloudError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemSamples[2].cpuPercent', row: 2 });
      expect((error as GovCloudError).message).toContain('第 3 条');
    }
  });
});

describe('seeded daily figures', () => {
  it('derive peaks at or above the 95th percentiles, capped at 100%', () => {
    for (const row of [
      { cpuP95Percent: 99.5, memoryAvgPercent: 95, bandwidthP95Mbps: 250 },
      { cpuP95Percent: 12.34, memoryAvgPercent: 40.01, bandwidthP95Mbps: 12.35 },
    ]) {
      const figures = derivedDailyFigures(row);
      expect(figures.cpuPeakPercent).toBeGreaterThanOrEqual(row.cpuP95Percent);
      expect(figures.cpuPeakPercent).toBeLessThanOrEqual(100);
      expect(figures.memoryPeakPercent).toBeGreaterThanOrEqual(figures.memoryP95Percent);
      expect(figures.networkPeakPercent).toBeGreaterThanOrEqual(figures.networkP95Percent);
      expect(figures.networkP95Percent).toBeGreaterThanOrEqual(figures.networkAvgPercent);
      expect(figures.bandwidthPeakMbps).toBeGreaterThanOrEqual(row.bandwidthP95Mbps);
    }
    expect(derivedDailyFigures({ cpuP95Percent: 10, memoryAvgPercent: 10, bandwidthP95Mbps: 12.35 }).networkP95Percent).toBe(6.17);
  });
});
