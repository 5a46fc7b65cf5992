// The per-request loaders of security incidents (第十八条): one scoped query per batch (two for a
// system's incidents: its links, then the incidents in scope).
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupByKeys, loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import type { SecurityIncidentEntity } from './security-incident.entity';
import { IncidentService } from './incident.service';

/** `recordScope` null: the principal may see no security records. */
export function createIncidentsLoaders(dataSource: DataSource, recordScope: Scope | null) {
  const incidents = new IncidentService(dataSource, recordScope);
  return {
    securityIncidentById: loaderByKey((ids) => incidents.byIds(ids), 'id'),
    securityIncidentPagesByProviderId: incidents.providerPages(),
    securityIncidentsBySystemId: new DataLoader<string, SecurityIncidentEntity[]>(async (systemIds) =>
      groupByKeys(systemIds, await incidents.bySystemIds(systemIds), (pair) => pair.systemId).map((pairs) =>
        pairs.map((pair) => pair.incident),
      ),
    ),
    // Asked only for incidents already loaded through a scoped query.
    affectedSystemsByIncidentId: loaderOfGroups((ids) => incidents.systemsByIncidentIds(ids), 'incidentId'),
    incidentTimelinePagesByIncidentId: incidents.timelinePages(),
  };
}
