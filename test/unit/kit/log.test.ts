// kit/log.ts: settings refuse nonsense; errors are logged without the SQL and parameters a
// driver error carries (those only at debug); an effect carries its cause's request id to the job.
import { QueryFailedError } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueEffect, splitMetadata } from '../../../subgraphs/kit/jobs';
import { captureLogs, logger, serializeError, withRequestLog, type CapturedLogs } from '../../../subgraphs/kit/log';
import { readLogSettings } from '../../../subgraphs/kit/log-settings';
import { logRequestFailure } from '../../../subgraphs/kit/material-upload';
import { SqlStatementCounter } from '../../../subgraphs/kit/sql-counter';
import { recordingManager } from '../../setup/recording-manager';

let capture: CapturedLogs | undefined;
afterEach(() => capture?.restore());

const SQL = 'SELECT "name", "contact_phone" FROM "applications"."unit" WHERE "id" = $1';

describe('log settings', () => {
  it('LOG_LEVEL and LOG_FORMAT outside their lists stop the start with one line', () => {
    expect(() => readLogSettings({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL=loud.*fatal \/ error/);
    expect(() => readLogSettings({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT=xml/);
  });

  it('pretty on a terminal, JSON otherwise, unless LOG_FORMAT says', () => {
    expect(readLogSettings({}, true)).toEqual({ level: 'info', format: 'pretty' });
    expect(readLogSettings({}, false)).toEqual({ level: 'info', format: 'json' });
    expect(readLogSettings({ LOG_FORMAT: 'json', LOG_LEVEL: 'DEBUG' }, true)).toEqual({ level: 'debug', format: 'json' });
  });
});

describe('no SQL at info', () => {
  it('an error from the driver is logged without its statement or parameters', () => {
    const error = new QueryFailedError(SQL, ['13800000000'], new Error('invalid input syntax for type uuid'));
    const serialized = serializeError(error) as Record<string, unknown>;
    expect(serialized.message).toContain('invalid input syntax');
    expect(JSON.stringify(serialized)).not.toContain('contact_phone');
    expect(JSON.stringify(serialized)).not.toContain('13800000000');
  });

  it('a failed statement is one line at debug, none at info', () => {
    capture = captureLogs('info');
    const counter = new SqlStatementCounter();
    counter.logQueryError(new Error('boom'), SQL);
    counter.logQuery(SQL);
    counter.logQuerySlow(1500, SQL);
    logger.error({ err: new QueryFailedError(SQL, ['13800000000'], new Error('boom')) }, 'failed');
    expect(capture.lines.map((line) => line.msg)).toEqual(['slow query', 'failed']);
    expect(JSON.stringify(capture.lines)).not.toContain('contact_phone');
    capture.restore();

    capture = captureLogs('debug');
    counter.logQueryError(new Error('boom'), SQL);
    expect(capture.lines).toEqual([expect.objectContaining({ level: 'debug', sql: SQL })]);
  });

  it('each line written during a request carries its id', () => {
    capture = captureLogs('info');
    withRequestLog('req-42', () => logger.info('inside'));
    logger.info('outside');
    expect(capture.lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['inside', 'req-42'],
      ['outside', undefined],
    ]);
  });
});

describe('effects carry the request id', () => {
  it("enqueueEffect puts the cause's request id beside the payload; the handler gets the payload alone", async () => {
    const { manager, sent } = recordingManager();
    await withRequestLog('req-effect-1', () => enqueueEffect(manager, 'applications.test', { applicationId: 'a' }));
    await enqueueEffect(manager, 'applications.test', { applicationId: 'b' });

    const carried = JSON.parse(String(sent[0]![1])) as unknown;
    expect(splitMetadata(carried)).toEqual({ payload: { applicationId: 'a' }, metadata: { requestId: 'req-effect-1' } });
    expect(splitMetadata(JSON.parse(String(sent[1]![1])))).toEqual({ payload: { applicationId: 'b' }, metadata: {} });
  });

  it('logs a client that went away mid-request at info, and any other request failure at error', () => {
    capture = captureLogs('debug');
    logRequestFailure(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    logRequestFailure(new Error('boom'));
    expect(capture.lines.map((line) => [line.level, line.msg])).toEqual([
      ['info', 'client closed the request before it was read'],
      ['error', 'request failed'],
    ]);
  });
});
