// The DESIGNATED_PROVIDER port over HTTP: one GraphQL request to the providers subgraph, signed with
// the caller's principal so providers applies the caller's scope (a unit sees the city's and its
// own county's agreements). Unreachable providers is SERVICE_UNAVAILABLE (kit/subgraph-client.ts).
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { ProviderDesignation } from './designated-provider.rules';
import type { DesignationPortFor } from './designation-port';

export const PROVIDER_DESIGNATION_QUERY = `query ProviderDesignation($id: ID!, $regionCode: String!) {
  provider(id: $id) {
    id name status acceptsNewApplications(regionCode: $regionCode) qualified qualificationValidUntil
    agreements(regionCode: $regionCode, first: 100) {
      edges { node { number active startsOn endsOn testEnvironmentDeliveryDays region { code } } }
    }
  }
}`;

interface Answer {
  provider: {
    id: string;
    name: string;
    status: string;
    acceptsNewApplications: boolean;
    qualified: boolean;
    qualificationValidUntil: string | null;
    agreements: {
      edges: Array<{
        node: {
          number: string;
          active: boolean;
          startsOn: string;
          endsOn: string;
          testEnvironmentDeliveryDays: number;
          region: { code: string };
        };
      }>;
    };
  } | null;
}

export function httpDesignationPort(providers: SubgraphClient): DesignationPortFor {
  return (principal) => ({
    async designationOf(providerId, regionCode): Promise<ProviderDesignation | null> {
      const { provider } = await providers.request<Answer>(principal, PROVIDER_DESIGNATION_QUERY, { id: providerId, regionCode });
      if (!provider) return null;
      return {
        id: provider.id,
        name: provider.name,
        status: provider.status,
        acceptsNewApplications: provider.acceptsNewApplications,
        qualified: provider.qualified,
        qualificationValidUntil: provider.qualificationValidUntil,
        agreements: provider.agreements.edges.map(({ node }) => ({
          number: node.number,
          regionCode: node.region.code,
          active: node.active,
          startsOn: node.startsOn,
          endsOn: node.endsOn,
          testEnvironmentDeliveryDays: node.testEnvironmentDeliveryDays,
        })),
      };
    },
  });
}
