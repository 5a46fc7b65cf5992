import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { WORLD_TODAY } from '../../seed/world/types';
import { seedSystemFacts } from '../contracts/system-facts-replica';
import { seedMonitoring } from './monitoring/monitoring.seed';
import { seedProviderEvaluations } from './provider-evaluation/provider-evaluation.seed';
import { seedUnitPerformance } from './unit-performance/unit-performance.seed';

/**
 * Loads the replica of the world's systems, its provider evaluations, a small deterministic
 * monitoring sample and the published unit performance results, in one transaction.
 */
export async function seed(dataSource: DataSource, world: World): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await seedSystemFacts(manager, world.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
    await seedProviderEvaluations(manager, world);
    await seedMonitoring(manager, world);
    // Last: it scores the replica and roll-ups inserted above.
    await seedUnitPerformance(manager, world);
  });
}
