// The utilisation port over HTTP: ONE `_entities` request to the supervision subgraph for all the
// systems of a settlement, signed with the caller's principal (supervision applies its scope).
// Unreachable, or an answer outside the contract, is SERVICE_UNAVAILABLE (kit/subgraph-client.ts).
import { ServiceUnavailableError } from '../../kit/errors';
import type { SubgraphClient } from '../../kit/subgraph-client';
import { UTILISATION_FLAGS } from './settlement.rules';
import type { UtilisationPortFor } from './utilisation-port';
import type { SettlementUtilisationFlag as UtilisationFlag } from '../generated/graphql';

export const YEAR_UTILISATION_QUERY = `query SettlementUtilisation($representations: [_Any!]!, $year: Int!) {
  _entities(representations: $representations) {
    ... on InformationSystem { id yearUtilisation(year: $year) { flag } }
  }
}`;

interface Answer {
  _entities: Array<{ id?: string; yearUtilisation?: { flag?: string } | null } | null>;
}

export function httpUtilisationPort(supervision: SubgraphClient): UtilisationPortFor {
  return (principal) => ({
    async yearFlags(systemIds, year) {
      const flags = new Map<string, UtilisationFlag>();
      if (systemIds.length === 0) return flags;
      const representations = systemIds.map((id) => ({ __typename: 'InformationSystem', id }));
      const answer = await supervision.request<Answer>(principal, YEAR_UTILISATION_QUERY, { representations, year });
      if (!Array.isArray(answer._entities) || answer._entities.length !== systemIds.length) {
        throw new ServiceUnavailableError('监督子图的资源利用率答复不完整，暂不能结算，请稍后重试');
      }
      answer._entities.forEach((entity, index) => {
        const flag = entity?.yearUtilisation?.flag;
        if (flag === undefined) return; // not answered: counted NO_DATA
        if (!UTILISATION_FLAGS.includes(flag as UtilisationFlag)) {
          throw new ServiceUnavailableError('监督子图的资源利用率答复无法识别，暂不能结算，请稍后重试');
        }
        flags.set(systemIds[index]!, flag as UtilisationFlag);
      });
      return flags;
    },
  });
}
