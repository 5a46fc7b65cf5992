// The per-request loaders of AUTHORIZED_ACCESS (第二十三条): one scoped query per batch.
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { AccessGrantService } from './access-grant.service';
import { AccessRecordService } from './access-record.service';

/** `recordScope` null: the principal may see no security records. */
export function createAccessLoaders(dataSource: DataSource, recordScope: Scope | null) {
  const grants = new AccessGrantService(dataSource, recordScope);
  const records = new AccessRecordService(dataSource, recordScope);
  return {
    accessGrantById: loaderByKey((ids) => grants.byIds(ids), 'id'),
    accessGrantPagesBySystemId: grants.pagesBySystem(),
    /** Violations the principal may see on each system; 0 where none (or none in scope). */
    accessViolationCountBySystemId: new DataLoader<string, number>(async (systemIds) => {
      const counts = new Map((await records.violationCountsBySystemIds(systemIds)).map((row) => [row.systemId, row.count]));
      return systemIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
