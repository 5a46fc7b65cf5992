// A subgraph refuses to start with a Mutation field that bypasses the kit's pipeline.
import { describe, expect, it } from 'vitest';
import { Role } from '../../../subgraphs/kit/principal';
import { mutation } from '../../../subgraphs/kit/mutation';
import { assertMutationsThroughPipeline } from '../../../subgraphs/kit/subgraph-server';

const declared = mutation({ roles: [Role.BUREAU], run: async () => null });

describe('assertMutationsThroughPipeline', () => {
  it('accepts Mutation fields declared with mutation()', () => {
    expect(() => assertMutationsThroughPipeline('providers', { Mutation: { designateProvider: declared } })).not.toThrow();
  });

  it('names each Mutation field written as a plain resolver', () => {
    expect(() =>
      assertMutationsThroughPipeline('providers', {
        Mutation: { designateProvider: declared, sneak: async () => null, other: () => null },
      }),
    ).toThrow('providers: Mutation.sneak, Mutation.other must be declared with mutation()');
  });
});
