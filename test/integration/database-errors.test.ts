// Real PostgreSQL failures through TypeORM, as a resolver meets them, and what the client sees
// after kit/format-error.ts: data exceptions are BAD_USER_INPUT with our message (no SQL, no value),
// a server away or dropping the connection is a retryable SERVICE_UNAVAILABLE, never INTERNAL_SERVER_ERROR.
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDatabaseError } from '../../subgraphs/kit/database-errors';
import { inTransaction } from '../../subgraphs/kit/data-source';
import { createFormatError } from '../../subgraphs/kit/format-error';
import { freePort } from '../setup/free-port';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let database: TestDatabase;
let dataSource: DataSource;
const format = createFormatError({ log: () => undefined });

beforeAll(async () => {
  database = await createTestDatabase();
  // As the owner: the services' role may create no table, and this one is only a probe.
  dataSource = new DataSource({ type: 'postgres', url: database.migrationUrl, extra: { max: 2 } });
  await dataSource.initialize();
  await dataSource.query('CREATE TABLE t (code varchar(4), n smallint CHECK (n >= 0), at timestamptz, id uuid)');
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

/** What a client sees when a resolver's query fails with `error`. */
function asClientSees(error: unknown) {
  const wrapped = new GraphQLError((error as Error).message, { originalError: error as Error, path: ['field'] });
  return format({ message: wrapped.message, path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
}

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('values PostgreSQL refuses (class 22, and CHECK constraints) are BAD_USER_INPUT, without SQL or the value', () => {
  it.each([
    ['22P02 invalid text representation', `INSERT INTO t (id) VALUES ('not-a-uuid')`],
    ['22001 string too long', `INSERT INTO t (code) VALUES ('far too long')`],
    ['22003 out of range', `INSERT INTO t (n) VALUES (99999)`],
    ['22021 invalid byte sequence', `SELECT convert_from('\\xff'::bytea, 'UTF8')`],
    ['22007/22008 datetime', `INSERT INTO t (at) VALUES ('2026-13-45 99:00')`],
    ['23514 a CHECK constraint', `INSERT INTO t (n) VALUES (-1)`],
  ])('%s', async (_label, sql) => {
    const error = await failureOf(() => dataSource.query(sql));
    expect(classifyDatabaseError(error)).toBe('bad-input');
    const seen = asClientSees(error);
    expect(seen.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(seen.message).toMatch(/输入的值/);
    expect(seen.message).not.toMatch(/INSERT|SELECT|uuid|far too long|smallint|2026/);
    expect(seen.path).toEqual(['field']);
  });
});

describe('a database away is a retryable SERVICE_UNAVAILABLE', () => {
  it('connection refused (nothing listens)', async () => {
    const down = new DataSource({ type: 'postgres', url: `postgres://x:y@127.0.0.1:${await freePort()}/none` });
    const error = await failureOf(() => down.initialize());
    expect(classifyDatabaseError(error)).toBe('unavailable');
    expect(asClientSees(error).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
  });

  it('57P01 admin shutdown: the server ended our session mid-query', async () => {
    const error = await failureOf(() => dataSource.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect(classifyDatabaseError(error)).toBe('unavailable');
    const seen = asClientSees(error);
    expect(seen.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(seen.message).toMatch(/数据库暂时不可用/);
    // The pool drops the dead connection by itself: at most one more query meets it (also
    // unavailable, retryable), then the pool serves again without being rebuilt.
    const failures: unknown[] = [];
    let answer: unknown;
    for (let attempt = 0; attempt < 3 && answer === undefined; attempt++) {
      answer = await dataSource.query('SELECT 1 AS one').catch((failure: unknown) => void failures.push(failure));
    }
    expect(answer).toEqual([{ one: 1 }]);
    expect(failures.length).toBeLessThanOrEqual(1);
    expect(failures.map(classifyDatabaseError).every((kind) => kind === 'unavailable')).toBe(true);
  });

  it('inside a mutation transaction too', async () => {
    const error = await failureOf(() =>
      inTransaction(dataSource, (manager) => manager.query('SELECT pg_terminate_backend(pg_backend_pid())')),
    );
    expect((error as GraphQLError).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
  });

  it.each([
    ['53300 too many connections', { code: '53300' }],
    ['57P03 cannot connect now', { code: '57P03' }],
    ['08006 connection failure', { code: '08006' }],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['AggregateError of ECONNREFUSED', new AggregateError([Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })])],
  ])('%s', (_label, error) => {
    expect(classifyDatabaseError({ driverError: error })).toBe('unavailable');
  });
});

describe('everything else stays as it was', () => {
  it('a unique violation is CONFLICT in a mutation; an unknown failure is still masked as INTERNAL_SERVER_ERROR', async () => {
    await dataSource.query('CREATE UNIQUE INDEX t_code ON t (code)');
    await dataSource.query(`INSERT INTO t (code) VALUES ('A1')`);
    const conflict = await failureOf(() => inTransaction(dataSource, (manager) => manager.query(`INSERT INTO t (code) VALUES ('A1')`)));
    expect((conflict as GraphQLError).extensions.code).toBe('CONFLICT');

    const error = await failureOf(() => dataSource.query('SELECT * FROM no_such_table'));
    expect(classifyDatabaseError(error)).toBeNull();
    const seen = asClientSees(error);
    expect(seen.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(seen.message).not.toMatch(/no_such_table/);
  });
});
