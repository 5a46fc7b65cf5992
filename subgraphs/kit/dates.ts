// Calendar dates as ISO `YYYY-MM-DD` strings: the policy counts whole days, so no time zone
// arithmetic may shift a date. All maths runs on UTC midnights.
import { ConfigError } from './config-error';
import { BadUserInputError } from './errors';

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * A real Gregorian date written YYYY-MM-DD, from the year 100 on (JavaScript's Date reads 0–99 as
 * 1900–1999). Read from the characters, with nothing allocated: the Date scalar checks every date of
 * every row it serializes.
 */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_SHAPE.test(value)) return false;
  const digit = (i: number) => value.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** Validates a date argument; the message names the field so the caller knows what to fix. */
export function parseIsoDate(value: string, field: string, label: string): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new BadUserInputError(`${label}（${field}）须为 YYYY-MM-DD 格式的有效日期`, field);
  }
  return value;
}

function toUtc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toUtc(iso).getTime() + days * DAY_MS));
}

/** Same day `months` later, clamped to the month's end (2026-11-30 + 3 months = 2027-02-28). */
export function addMonths(iso: string, months: number): string {
  const date = toUtc(iso);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return toIso(target);
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** Pins "today" for tests and demos (the demo world is dated 2026-11-26); unset or empty: the real date. */
export const TODAY_VARIABLE = 'GOVCLOUD_TODAY';

/**
 * Today's date in Binzhou (China Standard Time), whatever the server's time zone: `GOVCLOUD_TODAY`
 * if set, else the clock. Given `now`, the date of that instant in Binzhou (no override).
 * Every process checks `GOVCLOUD_TODAY` at start (readPinnedToday, through its configuration), so a
 * malformed one never gets this far; it would still throw rather than pass for a date.
 */
export function todayInChina(now?: Date): string {
  if (now) return dateInChina(now);
  return pinnedToday() ?? dateInChina(new Date());
}

// Built once: a DateTimeFormat per call (time zone data each time) was the applications subgraph's
// costliest function on the dashboard, which asks for today once a request (issue 14).
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Binzhou (China Standard Time). */
export function dateInChina(instant: Date): string {
  return CHINA_DAY.format(instant);
}

// Read on every call, so a test may set or clear the variable without reloading modules.
function pinnedToday(): string | null {
  return readPinnedToday(process.env);
}

/** `GOVCLOUD_TODAY`: the pinned day, null when unset or empty; ConfigError for anything but a real YYYY-MM-DD day. */
export function readPinnedToday(env: NodeJS.ProcessEnv): string | null {
  const value = env[TODAY_VARIABLE];
  if (value === undefined || value === '') return null;
  if (!isIsoDate(value)) {
    throw new ConfigError(
      `${TODAY_VARIABLE}=${value} 不是有效日期，请写作 YYYY-MM-DD 或不设置 (must be an ISO date YYYY-MM-DD, e.g. 2026-11-26, or unset)`,
    );
  }
  return value;
}

/** The first year the policy (暂行管理办法) covers: no record, fee or figure is older. */
export const FIRST_POLICY_YEAR = 2019;
/** Its first day (China time): an event or sample dated before it is a typing mistake, not history. */
export const FIRST_POLICY_DAY = `${FIRST_POLICY_YEAR}-01-01`;

/**
 * A year asked about, from the policy's first year to the current one (`today`'s, China time);
 * BAD_USER_INPUT naming `field` otherwise, so a year like -1 is refused rather than answered empty.
 */
export function requirePolicyYear(year: number, today: string, field = 'year'): number {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year > current) {
    throw new BadUserInputError(`年度 ${field} 须为 ${FIRST_POLICY_YEAR} 至 ${current} 年之间的年份`, field);
  }
  return year;
}

/**
 * The day something already happened (an agreement signed, an inspection made): a real day, not
 * after `today` and not before the policy's first day; BAD_USER_INPUT naming `field` otherwise.
 */
export function requireRecordedDay(value: string, field: string, label: string, today: string): string {
  parseIsoDate(value, field, label);
  if (value > today) throw new BadUserInputError(`${label}（${field}）不能晚于今天（${today}）`, field);
  if (value < FIRST_POLICY_DAY) throw new BadUserInputError(`${label}（${field}）不能早于 ${FIRST_POLICY_DAY}`, field);
  return value;
}
