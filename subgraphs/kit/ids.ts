import { BadUserInputError } from './errors';
import { regionByCode } from './regions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Business codes (P-INSPUR, U-371602-001, S-…) look nothing like a uuid; a client who sends one meant the code. */
const BUSINESS_CODE = /^[A-Z]{1,4}-[A-Z0-9-]+$/;
/** How much of a malformed value a message repeats: enough to recognise it, not a place to echo megabytes. */
const SHOWN_CHARS = 40;

/** Every primary key is a uuid; anything else a client sends cannot name a row. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * The distinct well-formed ids of a batch. Only these may reach SQL: a malformed id matches no row
 * anyway, and in a uuid column PostgreSQL would fail the whole batch over it.
 */
export function wellFormedIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

export interface ParseIdOptions {
  /** Said when the value looks like a business code: where to look records up by code instead. */
  byCode?: string;
}

/**
 * An id given as an argument, in the lowercase form the database returns (loaders key rows by it,
 * so `ABC…` and `abc…` must be one id). Anything that is not a uuid is the caller's mistake, told
 * plainly and the same way for every field: BAD_USER_INPUT naming `field`.
 */
export function parseId(value: unknown, field = 'id', options: ParseIdOptions = {}): string {
  if (isUuid(value)) return value.toLowerCase();
  const text = typeof value === 'string' ? value : String(value);
  const shown = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  const codeHint = options.byCode && BUSINESS_CODE.test(text) ? `；"${shown}" 是编码而非标识，按编码查询请用 ${options.byCode}` : '';
  throw new BadUserInputError(`${field} 须为有效的标识 (UUID)，收到 "${shown}"${codeHint} (${field} must be a UUID)`, field);
}

/** An id given as an argument; a malformed one is the caller's mistake, told plainly (BAD_USER_INPUT on `field`). */
export function requireUuid(value: string, field: string): string {
  return parseId(value, field);
}

/** An optional id argument: absent stays absent, present must be well-formed (parseId). */
export function parseOptionalId(value: string | null | undefined, field: string): string | null {
  return value == null ? null : parseId(value, field);
}

/** An optional id argument whose record also has a code: a code sent by mistake is told where to look it up (`byCode`). */
export function optionalIdOrCode(value: string | null | undefined, field: string, byCode: string): string | null {
  return value == null ? null : parseId(value, field, { byCode });
}

/** A region code given as an argument must be Binzhou's or one of its counties' (BAD_USER_INPUT otherwise). */
export function requireRegionCode(value: string, field = 'regionCode'): string {
  if (!regionByCode(value)) throw new BadUserInputError(`${field} 须为滨州市 (371600) 或所辖县（市、区）的行政区划代码`, field);
  return value;
}
