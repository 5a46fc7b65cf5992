import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { buildIncidents } from '../../../seed/world/security-incidents';
import { insertAll } from '../../kit/insert-all';
import { IncidentSystemEntity } from './incident-system.entity';
import { IncidentUpdateEntity } from './incident-update.entity';
import { SecurityIncidentEntity } from './security-incident.entity';

/** The world's incidents (第十八条), shared with the supervision seed (seed/world/security-incidents.ts). */
export async function seedIncidents(manager: EntityManager, world: World): Promise<void> {
  const { incidents, systems, updates } = buildIncidents(world);
  await insertAll(manager, SecurityIncidentEntity, incidents);
  await insertAll(manager, IncidentSystemEntity, systems);
  await insertAll(manager, IncidentUpdateEntity, updates);
}
