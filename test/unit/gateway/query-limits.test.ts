// The gateway's limits on the real API schema, without a server: depth, aliases, directives,
// tokens and cost (first × nesting), NUL escapes in literals. Each refusal names its limit.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, checkOperation, cyclicQuery } from './limits-harness';

const tooComplex = (limit: string) => expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit });

describe('the cyclic providers → hostedSystems → hostingProvider query of the incident', () => {
  it('one level (100 providers × 100 systems) is allowed: cost 50,401', async () => {
    expect(await checkOperation(cyclicQuery(1))).toEqual({ errors: [], cost: 50_401 });
  });

  it('two levels is refused by its cost, whatever the depth limit', async () => {
    const { errors } = await checkOperation(cyclicQuery(2));
    expect(errors).toEqual([tooComplex('COST')]);
    expect(errors[0]!.actual).toBeGreaterThan(5_000_000);
    expect(errors[0]!.message).toMatch(/查询代价 \(cost\)超出上限 100000/);
  });

  it.each([3, 4])('%i levels is refused by its depth, and by its cost when depth allows it', async (levels) => {
    expect((await checkOperation(cyclicQuery(levels))).errors).toEqual([tooComplex('DEPTH')]);
    const lenient = { ...DEFAULT_LIMITS, maxDepth: 100 };
    expect((await checkOperation(cyclicQuery(levels), {}, lenient)).errors).toEqual([tooComplex('COST')]);
  });

  it('the same through fragments and variables', async () => {
    const query = /* GraphQL */ `
      query Cyclic($n: Int) {
        providers(first: $n) {
          edges {
            node {
              ...P
            }
          }
        }
      }
      fragment P on Provider {
        name
        hostedSystems(first: $n) {
          edges {
            node {
              hostingProvider {
                ...Q
              }
            }
          }
        }
      }
      fragment Q on Provider {
        name
        hostedSystems(first: $n) {
          edges {
            node {
              name
            }
          }
        }
      }
    `;
    expect((await checkOperation(query, { n: 100 })).errors).toEqual([tooComplex('COST')]);
    expect(await checkOperation(query, { n: 10 })).toEqual({ errors: [], cost: expect.any(Number) });
  });
});

describe('cost', () => {
  it('counts every field and multiplies a connection by first, or the page size (20) when absent', async () => {
    // providers: 1 + 5 × (edges 1 + node (1 + name 1)) = 16
    expect((await checkOperation('{ providers(first: 5) { edges { node { name } } } }')).cost).toBe(16);
    expect((await checkOperation('{ providers { edges { node { name } } } }')).cost).toBe(1 + 20 * 3);
    // A first over the page maximum counts as 100: the subgraph refuses it with its own message.
    expect((await checkOperation('{ providers(first: 5000) { edges { node { name } } } }')).cost).toBe(1 + 100 * 3);
  });

  it('multiplies nested connections: 10 × 10 × 10 systems', async () => {
    const query = `{ providers(first: 10) { edges { node { hostedSystems(first: 10) { edges { node {
      hostingProvider { hostedSystems(first: 10) { edges { node { name } } } } } } } } } } }`;
    const { cost } = await checkOperation(query);
    expect(cost).toBeGreaterThan(10 * 10 * 10 * 3);
    expect(cost).toBeLessThan(10 * 10 * 10 * 4);
  });

  it('counts aliased copies of a field separately', async () => {
    const one = (await checkOperation('{ a: providers(first: 100) { edges { node { name } } } }')).cost!;
    const two = (
      await checkOperation('{ a: providers(first: 100) { edges { node { name } } } b: providers(first: 100) { edges { node { name } } } }')
    ).cost!;
    expect(two).toBe(2 * one);
  });

  it('refuses a fragment bomb (fragments that spread the next one twice, 2^30 fields)', async () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Provider { name ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`,
    );
    const query = `{ providers(first: 1) { edges { node { ...F0 } } } } ${fragments.join(' ')}`;
    expect((await checkOperation(query)).errors).toEqual([tooComplex('COST')]);
  });

  it('refuses variables that do not coerce with BAD_USER_INPUT, as execution would', async () => {
    const { errors } = await checkOperation('query ($n: Int) { providers(first: $n) { totalCount } }', { n: 'many' });
    expect(errors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT' })]);
  });
});

describe('document limits', () => {
  it('refuses more aliases than allowed (30), counting fragments each time they are spread', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: regions { code }`).join(' ');
    expect((await checkOperation(`{ ${aliases(30)} }`)).errors).toEqual([]);
    expect((await checkOperation(`{ ${aliases(31)} }`)).errors).toEqual([tooComplex('ALIASES')]);
    const viaFragment = `{ ...R ...R } fragment R on Query { ${aliases(16)} }`;
    expect((await checkOperation(viaFragment)).errors).toEqual([tooComplex('ALIASES')]);
  });

  it('refuses more directives than allowed (20)', async () => {
    const directives = (n: number) => `{ ${'__typename @skip(if: false) '.repeat(n)}}`;
    expect((await checkOperation(directives(20))).errors).toEqual([]);
    expect((await checkOperation(directives(21))).errors).toEqual([tooComplex('DIRECTIVES')]);
  });

  it('refuses deeper nesting than allowed (12), fragments counting as their fields', async () => {
    expect((await checkOperation(cyclicQuery(2), {}, { ...DEFAULT_LIMITS, maxCost: 1e9 })).errors).toEqual([]); // depth 12
    const deep = `{ ...A } fragment A on Query { providers { edges { node { ...B } } } }
      fragment B on Provider { hostedSystems { edges { node { hostingProvider { ...C } } } } }
      fragment C on Provider { hostedSystems { edges { node { hostingProvider { hostedSystems { totalCount } } } } } }`;
    expect((await checkOperation(deep)).errors).toEqual([tooComplex('DEPTH')]);
  });

  it('stops the parser at the token limit (1,000)', async () => {
    const fields = (n: number) => `{ ${'__typename '.repeat(n)}}`;
    // 1,000 tokens parse (graphql's own budget for comparing overlapping fields then stops validation).
    expect((await checkOperation(fields(998))).errors[0]!.message).not.toMatch(/tokens/);
    expect((await checkOperation(fields(999))).errors[0]!.message).toMatch(/Document contains more tha[nt] 1000 tokens/);
    // The 1.9 MB, 60,000-field query of the incident.
    const huge = `{ ${Array.from({ length: 60_000 }, (_, i) => `field${i}_abcdefgh: __typename`).join(' ')} }`;
    expect(huge.length).toBeGreaterThan(1_900_000);
    expect((await checkOperation(huge)).errors[0]!.message).toMatch(/Document contains more tha[nt] 1000 tokens/);
  });
});

describe('characters no text may hold', () => {
  it.each([String.raw`"a\u0000b"`, String.raw`"\u{0}"`, String.raw`"\u{0000}"`, String.raw`"\u001b[2J"`, String.raw`"\u{202E}"`])(
    'refuses the escape %s in a string literal',
    async (literal) => {
      const { errors } = await checkOperation(`{ providers(after: ${literal}) { totalCount } }`);
      expect(errors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/U\+0000/) })]);
    },
  );

  it('lets other escapes through', async () => {
    expect((await checkOperation(String.raw`{ providers(after: "\t\n \\u0000 \u00e9") { totalCount } }`)).errors).toEqual([]);
  });
});
