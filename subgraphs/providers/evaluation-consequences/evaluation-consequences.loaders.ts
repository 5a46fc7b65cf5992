import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { disqualificationsByExitIds, rectificationPagesByProvider, rectificationsByProviderIds } from './evaluation-consequence.service';
import { proposalPagesByProvider, proposalsByIds } from './disqualification-proposal.service';

/**
 * PROVIDER_EVALUATION's consequences, public like the providers they concern, but for disqualification
 * proposals, which a provider sees only about itself (like its evaluations): one query per batch each.
 */
export function createEvaluationConsequencesLoaders(dataSource: DataSource, scope: Scope) {
  return {
    rectificationsByProviderId: loaderOfGroups((ids) => rectificationsByProviderIds(dataSource, ids), 'providerId'),
    rectificationPagesByProviderId: rectificationPagesByProvider(dataSource),
    disqualificationByExitId: loaderByKey((ids) => disqualificationsByExitIds(dataSource, ids), 'exitId'),
    disqualificationProposalPagesByProviderId: proposalPagesByProvider(dataSource, scope),
    disqualificationProposalById: loaderByKey((ids) => proposalsByIds(dataSource, scope, ids), 'id'),
  };
}
