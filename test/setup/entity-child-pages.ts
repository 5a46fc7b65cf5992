// A child list under parents named by `_entities` (test/setup/child-pages.ts measures it): a subgraph
// test asks for `first` children of many entities of one type in one request, or walks one
// entity's list page by page, without a root list of parents in that subgraph.
import type { Principal } from '../../subgraphs/kit/principal';
import { measureChildPages, walkChildPages, type ChildPage, type MeasuredPages } from './child-pages';
import type { SubgraphForTest } from './subgraph';

/** `field(first: $first, after: $after)` of each `typename` entity in `$representations`, with totalCount and pageInfo. */
export function entitiesChildQuery(typename: string, field: string): string {
  return `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on ${typename} { id children: ${field}(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }
  }
}`;
}

type EntitiesChildren = { _entities: Array<{ children: ChildPage } | null> };

export interface MeasuredEntityPages extends MeasuredPages {
  /** Pages, one a parent. */
  parents: number;
  /** Pages with more children than they show: each costs one row more than it returns. */
  more: number;
}

/** `first` children of each of the `ids` entities in one request: what they cost (measureChildPages). */
export async function measureEntityChildPages(
  subgraph: SubgraphForTest,
  principal: Principal,
  typename: string,
  field: string,
  ids: readonly string[],
  first = 1,
): Promise<MeasuredEntityPages> {
  const measured = await measureChildPages<EntitiesChildren>(
    subgraph,
    principal,
    entitiesChildQuery(typename, field),
    { representations: ids.map((id) => ({ __typename: typename, id })), first },
    (data) => data._entities.flatMap((entity) => (entity ? [entity.children] : [])),
  );
  return { ...measured, parents: measured.pages.length, more: measured.pages.filter((page) => page.pageInfo?.hasNextPage).length };
}

/** Every child id of one entity's list, `size` a page (walkChildPages). */
export function walkEntityChildPages(
  subgraph: SubgraphForTest,
  principal: Principal,
  typename: string,
  field: string,
  id: string,
  size: number,
): Promise<string[]> {
  return walkChildPages<EntitiesChildren>(
    subgraph,
    principal,
    entitiesChildQuery(typename, field),
    { representations: [{ __typename: typename, id }] },
    (data) => data._entities[0]!.children,
    size,
  );
}
