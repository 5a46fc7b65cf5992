// How the unit performance evaluation (UNIT_PERFORMANCE, 第二十六条) learns each unit's existing
// systems still off the cloud (ON_CLOUD, 第三条): ONE request to the applications subgraph per run
// (its offCloudUnitSummaries, city-wide), signed with the caller's principal. Unreachable, or an
// answer that is not the list it should be, is SERVICE_UNAVAILABLE: no unit is scored on a silent zero.
import { ServiceUnavailableError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import { SUBGRAPH_LABELS, type SubgraphClient } from '../../kit/subgraph-client';
import type { OffCloudFigures } from './unit-performance.rules';

/** A unit with systems off the cloud as of the year's reference day, and its region. */
export interface UnitOffCloudEntry extends OffCloudFigures {
  regionCode: string;
}

/** Every unit with a system off the cloud without exemption, keyed by unit id; a unit not there has none. */
export type UnitOffCloudPort = (principal: Principal, year: number) => Promise<Map<string, UnitOffCloudEntry>>;

export const OFF_CLOUD_UNIT_SUMMARIES_QUERY = `query OffCloudUnitSummaries($year: Int!) {
  offCloudUnitSummaries(year: $year) { unit { id } regionCode offCloudSystems overdueSystems }
}`;

type SummaryAnswer = {
  offCloudUnitSummaries: Array<{ unit: { id: string }; regionCode: string; offCloudSystems: number; overdueSystems: number }> | null;
};

const count = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

export function httpUnitOffCloudPort(applications: SubgraphClient): UnitOffCloudPort {
  return async (principal, year) => {
    const answer = await applications.request<SummaryAnswer>(principal, OFF_CLOUD_UNIT_SUMMARIES_QUERY, { year });
    const summaries = answer.offCloudUnitSummaries;
    const incomplete = () => new ServiceUnavailableError(`${SUBGRAPH_LABELS.applications}的答复不完整，请稍后重试`);
    if (!Array.isArray(summaries)) throw incomplete();
    const figures = new Map<string, UnitOffCloudEntry>();
    for (const summary of summaries) {
      const { offCloudSystems, overdueSystems } = summary;
      if (!count(offCloudSystems) || !count(overdueSystems) || typeof summary.regionCode !== 'string') throw incomplete();
      figures.set(summary.unit.id, { regionCode: summary.regionCode, offCloudSystems, overdueOffCloudSystems: overdueSystems });
    }
    return figures;
  };
}
