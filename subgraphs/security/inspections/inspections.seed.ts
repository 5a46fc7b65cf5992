import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { buildInspections } from '../../../seed/world/security-inspections';
import { insertAll } from '../../kit/insert-all';
import { InspectionFindingEntity } from './inspection-finding.entity';
import { SecurityInspectionEntity } from './security-inspection.entity';

/**
 * The world's inspections and findings (第十九条), shared with the supervision seed (seed/world/security-inspections.ts).
 * `systemsOnly`: a scaled world's copy (seed/world/scale.ts) has its own system inspections; the platform's is the demo's.
 */
export async function seedInspections(manager: EntityManager, world: World, options: { systemsOnly?: boolean } = {}): Promise<void> {
  const built = buildInspections(world);
  const inspections = options.systemsOnly
    ? built.inspections.filter((inspection) => inspection.targetKind === 'SYSTEM')
    : built.inspections;
  const kept = new Set(inspections.map((inspection) => inspection.id));
  const findings = built.findings.filter((finding) => kept.has(finding.inspectionId));
  await insertAll(manager, SecurityInspectionEntity, inspections);
  await insertAll(manager, InspectionFindingEntity, findings);
}
