import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { WORLD_TODAY } from '../../seed/world/types';
import { NO_COPIES, type WorldCopies } from '../../seed/world/scale';
import { seedSystemFacts } from '../contracts/system-facts-replica';
import { seedMonitoring } from './monitoring/monitoring.seed';
import { seedScaledSamples } from './monitoring/monitoring-scale.seed';
import { seedProviderEvaluations } from './provider-evaluation/provider-evaluation.seed';
import { seedUnitPerformance } from './unit-performance/unit-performance.seed';

/**
 * Loads the replica of the world's systems, its provider evaluations, a small deterministic
 * monitoring sample and the published unit performance results, in one transaction.
 */
export async function seed(dataSource: DataSource, world: World, scaled: WorldCopies = NO_COPIES): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await seedSystemFacts(manager, world.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`));
    await seedProviderEvaluations(manager, world);
    await seedMonitoring(manager, world);
    // Last: it scores the replica and roll-ups inserted above.
    await seedUnitPerformance(manager, world);
  });
  // A scaled world's copies (seed/world/scale.ts): the replica of their systems, then their raw samples.
  for (const [i, copy] of scaled.copies.entries()) {
    await dataSource.transaction((manager) => seedSystemFacts(manager, copy.systems, new Date(`${WORLD_TODAY}T00:00:00+08:00`)));
    scaled.onProgress?.('supervision', i + 1, scaled.copies.length);
  }
  await seedScaledSamples(dataSource, scaled);
}
