import { afterEach, describe, expect, it } from 'vitest';
import { addMonths, addYears, daysBetween, isIsoDate, parseIsoDate, todayInChina } from '../../../subgraphs/kit/dates';
import { thrownBy } from '../../setup/rule-assertions';

describe('calendar dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '20240101', '2024-01-01T00:00:00Z']) expect(isIsoDate(bad)).toBe(false);
    // Every month's last day, the century rule of leap years, and the ends of the range.
    for (const good of ['2026-01-31', '2026-04-30', '2026-12-31', '2000-02-29', '0100-01-01', '9999-12-31'])
      expect(isIsoDate(good)).toBe(true);
    for (const bad of [
      '2026-04-31',
      '2026-06-31',
      '1900-02-29',
      '2100-02-29',
      '2026-00-10',
      '2026-10-00',
      '2026-10-32',
      '0099-12-31',
      '2026-1a-01',
    ])
      expect(isIsoDate(bad)).toBe(false);
    expect(thrownBy(() => parseIsoDate('2023-02-29', 'startsOn', '开始日期')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsOn',
    });
  });

  it('adds months and years clamped to the month end', () => {
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(daysBetween('2026-11-26', '2027-01-25')).toBe(60);
  });

  it("today is Binzhou's date, not the server's", () => {
    expect(todayInChina(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
    expect(todayInChina(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
  });
});

describe('GOVCLOUD_TODAY', () => {
  const saved = process.env.GOVCLOUD_TODAY;
  afterEach(() => {
    if (saved === undefined) delete process.env.GOVCLOUD_TODAY;
    else process.env.GOVCLOUD_TODAY = saved;
  });

  it('pins today for tests and demos', () => {
    process.env.GOVCLOUD_TODAY = '2026-11-26';
    expect(todayInChina()).toBe('2026-11-26');
    process.env.GOVCLOUD_TODAY = '2031-02-28';
    expect(todayInChina()).toBe('2031-02-28');
  });

  it('does not change the date of a given instant', () => {
    process.env.GOVCLOUD_TODAY = '2030-01-01';
    expect(todayInChina(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
  });

  it('unset or empty: the clock in Binzhou', () => {
    delete process.env.GOVCLOUD_TODAY;
    const clock = todayInChina(new Date());
    expect(todayInChina()).toBe(clock);
    process.env.GOVCLOUD_TODAY = '';
    expect(todayInChina()).toBe(clock);
  });

  it('a malformed value fails where it is used, naming the variable', () => {
    for (const bad of ['2026-02-30', '26-11-2026', 'today']) {
      process.env.GOVCLOUD_TODAY = bad;
      expect(() => todayInChina()).toThrow(/GOVCLOUD_TODAY/);
    }
  });
});
