// node-postgres for TypeORM, with three additions. Every connection has an 'error' listener: pg's
// pool listens on idle connections only, and TypeORM on the pool only; a connection checked out
// (between a transaction's statements) that the server ends — PostgreSQL restarting — would emit
// 'error' with no listener, which throws and ends the whole subgraph process. With the listener
// the error reaches the statement that next uses the connection, which fails as SERVICE_UNAVAILABLE.
// And a `date` column is read as PostgreSQL writes it, `YYYY-MM-DD`: the project keeps calendar
// dates as those strings (kit/dates.ts), where pg would build a local-midnight Date that TypeORM
// formats back to the same string, a parse, an object and a format per date of every row read.
// And every read with values is prepared once per connection (prepared-statements.ts).
import pg from 'pg';
import { CONNECTION_MAX_USES, prepareReads } from './prepared-statements';
import { traceStatements } from './sql-tracing';

/** A pool option: called with the number of rows each statement returned (kit/sql-counter.ts counts them). */
export interface RowListenerConfig {
  onRows?: (rows: number) => void;
}

const DATE_OID = 1082;
const readText = (value: string): string => value;

/** pg's type parsers, but for `date`, read as its text. */
export const DATE_AS_TEXT: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary' ? readText : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

class ListeningPool extends pg.Pool {
  constructor(config?: pg.PoolConfig & RowListenerConfig) {
    super({ maxUses: CONNECTION_MAX_USES, ...config, types: config?.types ?? DATE_AS_TEXT });
    const onRows = config?.onRows;
    this.on('connect', (client) => {
      client.on('error', () => undefined);
      if (onRows) countRows(client, onRows);
      traceStatements(client);
      prepareReads(client);
    });
  }
}

/** Wraps the client's promise `query` so each result's row count reaches `onRows`. */
function countRows(client: pg.PoolClient, onRows: (rows: number) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      void result.then(
        (value: unknown) => onRows(rowsOf(value)),
        () => undefined,
      );
    }
    return result;
  };
}

function rowsOf(result: unknown): number {
  if (Array.isArray(result)) return result.reduce((sum: number, part: unknown) => sum + rowsOf(part), 0);
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
}

/** pg with the pool above; everything else (defaults, the other types) is pg's own. */
export const listeningPg: typeof pg = Object.assign(Object.create(pg) as typeof pg, { Pool: ListeningPool });
