// Instants (points in time) as ISO 8601 text: one parser and one printer for every subgraph, so the
// accepted forms (any offset, or Z) and the emitted form (Beijing time, `+08:00`) are decided here once.
import { BadUserInputError } from './errors';
import { isIsoDate } from './dates';

/** Date, time to the minute or second with up to 9 fraction digits, then `Z` or `±hh:mm`. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** What a client is told to send, in every refusal. */
export const INSTANT_EXAMPLE = '2026-11-26T09:30:00+08:00';

/**
 * How far ahead of our clock a reported instant may be (a provider's or an agency's clock may run a
 * little fast): a record, a sample or an access stamped later than that is from the future.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * An ISO 8601 instant with an explicit offset (`Z` or `+08:00`), truncated to milliseconds (what
 * JavaScript carries); null when malformed. Without an offset it would be ambiguous by eight hours,
 * and JavaScript's own parser would take 2026-02-30 or 24:00 for a later day, so the text is checked first.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT.exec(value);
  if (!match || !isIsoDate(match[1]!)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** An instant argument, or BAD_USER_INPUT naming `field` and the expected format. */
export function requireInstant(value: unknown, field: string, label: string): Date {
  const instant = parseInstant(value);
  if (!instant) throw new BadUserInputError(`${label}（${field}）须为带时区的 ISO 8601 时间，如 ${INSTANT_EXAMPLE}`, field);
  return instant;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * How every instant leaves the graph, and every text printed for people (CSV, audit output): ISO
 * 8601 in Beijing time with its offset and milliseconds, `2026-01-04T16:00:00.000+08:00`. China
 * keeps no daylight saving time, so the offset is fixed and the text still sorts like the instant.
 */
export function formatInstant(instant: Date): string {
  return `${new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** `formatInstant` for a nullable column. */
export function formatOptionalInstant(instant: Date | null | undefined): string | null {
  return instant ? formatInstant(instant) : null;
}
