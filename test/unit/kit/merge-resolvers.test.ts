import { describe, expect, it } from 'vitest';
import { mergeResolvers } from '../../../subgraphs/kit/merge-resolvers';

describe('mergeResolvers', () => {
  it('joins the fields of each type from every feature', () => {
    const a = () => 'a';
    const b = () => 'b';
    const c = () => 'c';
    expect(mergeResolvers({ Query: { a } }, { Query: { b }, Mutation: { c } })).toEqual({ Query: { a, b }, Mutation: { c } });
  });

  it('refuses a field two features both define', () => {
    expect(() => mergeResolvers({ Query: { a: () => 1 } }, { Query: { a: () => 2 } })).toThrow('resolver Query.a is defined twice');
  });
});
