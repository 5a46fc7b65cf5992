// The DateTime and Date scalars of kit/shared.graphql, in every subgraph's resolver map
// (subgraph-server.ts). Refusals are the client's: BAD_USER_INPUT naming the expected format.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { dateInChina, isIsoDate } from './dates';
import { BadUserInputError } from './errors';
import { formatInstant, INSTANT_EXAMPLE, parseInstant } from './instants';

const DATE_TIME_REFUSED = `时间点 (DateTime) 须为带时区的 ISO 8601 时间，如 ${INSTANT_EXAMPLE}`;
const DATE_REFUSED = '日期 (Date) 须为 YYYY-MM-DD 格式的有效日期，如 2026-11-26';

/** Input from a variable (`value`) or a literal (`node`, which must be a string). */
function inputText(node: ValueNode): unknown {
  return node.kind === Kind.STRING ? node.value : undefined;
}

function toDateTime(value: unknown): Date {
  const instant = parseInstant(value);
  if (!instant) throw new BadUserInputError(DATE_TIME_REFUSED);
  return instant;
}

function toDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new BadUserInputError(DATE_REFUSED);
  return value;
}

// A resolver returning something else is our bug, not the client's: a plain error, masked as internal.
function notOutput(scalar: string, value: unknown): never {
  throw new GraphQLError(`${scalar} cannot represent ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`);
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return formatInstant(value);
    const instant = parseInstant(value);
    return instant ? formatInstant(instant) : notOutput('DateTime', value);
  },
  parseValue: toDateTime,
  parseLiteral: (node) => toDateTime(inputText(node)),
});

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return dateInChina(value);
    return typeof value === 'string' && isIsoDate(value) ? value : notOutput('Date', value);
  },
  parseValue: toDate,
  parseLiteral: (node) => toDate(inputText(node)),
});

/** Merged into every subgraph's resolvers, like the Region resolvers. */
export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar };
