// What the bureau's to-do list needs of the providers subgraph for PROVIDER_EVALUATION (第二十六条):
// the disqualification proposals a SEVERE evaluation made and the bureau has not yet decided. A
// port, so the rules are tested without HTTP; the subgraph runs it over HTTP
// (disqualification-proposals-port-http.ts).
import type { Principal } from '../../kit/principal';

/** A proposal awaiting the bureau's decision, as the caller may see it. */
export interface PendingDisqualificationProposal {
  id: string;
  providerName: string;
  /** The provider's id, for the list's filter (todoItems(filter: { providerId })). */
  providerId?: string;
  evaluationYear: number;
  /** The day the evaluation was finalized and the proposal made. */
  proposedOn: string;
}

export interface DisqualificationProposalsPort {
  /** The proposals still PENDING. Throws SERVICE_UNAVAILABLE when it cannot be asked. */
  pendingProposals(): Promise<PendingDisqualificationProposal[]>;
}

export type DisqualificationProposalsPortFor = (principal: Principal) => DisqualificationProposalsPort;
