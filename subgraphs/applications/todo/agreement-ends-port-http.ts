// The TERM_MAX_3Y to-do port over HTTP: one GraphQL request to the providers subgraph, which owns
// agreements, signed with the caller's principal so providers applies the caller's visibility (a
// county authority sees the city's and its own county's agreements). Asked when the list is read,
// so a renewal shows at once: no replica to lag behind it.
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { AgreementEndsPortFor, AgreementInForce } from './agreement-ends-port';

export const AGREEMENTS_IN_FORCE_QUERY = `query AgreementsInForce($regionCode: String!) {
  agreements(regionCode: $regionCode, status: ACTIVE, first: 100) {
    edges { node { id number endsOn region { code } provider { id name } } }
  }
}`;

interface Answer {
  agreements: {
    edges: Array<{
      node: { id: string; number: string; endsOn: string; region: { code: string }; provider: { id: string; name: string } };
    }>;
  } | null;
}

export function httpAgreementEndsPort(providers: SubgraphClient): AgreementEndsPortFor {
  return (principal) => ({
    async agreementsInForce(regionCode): Promise<AgreementInForce[]> {
      const { agreements } = await providers.request<Answer>(principal, AGREEMENTS_IN_FORCE_QUERY, { regionCode });
      return (agreements?.edges ?? []).map(({ node }) => ({
        id: node.id,
        number: node.number,
        regionCode: node.region.code,
        providerName: node.provider.name,
        providerId: node.provider.id,
        endsOn: node.endsOn,
      }));
    },
  });
}
