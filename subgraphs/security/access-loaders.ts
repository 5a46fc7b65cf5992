import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import { AccessGrantService } from './services/access-grant.service';
import { AccessRecordService } from './services/access-record.service';
import { securityScopeOf } from './services/scope';

/** AUTHORIZED_ACCESS's loaders (第二十三条), spread into the subgraph's: one scoped query per batch. */
export function createAccessLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const recordScope = securityScopeOf(principal, scope);
  const grants = new AccessGrantService(dataSource, recordScope);
  const records = new AccessRecordService(dataSource, recordScope);
  return {
    accessGrantById: loaderByKey((ids) => grants.byIds(ids), 'id'),
    accessGrantsBySystemId: loaderOfGroups((systemIds) => grants.bySystemIds(systemIds), 'systemId'),
    /** Violations the principal may see on each system; 0 where none (or none in scope). */
    accessViolationCountBySystemId: new DataLoader<string, number>(async (systemIds) => {
      const counts = new Map((await records.violationCountsBySystemIds(systemIds)).map((row) => [row.systemId, row.count]));
      return systemIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
