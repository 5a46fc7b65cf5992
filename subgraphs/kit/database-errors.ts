// What a PostgreSQL failure means to the client, decided in one place: the database being away
// is SERVICE_UNAVAILABLE (retry later), a value PostgreSQL could not take is BAD_USER_INPUT, a
// concurrent edit is CONFLICT. Anything else stays unexpected and is masked by format-error.ts.
import { BadUserInputError, ConflictError, GovCloudError, ServiceUnavailableError } from './errors';

export type DatabaseErrorKind = 'unavailable' | 'bad-input' | 'conflict';

/** Node's socket errors when the server is down, restarting or dropped the connection. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server going away or refusing new work: class 08 (connection exception), 57P01
 * admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down),
 * 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Data exceptions (class 22) a client's value can cause, their messages quoting the value or SQL,
 * and 23514, a CHECK constraint refusing a value the service's own checks let through.
 */
const BAD_INPUT_SQLSTATES = new Set(['22P02', '22001', '22003', '22021', '22P05', '22007', '22008', '23514']);

/** Serialization failure, deadlock, lock not available, duplicate key: two edits met. */
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '55P03', '23505']);

/** Messages of node-postgres and its pool, which carry no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** The kind of a PostgreSQL or connection failure, or null when it is none of ours to name. */
export function classifyDatabaseError(error: unknown): DatabaseErrorKind | null {
  for (const candidate of causesOf(error)) {
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('08') && code.length === 5) return 'unavailable';
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return 'unavailable';
      if (BAD_INPUT_SQLSTATES.has(code)) return 'bad-input';
      if (CONFLICT_SQLSTATES.has(code)) return 'conflict';
    }
    const message = (candidate as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((known) => message.includes(known))) return 'unavailable';
  }
  return null;
}

/** The client's error for a classified database failure; null for anything else. */
export function databaseErrorToClient(error: unknown): GovCloudError | null {
  switch (classifyDatabaseError(error)) {
    case 'unavailable':
      return new ServiceUnavailableError('数据库暂时不可用，请稍后重试 (database unavailable, retry later)');
    case 'bad-input':
      return new BadUserInputError('输入的值格式不正确或超出允许范围 (invalid or out-of-range value)');
    case 'conflict':
      return new ConflictError();
    default:
      return null;
  }
}

/**
 * The error and what it wraps: TypeORM's QueryFailedError keeps pg's error as `driverError`,
 * Node's AggregateError (a host with two addresses) keeps each attempt in `errors`, and others use `cause`.
 */
function causesOf(error: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 10) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.includes(current)) continue;
    seen.push(current);
    const { driverError, cause, errors, originalError } = current as Record<string, unknown>;
    queue.push(driverError, cause, originalError);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return seen;
}
