import { describe, expect, it } from 'vitest';
import { addWorkingDays, isPublishedYear, workingDayInfo, workingDaysBetween } from '../../../subgraphs/kit/working-days';

describe('China working-day calendar', () => {
  it('counts five working days from 2026-09-30 past the National Day holiday, with the adjusted Saturday', () => {
    // 10-01..10-07 are off, Saturday 10-10 is an adjusted working day (调休): 10-08, 10-09, 10-10, 10-12, 10-13.
    expect(addWorkingDays('2026-09-30', 5)).toEqual({ date: '2026-10-13', estimated: false });
    expect(workingDayInfo('2026-10-10')).toEqual({ working: true, estimated: false });
    expect(workingDayInfo('2026-10-05')).toEqual({ working: false, estimated: false });
  });

  it('skips an ordinary weekend', () => {
    expect(addWorkingDays('2026-11-26', 5)).toEqual({ date: '2026-12-03', estimated: false });
  });

  it('counts on weekdays and says so in a year without a published notice', () => {
    expect(isPublishedYear(2026)).toBe(true);
    expect(isPublishedYear(2027)).toBe(false);
    // 2027-09-30 is a Thursday; National Day 2027 is not yet published, so only weekends are skipped.
    expect(addWorkingDays('2027-09-30', 5)).toEqual({ date: '2027-10-07', estimated: true });
    // Crossing into the unpublished year from a published one is an estimate too.
    expect(addWorkingDays('2026-12-30', 5).estimated).toBe(true);
  });

  it('counts the working days between two dates', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-13')).toEqual({ date: '2026-10-13', days: 5, estimated: false });
    expect(workingDaysBetween('2026-10-13', '2026-09-30').days).toBe(0);
  });
});
