// Loads the demo world's providers, service items, catalogs (with each first cap's history) and
// agreements, in one transaction. Deterministic: ids and timestamps come from the world, never from the clock.
import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { seedAgreements } from './agreements/agreements.seed';
import { seedCatalogs } from './catalogs/catalogs.seed';
import { seedDirectory } from './directory/directory.seed';

export async function seed(dataSource: DataSource, world: World): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await seedDirectory(manager, world);
    await seedCatalogs(manager, world);
    await seedAgreements(manager, world);
  });
}
