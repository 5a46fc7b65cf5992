// Seed only: the security figures the 2025 unit performance result was scored on. At seed time the
// security subgraph is not serving, so they are counted here from the very rows its seed loads (the
// builders in seed/world/security-*.ts both seeds share, and MLPS_6M from contracts/mlps-schedule.ts),
// the way its unitSecuritySummaries counts them in SQL.
// An integration test holds the two together (test/integration/supervision/unit-performance-seed.test.ts).
import type { World } from '../../../seed/world';
import { buildAccessDemo } from '../../../seed/world/security-access';
import { buildIncidents } from '../../../seed/world/security-incidents';
import { buildInspections } from '../../../seed/world/security-inspections';
import { nextAssessmentDueOn } from '../../contracts/mlps-schedule';
import type { SecurityFigures } from './unit-performance.rules';

const SERIOUS = new Set(['PARTICULARLY_SERIOUS', 'SERIOUS']);

/** China's calendar day of an instant. */
const chinaDay = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function securityFiguresFromWorld(
  world: World,
  unitIds: readonly string[],
  year: number,
  referenceDate: string,
): Map<string, SecurityFigures> {
  const figures = new Map<string, SecurityFigures>(
    unitIds.map((unitId) => [
      unitId,
      {
        liveSystems: 0,
        mlpsOverdueSystems: 0,
        openRectifications: 0,
        overdueRectifications: 0,
        accessViolations: 0,
        incidents: 0,
        seriousIncidents: 0,
      },
    ]),
  );
  const from = `${year}-01-01`;
  const inYear = (instant: Date) => chinaDay(instant) >= from && chinaDay(instant) <= referenceDate;
  const mlpsBySystem = new Map(world.mlpsRecords.map((record) => [record.systemId, record]));
  for (const system of world.systems) {
    const unit = figures.get(system.unitId);
    if (!unit || !system.goLiveOn || system.goLiveOn > referenceDate || (system.retiredOn && system.retiredOn <= referenceDate)) continue;
    unit.liveSystems += 1;
    const record = mlpsBySystem.get(system.id);
    const dueOn = nextAssessmentDueOn({
      level: record?.grade ?? null,
      goLiveOn: system.goLiveOn,
      retiredOn: system.retiredOn,
      lastAssessedOn: record?.lastAssessedOn ?? null,
    });
    if (dueOn !== null && dueOn < referenceDate) unit.mlpsOverdueSystems += 1;
  }
  for (const finding of buildInspections(world).findings) {
    const unit = finding.ownerKind === 'UNIT' && finding.unitId ? figures.get(finding.unitId) : undefined;
    if (!unit || chinaDay(finding.createdAt) > referenceDate) continue;
    if (finding.closedAt && chinaDay(finding.closedAt) <= referenceDate) continue;
    unit.openRectifications += 1;
    if (finding.deadline < referenceDate) unit.overdueRectifications += 1;
  }
  for (const record of buildAccessDemo(world).records) {
    const unit = figures.get(record.unitId);
    if (unit && record.violation && inYear(record.accessedAt)) unit.accessViolations += 1;
  }
  const { incidents, systems } = buildIncidents(world);
  const unitsOf = new Map<string, Set<string>>();
  for (const incident of incidents) if (incident.unitId) unitsOf.set(incident.id, new Set([incident.unitId]));
  for (const link of systems) unitsOf.set(link.incidentId, (unitsOf.get(link.incidentId) ?? new Set()).add(link.unitId));
  for (const incident of incidents) {
    if (!inYear(incident.reportedAt)) continue;
    for (const unitId of unitsOf.get(incident.id) ?? []) {
      const unit = figures.get(unitId);
      if (!unit) continue;
      unit.incidents += 1;
      if (SERIOUS.has(incident.severity)) unit.seriousIncidents += 1;
    }
  }
  return figures;
}
