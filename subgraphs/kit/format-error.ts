import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { databaseErrorToClient } from './database-errors';
import { ErrorCode, GovCloudError } from './errors';
import { componentLogger } from './log';

/** Apollo's own codes for malformed requests; their messages are safe to show. */
const SAFE_APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE_VIOLATION',
  'SERVICE_UNAVAILABLE',
]);

/**
 * A Chinese lead for the English messages graphql-js and Apollo write under these codes (a syntax
 * error, an unknown field, a variable of the wrong type, a malformed HTTP request): the person
 * reading gets Chinese first, the developer the exact English after it. The persisted-query codes
 * keep their messages as they are: clients of that protocol compare the text (PersistedQueryNotFound).
 */
const CHINESE_LEADS: Readonly<Record<string, string>> = {
  GRAPHQL_PARSE_FAILED: '查询语法错误 (syntax error)',
  GRAPHQL_VALIDATION_FAILED: '查询与 schema 不符 (validation failed)',
  BAD_USER_INPUT: '参数或变量的值无效 (invalid value)',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作 (operation not resolved)',
  BAD_REQUEST: '请求格式有误 (bad request)',
};
const CJK = /[\u4e00-\u9fff]/;

/**
 * Whether a message opens in English: all of it, or three English words or more before its first
 * Chinese (graphql-js's `Variable "$i" got invalid value …; ` before a scalar's Chinese reason).
 */
function opensInEnglish(message: string): boolean {
  const firstChinese = message.search(CJK);
  if (firstChinese === -1) return true;
  return (message.slice(0, firstChinese).match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 3;
}

/** `formatted` with the Chinese lead of its code before a message that opens in English. */
function withChineseLead(formatted: GraphQLFormattedError, code: string): GraphQLFormattedError {
  const lead = CHINESE_LEADS[code];
  return lead && opensInEnglish(formatted.message) ? { ...formatted, message: `${lead}：${formatted.message}` } : formatted;
}

/**
 * Apollo answers some malformed requests with an error that carries an HTTP 4xx status but no code
 * of its own (an unsupported persisted-query version, a hash that does not match the query; Apollo
 * then formats it as INTERNAL_SERVER_ERROR): the client's mistake, not the server's, so BAD_REQUEST.
 */
function isUncodedClientError(original: unknown): boolean {
  // Duck-typed, as below: Apollo's error may come from the other copy of graphql.
  const extensions = (original as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null)?.extensions;
  const status = extensions?.http?.status;
  return extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500;
}

export interface FormatErrorOptions {
  /** Where unexpected errors are logged (without SQL, kit/log.ts). Default: the log, at error. */
  log?: (error: unknown) => void;
}

/**
 * Shows our own errors as they are and masks everything else, so no stack trace, SQL or driver
 * message ever reaches a client. The full error goes to the log.
 */
export function createFormatError(options: FormatErrorOptions = {}) {
  const logger = componentLogger('graphql');
  const log =
    options.log ??
    ((error: unknown) => (typeof error === 'string' ? logger.error(error) : logger.error({ err: error }, 'unexpected error')));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Apollo wraps what a validation rule reports in its own error (GRAPHQL_VALIDATION_FAILED);
    // one of ours keeps its stable code there, as it would when thrown anywhere else.
    const reported = ownErrorWrappedIn(original);
    if (reported) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return withChineseLead(
        { ...formatted, extensions: { ...extensions, code: reported.extensions.code } },
        String(reported.extensions.code),
      );
    }
    const code = formatted.extensions?.code;
    if (original instanceof GovCloudError || (typeof code === 'string' && SAFE_APOLLO_CODES.has(code))) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      // Ours are written in Chinese; one that wraps graphql's English (a variable that does not coerce) gets the lead too.
      return withChineseLead({ ...formatted, extensions }, String(extensions.code));
    }
    if (isUncodedClientError(original)) {
      return withChineseLead(
        { message: formatted.message, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } },
        ApolloServerErrorCode.BAD_REQUEST,
      );
    }
    // Any resolver that reached PostgreSQL benefits: a database away is retryable, a value it
    // refused is the client's; the message is ours, never the driver's (it may quote SQL or values).
    const database = databaseErrorToClient(original);
    if (database) {
      const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
      // An outage fails every request alike: one line each, not a stack trace each.
      if (database.extensions.code === ErrorCode.SERVICE_UNAVAILABLE)
        log(`[database] unavailable: ${(cause as Error)?.message ?? String(cause)}`);
      else log(cause);
      return { message: database.message, locations: formatted.locations, path: formatted.path, extensions: { ...database.extensions } };
    }
    log(original instanceof GraphQLError && original.originalError ? original.originalError : original);
    return {
      message: '服务器内部错误，请稍后重试或联系运维人员',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Duck-typed: Apollo's wrapper may come from the other copy of graphql (CommonJS beside ESM). */
function ownErrorWrappedIn(error: unknown): GovCloudError | undefined {
  const wrapped = (error as { originalError?: unknown } | null)?.originalError;
  return !(error instanceof GovCloudError) && wrapped instanceof GovCloudError ? wrapped : undefined;
}
