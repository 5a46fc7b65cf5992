import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { NO_COPIES, type WorldCopies } from '../../seed/world/scale';
import { seedCatalogCaps, seedSupplementaryEntries } from './catalog-caps/catalog-caps.seed';
import { seedLifecycle } from './lifecycle/lifecycle.seed';
import { seedOffCloudSystems } from './off-cloud/off-cloud.seed';
import { seedSettlements } from './settlement/settlement.seed';
import { seedSystems } from './systems/systems.seed';
import { seedUnits } from './units/units.seed';

/**
 * Loads the demo world's units, systems and applications, with their lifecycle rows (materials with
 * real files), and the replica of the basic-catalog caps, in one transaction, each feature's rows
 * after those they reference.
 */
export async function seed(dataSource: DataSource, world: World, scaled: WorldCopies = NO_COPIES): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await seedCatalogCaps(manager, world);
    await seedSupplementaryEntries(manager, world);
    await seedUnits(manager, world);
    await seedSystems(manager, world);
    await seedLifecycle(manager, world);
    // ON_CLOUD (第三条): the existing systems still off the cloud.
    await seedOffCloudSystems(manager, world);
  });
  // A scaled world's copies (seed/world/scale.ts): their units, systems and applications, a transaction each.
  for (const [i, copy] of scaled.copies.entries()) {
    await dataSource.transaction(async (manager) => {
      await seedUnits(manager, copy);
      await seedSystems(manager, copy);
      await seedLifecycle(manager, copy);
    });
    scaled.onProgress?.('applications', i + 1, scaled.copies.length);
  }
  // SETTLEMENT_JAN5 (第十六条): computed from the rows above, so after them.
  await seedSettlements(dataSource);
}
