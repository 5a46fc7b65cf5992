import type { DataSource } from 'typeorm';
import { WORLD_TODAY, type World } from '../../seed/world';
import { NO_COPIES, type WorldCopies } from '../../seed/world/scale';
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
export async function seed(dataSource: DataSource, world: World, scaled: WorldCopies = NO_COPIES): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await seedSystemFacts(manager, world.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
    await seedAgreements(manager, world);
    await seedMlps(manager, world);
    await seedPlatform(manager, world);
    await seedAccess(manager, world);
    await seedInspections(manager, world);
    await seedIncidents(manager, world);
  });
  await seedCopies(dataSource, scaled);
}

/**
 * A scaled world's copies (seed/world/scale.ts), a transaction each: the replica of their systems,
 * their security agreements and MLPS records, and their system inspections with the findings.
 */
async function seedCopies(dataSource: DataSource, scaled: WorldCopies): Promise<void> {
  for (const [i, copy] of scaled.copies.entries()) {
    await dataSource.transaction(async (manager) => {
      await seedSystemFacts(manager, copy.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
      await seedAgreements(manager, copy);
      await seedMlps(manager, copy);
      await seedInspections(manager, copy, { systemsOnly: true });
    });
    scaled.onProgress?.('security', i + 1, scaled.copies.length);
  }
}
