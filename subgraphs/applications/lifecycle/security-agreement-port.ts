// What the applications subgraph needs of the security subgraph to check SECURITY_AGREEMENT
// (第二十二条) when the bureau accepts an application: the agreement in force for the system with
// the chosen provider. A port, so services are tested without HTTP; the subgraph runs it over HTTP
// (security-agreement-port-http.ts).
import type { Principal } from '../../kit/principal';
import type { SignedSecurityAgreement } from './security-agreement.rules';

export interface SecurityAgreementPort {
  /**
   * The signed agreement covering `systemId` with `providerId`, as the caller sees it; null when
   * there is none. Throws SERVICE_UNAVAILABLE when it cannot be asked: never an answer that passes.
   */
  signedAgreementFor(systemId: string, providerId: string): Promise<SignedSecurityAgreement | null>;
}

export type SecurityAgreementPortFor = (principal: Principal) => SecurityAgreementPort;
