// The cross-subgraph effects the applications subgraph handles, run by its worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import { CATALOG_CAP_CHANGED_TASK, parseCatalogCapChanged } from '../kit/catalog-cap-events';
import { GovCloudError } from '../kit/errors';
import { PermanentEffectError, type EffectTasks } from '../kit/jobs';
import { upsertCatalogCap } from './services/catalog-cap.service';

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /**
     * A basic-catalog cap changed in the providers subgraph (第八条): the replica CATALOG_CAP is
     * checked against takes it, unless it already holds that version or a newer one (idempotent,
     * whatever the order of delivery). A malformed payload is refused for good.
     */
    [CATALOG_CAP_CHANGED_TASK]: async (payload) => {
      let change: ReturnType<typeof parseCatalogCapChanged>;
      try {
        change = parseCatalogCapChanged(payload);
      } catch (error) {
        throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
      }
      await upsertCatalogCap(dataSource.manager, change);
    },
  };
}
