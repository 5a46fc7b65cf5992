// A list's name search (`filter.search`): a case-insensitive substring of a record's name or code,
// the user's text taken literally (`%` and `_` are not wildcards). Served by pg_trgm GIN indexes on
// both columns, which answer ILIKE '%…%' (each subgraph's migration creates them).
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from './errors';

export const MAX_SEARCH_CHARS = 100;

/** The ILIKE pattern of a search text; null when the text is empty or blank (no search). */
export function searchPattern(search: string | null | undefined, field = 'search'): string | null {
  const text = (search ?? '').trim();
  if (text === '') return null;
  if (text.length > MAX_SEARCH_CHARS) throw new BadUserInputError(`${field} 不能超过 ${MAX_SEARCH_CHARS} 字`, field);
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Narrows `query` to rows whose `name` or `code` contains the search text, case-insensitively. */
export function searchByNameOrCode<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  search: string | null | undefined,
): SelectQueryBuilder<T> {
  const pattern = searchPattern(search);
  if (pattern === null) return query;
  return query.andWhere(`(${alias}.name ILIKE :searchPattern OR ${alias}.code ILIKE :searchPattern)`, { searchPattern: pattern });
}
