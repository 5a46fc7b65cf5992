import chineseDays from 'chinese-days';
import { addDays, daysBetween } from './dates';

/**
 * China's official working-day calendar (国务院办公厅 holiday notices): weekends and public holidays
 * off, adjusted working days (调休) on. `chinese-days` carries the published years; a date in a year
 * it has no notice for is computed on weekdays alone and marked estimated, never silently.
 */
export interface WorkingDayResult {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** True when a year without a published holiday notice was crossed: weekdays were assumed. */
  estimated: boolean;
}

/**
 * The years with a published notice: those with at least one official holiday in the package's
 * data. Found on first use: walking a century of days took a tenth of the service's start.
 */
let publishedYears: ReadonlySet<number> | undefined;

/** Years the official calendar is known for. */
export function isPublishedYear(year: number): boolean {
  publishedYears ??= new Set(chineseDays.getHolidaysInRange('2004-01-01', '2099-12-31', false).map((day) => Number(day.slice(0, 4))));
  return publishedYears.has(year);
}

function isWeekday(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** Whether `iso` is a working day, and whether that answer is an estimate. */
export function workingDayInfo(iso: string): { working: boolean; estimated: boolean } {
  const year = Number(iso.slice(0, 4));
  if (isPublishedYear(year)) return { working: chineseDays.isWorkday(iso), estimated: false };
  return { working: isWeekday(iso), estimated: true };
}

/**
 * The date `count` working days after `start` (the start day itself not counted), as deadlines
 * like DECISION_5WD (第十二条) are counted: submitted on 2026-09-30, the fifth working day after is
 * 2026-10-13, past the National Day holiday and counting the adjusted Saturday 2026-10-10.
 */
export function addWorkingDays(start: string, count: number): WorkingDayResult {
  let date = start;
  let estimated = false;
  for (let counted = 0; counted < count;) {
    date = addDays(date, 1);
    const day = workingDayInfo(date);
    estimated ||= day.estimated;
    if (day.working) counted += 1;
  }
  return { date, estimated };
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): WorkingDayResult & { days: number } {
  let days = 0;
  let estimated = false;
  for (let offset = 1; offset <= daysBetween(from, to); offset += 1) {
    const day = workingDayInfo(addDays(from, offset));
    estimated ||= day.estimated;
    if (day.working) days += 1;
  }
  return { date: to, days, estimated };
}
