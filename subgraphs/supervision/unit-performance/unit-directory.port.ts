// The names a published unit performance result carries (UNIT_PERFORMANCE, 第二十六条): every unit
// reads every unit's published result, but may see only its own Unit in the applications
// subgraph, so each result keeps its unit's code and name as published. ONE request to the
// applications subgraph per run; unreachable, or an answer missing a unit, is SERVICE_UNAVAILABLE.
import { ServiceUnavailableError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import { SUBGRAPH_LABELS, type SubgraphClient } from '../../kit/subgraph-client';

export interface UnitDirectoryEntry {
  unitCode: string;
  unitName: string;
}

/** Each unit's code and name, keyed by unit id; every unit asked for is there. */
export type UnitDirectoryPort = (principal: Principal, unitIds: readonly string[]) => Promise<Map<string, UnitDirectoryEntry>>;

export const UNIT_DIRECTORY_QUERY = `query UnitDirectory($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Unit { id code name } }
}`;

type DirectoryAnswer = { _entities: Array<{ id: string; code: string; name: string } | null> };

export function httpUnitDirectoryPort(applications: SubgraphClient): UnitDirectoryPort {
  return async (principal, unitIds) => {
    const directory = new Map<string, UnitDirectoryEntry>();
    if (unitIds.length === 0) return directory;
    const representations = unitIds.map((id) => ({ __typename: 'Unit', id }));
    const answer = await applications.request<DirectoryAnswer>(principal, UNIT_DIRECTORY_QUERY, { representations });
    for (const unit of answer._entities ?? []) {
      if (unit && typeof unit.code === 'string' && typeof unit.name === 'string') {
        directory.set(unit.id, { unitCode: unit.code, unitName: unit.name });
      }
    }
    if (unitIds.some((unitId) => !directory.has(unitId))) {
      throw new ServiceUnavailableError(`${SUBGRAPH_LABELS.applications}的答复不完整，请稍后重试`);
    }
    return directory;
  };
}
