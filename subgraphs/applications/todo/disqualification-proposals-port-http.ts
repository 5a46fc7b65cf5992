// The PROVIDER_EVALUATION to-do port over HTTP: one GraphQL request to the providers subgraph, which
// owns the proposals, signed with the caller's principal. Asked when the list is read, so a decision
// takes a proposal off at once.
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { DisqualificationProposalsPortFor, PendingDisqualificationProposal } from './disqualification-proposals-port';

export const PENDING_PROPOSALS_QUERY = `query PendingDisqualificationProposals {
  pendingDisqualificationProposals(first: 100) {
    edges { node { id evaluationYear proposedOn provider { id name } } }
  }
}`;

interface Answer {
  pendingDisqualificationProposals: {
    edges: Array<{ node: { id: string; evaluationYear: number; proposedOn: string; provider: { id: string; name: string } } }>;
  } | null;
}

export function httpDisqualificationProposalsPort(providers: SubgraphClient): DisqualificationProposalsPortFor {
  return (principal) => ({
    async pendingProposals(): Promise<PendingDisqualificationProposal[]> {
      const { pendingDisqualificationProposals } = await providers.request<Answer>(principal, PENDING_PROPOSALS_QUERY, {});
      return (pendingDisqualificationProposals?.edges ?? []).map(({ node }) => ({
        id: node.id,
        providerName: node.provider.name,
        providerId: node.provider.id,
        evaluationYear: node.evaluationYear,
        proposedOn: node.proposedOn,
      }));
    },
  });
}
