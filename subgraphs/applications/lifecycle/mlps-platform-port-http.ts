// The MLPS_PLATFORM_LEVEL port over HTTP: ONE `_entities` request to the security subgraph for the
// system's grading and the platform's filing, signed with the caller's principal (security applies
// its scope: a unit sees its own system's grading; a platform's profile is a qualification every
// government role may check). Unreachable, or an answer outside the contract, is SERVICE_UNAVAILABLE.
import { ServiceUnavailableError } from '../../kit/errors';
import type { SubgraphClient } from '../../kit/subgraph-client';
import type { MlpsPlatformPortFor } from './mlps-platform-port';

export const HOSTING_LEVELS_QUERY = `query HostingLevels($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InformationSystem { id mlps { level } }
    ... on Provider { id securityProfile { platformMlpsLevel } }
  }
}`;

interface Answer {
  _entities: [{ mlps?: { level?: unknown } | null } | null, { securityProfile?: { platformMlpsLevel?: unknown } | null } | null];
}

const level = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new ServiceUnavailableError('安全子图的等级保护答复无法识别，请稍后重试');
  return value;
};

export function httpMlpsPlatformPort(security: SubgraphClient): MlpsPlatformPortFor {
  return (principal) => ({
    async levelsFor(systemId, providerId) {
      const representations = [
        { __typename: 'InformationSystem', id: systemId },
        { __typename: 'Provider', id: providerId },
      ];
      const answer = await security.request<Answer>(principal, HOSTING_LEVELS_QUERY, { representations });
      if (!Array.isArray(answer._entities) || answer._entities.length !== 2) {
        throw new ServiceUnavailableError('安全子图的等级保护答复不完整，请稍后重试');
      }
      const [system, provider] = answer._entities;
      return { systemLevel: level(system?.mlps?.level), platformLevel: level(provider?.securityProfile?.platformMlpsLevel) };
    },
  });
}
