// The per-request loaders of security incidents (第十八条): one scoped query per batch (a system's
// incidents through their links, in the same statement).
import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { IncidentService } from './incident.service';

/** `recordScope` null: the principal may see no security records. */
export function createIncidentsLoaders(dataSource: DataSource, recordScope: Scope | null) {
  const incidents = new IncidentService(dataSource, recordScope);
  return {
    securityIncidentById: loaderByKey((ids) => incidents.byIds(ids), 'id'),
    securityIncidentPagesByProviderId: incidents.providerPages(),
    securityIncidentPagesBySystemId: incidents.systemPages(),
    // Asked only for incidents already loaded through a scoped query.
    affectedSystemsByIncidentId: loaderOfGroups((ids) => incidents.systemsByIncidentIds(ids), 'incidentId'),
    incidentTimelinePagesByIncidentId: incidents.timelinePages(),
  };
}
