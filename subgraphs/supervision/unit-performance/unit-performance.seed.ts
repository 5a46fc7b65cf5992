// Demo: the published 2025 unit performance results (UNIT_PERFORMANCE, 第二十六条), scored by the
// run's own code on the seeded replica and daily roll-ups, with the security figures counted from
// the security seed's rows (unit-security-figures.seed.ts). Deterministic: stable ids, fixed times.
import type { EntityManager } from 'typeorm';
import { WORLD_TODAY, type World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { stableId } from '../../kit/stable-id';
import { UnitPerformanceEvaluationEntity } from './unit-performance-evaluation.entity';
import { securityFiguresFromWorld } from './unit-security-figures.seed';
import { insertResults, scoredResults, unitResourceRows } from './unit-performance-run.service';
import { evaluationReferenceDate } from './unit-performance.rules';

export const SEEDED_UNIT_PERFORMANCE_YEAR = 2025;
/** Run in mid-January and circulated a few days later, as the bureau would. */
const EVALUATED_AT = new Date('2026-01-15T10:00:00+08:00');
const PUBLISHED_AT = new Date('2026-01-20T10:00:00+08:00');

/** Needs the system facts and daily roll-ups already inserted in `manager`'s transaction. */
export async function seedUnitPerformance(manager: EntityManager, world: World): Promise<void> {
  const year = SEEDED_UNIT_PERFORMANCE_YEAR;
  const referenceDate = evaluationReferenceDate(year, WORLD_TODAY);
  const units = await unitResourceRows(manager, year, referenceDate);
  const security = securityFiguresFromWorld(
    world,
    units.map((unit) => unit.unitId),
    year,
    referenceDate,
  );
  const evaluationId = stableId('supervision.unit-performance-evaluation', String(year));
  await insertAll(manager, UnitPerformanceEvaluationEntity, [
    {
      id: evaluationId,
      year,
      status: 'PUBLISHED',
      referenceDate,
      unitCount: units.length,
      evaluatedAt: EVALUATED_AT,
      evaluatedBy: 'seed-bureau',
      publishedAt: PUBLISHED_AT,
      publishedBy: 'seed-bureau',
    },
  ]);
  const directory = new Map(world.units.map((unit) => [unit.id, { unitCode: unit.code, unitName: unit.name }]));
  // The demo's systems off the cloud were registered in 2026 (applications/off-cloud/off-cloud.seed.ts): none counts for 2025.
  const results = scoredResults(evaluationId, year, units, security, directory, new Map(), (unitId) =>
    stableId('supervision.unit-performance-result', `${year}:${unitId}`),
  );
  await insertResults(
    manager,
    results.map((result) => ({ ...result, publishedAt: PUBLISHED_AT })),
  );
}
