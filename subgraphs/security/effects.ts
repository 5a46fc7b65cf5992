// The cross-subgraph effects the security subgraph handles, run by its worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import { GovCloudError } from '../kit/errors';
import { PermanentEffectError, type EffectTasks } from '../kit/jobs';
import { parseSystemFacts, type SystemFacts } from '../kit/system-facts';
import { upsertSystemFacts } from './services/system-fact.service';

export const SYSTEM_CHANGED_TASK = 'security.systemChanged';

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /**
     * An information system changed in the applications subgraph (go-live, migration, retirement):
     * the replica takes the facts unless it holds that revision or a newer one. A malformed payload
     * is refused for good.
     */
    [SYSTEM_CHANGED_TASK]: async (payload) => {
      let facts: SystemFacts;
      try {
        facts = parseSystemFacts(payload);
      } catch (error) {
        throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
      }
      await upsertSystemFacts(dataSource.manager, facts);
    },
  };
}
