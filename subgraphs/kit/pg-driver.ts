// node-postgres for TypeORM, with one addition: every connection has an 'error' listener. pg's
// pool listens on idle connections only, and TypeORM on the pool only; a connection checked out
// (between a transaction's statements) that the server ends — PostgreSQL restarting — would emit
// 'error' with no listener, which throws and ends the whole subgraph process. With the listener
// the error reaches the statement that next uses the connection, which fails as SERVICE_UNAVAILABLE.
import pg from 'pg';

class ListeningPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => client.on('error', () => undefined));
  }
}

/** pg with the pool above; everything else (defaults, types) is pg's own. */
export const listeningPg: typeof pg = Object.assign(Object.create(pg) as typeof pg, { Pool: ListeningPool });
