// The gateway's formatError: the kit's (our errors as they are, everything else masked), plus
// two things only the edge needs.
// - graphql's parser stops at `maxTokens` with an English syntax error; it becomes our
//   QUERY_TOO_COMPLEX (limit TOKENS), like the other limits.
// - With `hideSuggestions` (production), "Did you mean …?" is cut from every message: with
//   introspection off, suggestions would still spell out the schema field by field. Apollo's
//   hideSchemaDetailsFromClientErrors only covers validation errors, not variable coercion.
import type { GraphQLFormattedError } from 'graphql';
import { QueryTooComplexError } from '../../../subgraphs/kit/errors';
import { createFormatError, type FormatErrorOptions } from '../../../subgraphs/kit/format-error';

export interface GatewayFormatErrorOptions extends FormatErrorOptions {
  /** Cut "Did you mean …?" from messages. Default false; true in production. */
  hideSuggestions?: boolean;
}

// graphql 16 spells it "more that"; a fixed spelling matches too.
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/** The token limit graphql's parser enforced, when this is its error message. */
export function tokenLimitIn(message: string): number | undefined {
  const match = TOKEN_LIMIT.exec(message);
  return match ? Number(match[1]) : undefined;
}
const SUGGESTION = / ?Did you mean .+?\?/g;

export function createGatewayFormatError(options: GatewayFormatErrorOptions = {}) {
  const base = createFormatError(options);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const tokenLimit = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitIn(formatted.message) : undefined;
    if (tokenLimit !== undefined) {
      const ours = new QueryTooComplexError('TOKENS', tokenLimit);
      const { http: _http, ...extensions } = ours.extensions;
      return { message: ours.message, extensions };
    }
    const result = base(formatted, error);
    return options.hideSuggestions ? { ...result, message: result.message.replace(SUGGESTION, '') } : result;
  };
}
