import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
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
      return { ...formatted, extensions: { ...extensions, code: reported.extensions.code } };
    }
    const code = formatted.extensions?.code;
    if (original instanceof GovCloudError || (typeof code === 'string' && SAFE_APOLLO_CODES.has(code))) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
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
