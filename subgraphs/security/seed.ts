import type { DataSource } from 'typeorm';
import { WORLD_TODAY, type World } from '../../seed/world';
import { seedSystemFacts } from '../contracts/system-facts-replica';
import { seedAccess } from './access/access.seed';
import { seedAgreements } from './agreements/agreements.seed';
import { seedIncidents } from './incidents/incidents.seed';
import { seedInspections } from './inspections/inspections.seed';
import { seedMlps } from './mlps/mlps.seed';
import { seedPlatform } from './platform/platform.seed';

/**
 * Loads the world's security records, one feature after another, in one transaction, copying each
 * system's unit, region and provider onto its rows for scoping.
 */
export async function seed(dataSource: DataSource, world: World): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await seedSystemFacts(manager, world.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
    await seedAgreements(manager, world);
    await seedMlps(manager, world);
    await seedPlatform(manager, world);
    await seedAccess(manager, world);
    await seedInspections(manager, world);
    await seedIncidents(manager, world);
  });
}
