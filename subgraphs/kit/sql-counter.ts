import type { Logger, QueryRunner } from 'typeorm';
import { componentLogger } from './log';

const log = componentLogger('sql');

/**
 * A TypeORM logger that counts the SQL statements sent, so tests can assert that a request
 * runs a constant number of queries however long its lists are, and the rows they returned. Slow
 * queries and errors are logged without their SQL, which (with its parameters, personal data among
 * them) appears at debug only.
 */
export class SqlStatementCounter implements Logger {
  private recorded: string[] = [];

  constructor(private readonly keep = 500) {}

  /** Statements since the last reset, oldest first (at most `keep`). */
  get statements(): readonly string[] {
    return this.recorded;
  }

  get count(): number {
    return this.total;
  }

  private total = 0;

  /** Rows the database returned since the last reset, over all statements (counted by kit/pg-driver.ts). */
  get rows(): number {
    return this.rowTotal;
  }

  private rowTotal = 0;

  /** Called by the pool with each statement's row count. */
  readonly addRows = (rows: number): void => {
    this.rowTotal += rows;
  };

  reset(): void {
    this.recorded = [];
    this.total = 0;
    this.rowTotal = 0;
  }

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.total += 1;
    log.trace({ sql: query }, 'query');
    if (this.recorded.length < this.keep) this.recorded.push(query);
  }

  logQueryError(error: string | Error, query: string): void {
    // The caller decides what the failure means (a conflict, a client's value, an outage) and logs that.
    log.debug({ sql: query.slice(0, 500), reason: String(error) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    log.warn({ durationMs: time }, 'slow query');
    log.debug({ durationMs: time, sql: query.slice(0, 500) }, 'slow query statement');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    log.info({ component: 'migration' }, message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') log.warn(String(message));
  }
}
