import { BadUserInputError } from './errors';
import { regionByCode } from './regions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** An id given as an argument; a malformed one is the caller's mistake, told plainly (BAD_USER_INPUT on `field`). */
export function requireUuid(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError(`${field} 须为有效的标识 (UUID)`, field);
  return value;
}

/** A region code given as an argument must be Binzhou's or one of its counties' (BAD_USER_INPUT otherwise). */
export function requireRegionCode(value: string, field = 'regionCode'): string {
  if (!regionByCode(value)) throw new BadUserInputError(`${field} 须为滨州市 (371600) 或所辖县（市、区）的行政区划代码`, field);
  return value;
}
