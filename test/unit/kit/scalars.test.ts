import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormatError } from '../../../subgraphs/kit/format-error';
import { createGraphQLHttpHandler } from '../../../subgraphs/kit/http';
import { formatInstant, parseInstant, requireInstant } from '../../../subgraphs/kit/instants';
import { mergeResolvers } from '../../../subgraphs/kit/merge-resolvers';
import { DateScalar, DateTimeScalar, scalarResolvers } from '../../../subgraphs/kit/scalar-resolvers';

// A test subgraph with the kit's shared types and scalars, served as the real subgraphs are
// (kit/http.ts, kit/format-error.ts), with fields that echo what the scalars parsed.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
  ${readFileSync(new URL('../../../subgraphs/kit/shared.graphql', import.meta.url), 'utf8')}
  type Query {
    instant(at: DateTime!): DateTime!
    parsedIsDate(at: DateTime!): Boolean!
    day(on: Date!): Date!
    dayOf(at: DateTime!): Date!
    badOutput: DateTime
  }
`);

const resolvers = mergeResolvers(scalarResolvers, {
  Query: {
    instant: (_: unknown, args: { at: Date }) => args.at,
    parsedIsDate: (_: unknown, args: { at: unknown }) => args.at instanceof Date,
    day: (_: unknown, args: { on: string }) => args.on,
    dayOf: (_: unknown, args: { at: Date }) => args.at,
    badOutput: () => 'yesterday',
  },
});

let server: Server;
let apollo: ApolloServer;
let url: string;

beforeAll(async () => {
  apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    formatError: createFormatError({ log: () => {} }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  server = createServer(createGraphQLHttpHandler(apollo, { context: async () => ({}) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await apollo.stop();
  await new Promise((resolve) => server.close(resolve));
});

async function post(query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

describe('DateTime over HTTP', () => {
  it('parses a variable or a literal with any offset into a Date and emits it in Beijing time (+08:00) with milliseconds', async () => {
    const body = await post(
      'query ($at: DateTime!) { instant(at: $at) parsedIsDate(at: $at) literal: instant(at: "2026-11-26T09:30:00.5+08:00") }',
      {
        at: '2026-11-26T09:30:00+08:00',
      },
    );
    expect(body).toEqual({
      data: { instant: '2026-11-26T09:30:00.000+08:00', parsedIsDate: true, literal: '2026-11-26T09:30:00.500+08:00' },
    });
  });

  it('emits a UTC input, and one across midnight in Beijing, as the same instant at +08:00', async () => {
    const body = await post('query ($at: DateTime!) { instant(at: $at) other: instant(at: "2026-12-31T23:30:00-05:00") }', {
      at: '2026-01-04T08:00:00Z',
    });
    expect(body).toEqual({ data: { instant: '2026-01-04T16:00:00.000+08:00', other: '2027-01-01T12:30:00.000+08:00' } });
    expect(new Date(body.data!['instant'] as string).getTime()).toBe(Date.parse('2026-01-04T08:00:00Z'));
  });

  for (const bad of ['2026-11-26T09:30:00', '2026-02-30T09:30:00Z', '2026-11-26T24:00:00Z', '2026-11-26', 'yesterday']) {
    it(`refuses ${bad} as a variable and as a literal with BAD_USER_INPUT naming the format`, async () => {
      const asVariable = await post('query ($at: DateTime!) { instant(at: $at) }', { at: bad });
      const asLiteral = await post(`{ instant(at: ${JSON.stringify(bad)}) }`);
      for (const body of [asVariable, asLiteral]) {
        expect(body.data ?? null).toBeNull();
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.message).toContain('带时区的 ISO 8601 时间');
      }
    });
  }

  it('refuses a number literal or variable with BAD_USER_INPUT too', async () => {
    expect((await post('{ instant(at: 1764120600000) }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await post('query ($at: DateTime!) { instant(at: $at) }', { at: 1764120600000 })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it("masks a resolver that returns something that is not an instant (our bug, not the client's)", async () => {
    const body = await post('{ badOutput }');
    expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('Date over HTTP', () => {
  it('passes a real calendar date through and gives a DateTime its day in China', async () => {
    const body = await post('query ($on: Date!) { day(on: $on) dayOf(at: "2026-11-25T16:30:00Z") }', { on: '2026-02-28' });
    expect(body).toEqual({ data: { day: '2026-02-28', dayOf: '2026-11-26' } });
  });

  for (const bad of ['2026-02-30', '2026-2-3', '2026-11-26T00:00:00Z']) {
    it(`refuses ${bad} as a variable and as a literal with BAD_USER_INPUT naming YYYY-MM-DD`, async () => {
      for (const body of [
        await post('query ($on: Date!) { day(on: $on) }', { on: bad }),
        await post(`{ day(on: ${JSON.stringify(bad)}) }`),
      ]) {
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.message).toContain('YYYY-MM-DD');
      }
    });
  }
});

describe('the scalars and instant helpers directly', () => {
  it('serialize an ISO string with an offset the same as the Date it names', () => {
    expect(DateTimeScalar.serialize('2026-11-26T09:30:00+08:00')).toBe(formatInstant(new Date('2026-11-26T01:30:00Z')));
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow();
    expect(DateScalar.serialize('2026-11-26')).toBe('2026-11-26');
    expect(() => DateScalar.serialize('2026-02-30')).toThrow();
  });

  it('parseInstant keeps milliseconds and needs an offset; requireInstant names the field', () => {
    expect(parseInstant('2026-11-26T09:30:00.123456789Z')?.toISOString()).toBe('2026-11-26T09:30:00.123Z');
    expect(parseInstant('2026-11-26T09:30+08:00')?.toISOString()).toBe('2026-11-26T01:30:00.000Z');
    expect(parseInstant('2026-11-26T09:30:00+15:00')).toBeNull();
    expect(parseInstant(20261126)).toBeNull();
    expect(() => requireInstant('2026-11-26 09:30', 'detectedAt', '发现时间')).toThrow(/发现时间（detectedAt）须为带时区的 ISO 8601 时间/);
  });
});
