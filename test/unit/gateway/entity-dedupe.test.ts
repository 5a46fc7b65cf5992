// The gateway's `_entities` deduplication (gateway/src/entity-dedupe.ts): repeats sent once, the
// answers fanned back out in the original order, errors reported at every position that asked.
import { describe, expect, it } from 'vitest';
import { dedupeRepresentations, fanOutEntities } from '../../../gateway/src/entity-dedupe';

const provider = (id: string) => ({ __typename: 'Provider', id });

describe('_entities deduplication', () => {
  it('sends each distinct representation once, in first-seen order', () => {
    const deduped = dedupeRepresentations([
      provider('a'),
      provider('b'),
      provider('a'),
      provider('c'),
      provider('b'),
      { __typename: 'Unit', id: 'a' },
    ]);
    expect(deduped).toEqual({
      unique: [provider('a'), provider('b'), provider('c'), { __typename: 'Unit', id: 'a' }],
      indexOf: [0, 1, 0, 2, 1, 3],
    });
  });

  it('tells representations apart by type, id and every other key field, whatever the key fields are', () => {
    const deduped = dedupeRepresentations([
      provider('a'),
      { __typename: 'Provider', id: 'a', region: '371602' },
      { __typename: 'Agreement', providerId: 'a', year: 2025 },
      { __typename: 'Agreement', providerId: 'a', year: 2026 },
      { __typename: 'Agreement', providerId: 'a', year: 2025 },
      // Type and id are not simply joined: Provide + ra is not Provider + a.
      { __typename: 'Provide', id: 'ra' },
      // Nor is a numeric id its string.
      { __typename: 'Unit', id: 7 },
      { __typename: 'Unit', id: '7' },
      { __typename: 'Provider', id: 'a', region: '371602' },
      provider('a'),
      { __typename: 'Unit', id: 7 },
    ]);
    expect(deduped!.indexOf).toEqual([0, 1, 2, 3, 2, 4, 5, 6, 1, 0, 5]);
    expect(deduped!.unique).toHaveLength(7);
  });

  it('leaves representations without repeats alone', () => {
    expect(dedupeRepresentations([provider('a'), provider('b')])).toBeUndefined();
    expect(dedupeRepresentations([])).toBeUndefined();
  });

  it('fans the answers back out in the original order, each repeat its own copy', () => {
    const deduped = dedupeRepresentations([provider('a'), provider('b'), provider('a'), provider('a'), provider('b')])!;
    const a = { name: 'A', region: { code: '371600' }, levels: [{ level: 3 }, null], active: true, score: 92.5 };
    const answer = { data: { _entities: [a, null] } };
    const fanned = fanOutEntities(answer, deduped);
    const copyOfA = { name: 'A', region: { code: '371600' }, levels: [{ level: 3 }, null], active: true, score: 92.5 };
    expect(fanned.data?._entities).toEqual([copyOfA, null, copyOfA, copyOfA, null]);
    const entities = fanned.data!._entities as Array<typeof a | null>;
    // The gateway merges later fetches into what it received: repeats must not share objects.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[3]!.region).not.toBe(entities[0]!.region);
    expect(entities[3]!.levels).not.toBe(entities[0]!.levels);
    expect(entities[3]!.levels[0]).not.toBe(entities[0]!.levels[0]);
  });

  it('reports an error of a distinct representation at every position that asked for it, the rest untouched', () => {
    const deduped = dedupeRepresentations([provider('a'), provider('b'), provider('a'), provider('c'), provider('b')])!;
    const answer = {
      data: { _entities: [{ name: 'A' }, null, { name: 'C' }] },
      errors: [
        { message: 'b failed', path: ['_entities', 1, 'name'], extensions: { code: 'NOT_FOUND' } },
        { message: 'a half failed', path: ['_entities', 0, 'agreements', 2] },
        { message: 'no path' },
      ],
    };
    const fanned = fanOutEntities(answer, deduped);
    expect(fanned.data?._entities).toEqual([{ name: 'A' }, null, { name: 'A' }, { name: 'C' }, null]);
    expect(fanned.errors).toEqual([
      { message: 'b failed', path: ['_entities', 1, 'name'], extensions: { code: 'NOT_FOUND' } },
      { message: 'b failed', path: ['_entities', 4, 'name'], extensions: { code: 'NOT_FOUND' } },
      { message: 'a half failed', path: ['_entities', 0, 'agreements', 2] },
      { message: 'a half failed', path: ['_entities', 2, 'agreements', 2] },
      { message: 'no path' },
    ]);
  });

  it('passes an answer without entities (the subgraph failed as a whole) through with its errors', () => {
    const deduped = dedupeRepresentations([provider('a'), provider('a')])!;
    const answer = { data: null, errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    expect(fanOutEntities(answer, deduped)).toEqual(answer);
  });
});
