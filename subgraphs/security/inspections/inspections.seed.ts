import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { buildInspections } from '../../../seed/world/security-inspections';
import { insertAll } from '../../kit/insert-all';
import { InspectionFindingEntity } from './inspection-finding.entity';
import { SecurityInspectionEntity } from './security-inspection.entity';

/** The world's inspections and findings (第十九条), shared with the supervision seed (seed/world/security-inspections.ts). */
export async function seedInspections(manager: EntityManager, world: World): Promise<void> {
  const { inspections, findings } = buildInspections(world);
  await insertAll(manager, SecurityInspectionEntity, inspections);
  await insertAll(manager, InspectionFindingEntity, findings);
}
