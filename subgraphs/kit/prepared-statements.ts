// Statements worth preparing once per connection. PostgreSQL parses, analyses and plans an unnamed
// statement every time it runs; for a statement of many branches (the to-do list's page and count)
// that is most of its cost: 2.2 ms a run on the demo world, 0.4 ms prepared. `prepared(sql)` marks
// one; the pool's connections (pg-driver.ts) then send it as a named statement, so PostgreSQL keeps
// its parse and, once five runs show a generic plan no worse than a custom one, that plan.
import { createHash } from 'node:crypto';
import type pg from 'pg';

const MARK = '/* prepared */ ';

/** At most this many statements prepared on one connection; past it, marked ones run unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 64;

/** `sql`, marked to be prepared once per connection. Its text must be the same whenever its shape is. */
export function prepared(sql: string): string {
  return MARK + sql;
}

/**
 * Wraps the client's `query` so a marked statement with values runs as a named one: named after a
 * hash of its text, so two shapes never share a name.
 */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Set<string>();
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values, ...rest] = args;
    if (typeof text !== 'string' || !text.startsWith(MARK) || !Array.isArray(values)) return query(...args);
    const name = `govcloud_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (!names.has(name)) {
      if (names.size >= MAX_PREPARED_PER_CONNECTION) return query(...args);
      names.add(name);
    }
    return query({ name, text, values }, ...rest);
  };
}
