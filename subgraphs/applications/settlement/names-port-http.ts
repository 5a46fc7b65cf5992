// The settlement CSV's names over HTTP: one `_entities` request to the providers subgraph, signed
// with the caller's principal. A line's entry is basic or supplementary, so each id is asked as
// both; the kind it is not answers null.
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { SettlementNamesPortFor } from './names-port';

export const SETTLEMENT_NAMES_QUERY = `query SettlementNames($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Provider { id name }
    ... on BasicCatalogEntry { id serviceItem { name } }
    ... on SupplementaryCatalogEntry { id name }
  }
}`;

type Entity = { id: string; name?: string; serviceItem?: { name: string } } | null;

export function httpSettlementNamesPort(providers: SubgraphClient): SettlementNamesPortFor {
  return (principal) => ({
    async namesOf(providerIds, catalogEntryIds) {
      const representations = [
        ...providerIds.map((id) => ({ __typename: 'Provider', id })),
        ...catalogEntryIds.flatMap((id) => [
          { __typename: 'BasicCatalogEntry', id },
          { __typename: 'SupplementaryCatalogEntry', id },
        ]),
      ];
      const names = { providers: new Map<string, string>(), catalogEntries: new Map<string, string>() };
      if (representations.length === 0) return names;
      const { _entities } = await providers.request<{ _entities: Entity[] }>(principal, SETTLEMENT_NAMES_QUERY, { representations });
      _entities.forEach((entity, index) => {
        if (!entity) return;
        const target = index < providerIds.length ? names.providers : names.catalogEntries;
        target.set(entity.id, entity.serviceItem?.name ?? entity.name ?? '');
      });
      return names;
    },
  });
}
