// How the unit performance evaluation (UNIT_PERFORMANCE, 第二十六条) learns each unit's security
// status and MLPS work: ONE request to the security subgraph per run, for every unit, signed with
// the caller's principal. Unreachable security, or an answer that does not cover every unit, is
// SERVICE_UNAVAILABLE (kit/subgraph-client.ts): a unit is never scored on a silent zero.
import { ServiceUnavailableError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import { SUBGRAPH_LABELS, type SubgraphClient } from '../../kit/subgraph-client';
import type { SecurityFigures } from './unit-performance.rules';

/** Each unit's figures, keyed by unit id; every unit asked for is there. */
export type UnitSecurityPort = (principal: Principal, unitIds: readonly string[], year: number) => Promise<Map<string, SecurityFigures>>;

export const UNIT_SECURITY_SUMMARIES_QUERY = `query UnitSecuritySummaries($unitIds: [ID!]!, $year: Int!) {
  unitSecuritySummaries(unitIds: $unitIds, year: $year) {
    unit { id } liveSystems mlpsOverdueSystems openRectifications overdueRectifications accessViolations incidents seriousIncidents
  }
}`;

type SummaryAnswer = { unitSecuritySummaries: Array<SecurityFigures & { unit: { id: string } }> };

const FIELDS: ReadonlyArray<keyof SecurityFigures> = [
  'liveSystems',
  'mlpsOverdueSystems',
  'openRectifications',
  'overdueRectifications',
  'accessViolations',
  'incidents',
  'seriousIncidents',
];

export function httpUnitSecurityPort(security: SubgraphClient): UnitSecurityPort {
  return async (principal, unitIds, year) => {
    const figures = new Map<string, SecurityFigures>();
    if (unitIds.length === 0) return figures;
    const answer = await security.request<SummaryAnswer>(principal, UNIT_SECURITY_SUMMARIES_QUERY, { unitIds, year });
    for (const summary of answer.unitSecuritySummaries ?? []) {
      if (FIELDS.some((field) => !Number.isInteger(summary[field]) || summary[field] < 0)) continue;
      figures.set(summary.unit.id, Object.fromEntries(FIELDS.map((field) => [field, summary[field]])) as unknown as SecurityFigures);
    }
    if (unitIds.some((unitId) => !figures.has(unitId))) {
      throw new ServiceUnavailableError(`${SUBGRAPH_LABELS.security}的答复不完整，请稍后重试`);
    }
    return figures;
  };
}
