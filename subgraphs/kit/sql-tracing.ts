// One span per SQL statement a subgraph's pool runs inside a traced request or job (kit/tracing.ts):
// the statement's text and the database, never the values bound to it. With tracing off, a call
// costs one flag test.
import type pg from 'pg';
import { endSqlSpan, startSqlSpan } from './tracing';

/** Wraps the client's `query` so each statement runs inside its own CLIENT span. */
export function traceStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const { database, host, port } = client as unknown as { database?: string; host?: string; port?: number };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const text = textOf(args[0]);
    const span = text === undefined ? undefined : startSqlSpan(text, { database, host, port });
    if (!span) return query(...args);
    let result: unknown;
    try {
      result = query(...args);
    } catch (error) {
      endSqlSpan(span, error);
      throw error;
    }
    if (result instanceof Promise) {
      result.then(
        () => endSqlSpan(span),
        (error: unknown) => endSqlSpan(span, error),
      );
    } else if (isEmitter(result)) {
      // A submittable (a cursor, COPY): done when it ends or fails.
      result.once('end', () => endSqlSpan(span));
      result.once('error', (error: unknown) => endSqlSpan(span, error));
    } else {
      endSqlSpan(span);
    }
    return result;
  };
}

function textOf(first: unknown): string | undefined {
  if (typeof first === 'string') return first;
  const text = (first as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : undefined;
}

function isEmitter(value: unknown): value is NodeJS.EventEmitter {
  return typeof (value as { once?: unknown } | null)?.once === 'function';
}
