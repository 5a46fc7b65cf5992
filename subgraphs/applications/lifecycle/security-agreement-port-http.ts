// The SECURITY_AGREEMENT port over HTTP: one GraphQL request to the security subgraph, signed with
// the caller's principal so security applies the caller's scope (the bureau sees the whole city).
// Unreachable security is SERVICE_UNAVAILABLE (kit/subgraph-client.ts), never a pass.
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { SignedSecurityAgreement } from './security-agreement.rules';
import type { SecurityAgreementPortFor } from './security-agreement-port';

// Asked by system and provider, the facts this subgraph owns; the application an agreement cites is
// recorded by the signing unit, so it is not what decides.
export const SIGNED_SECURITY_AGREEMENT_QUERY = `query SignedSecurityAgreement($systemId: ID!, $providerId: ID!) {
  signedSecurityAgreement(systemId: $systemId, providerId: $providerId) { id number signedOn status }
}`;

interface Answer {
  signedSecurityAgreement: (SignedSecurityAgreement & { status: string }) | null;
}

export function httpSecurityAgreementPort(security: SubgraphClient): SecurityAgreementPortFor {
  return (principal) => ({
    async signedAgreementFor(systemId, providerId): Promise<SignedSecurityAgreement | null> {
      const { signedSecurityAgreement: found } = await security.request<Answer>(principal, SIGNED_SECURITY_AGREEMENT_QUERY, {
        systemId,
        providerId,
      });
      // Only an agreement in force counts, whatever the answer's shape.
      if (!found || found.status !== 'SIGNED') return null;
      return { id: found.id, number: found.number, signedOn: found.signedOn };
    },
  });
}
