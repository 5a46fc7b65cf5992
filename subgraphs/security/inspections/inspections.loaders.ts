// The per-request loaders of inspections and rectifications (第十九条): one scoped query per batch.
import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { InspectionService } from './inspection.service';

/** `recordScope` null: the principal may see no security records. */
export function createInspectionsLoaders(dataSource: DataSource, recordScope: Scope | null) {
  const inspections = new InspectionService(dataSource, recordScope);
  return {
    securityInspectionById: loaderByKey((ids) => inspections.inspectionsByIds(ids), 'id'),
    inspectionFindingById: loaderByKey((ids) => inspections.findingsByIds(ids), 'id'),
    findingPagesByInspectionId: inspections.findingPagesByInspection(),
    openRectificationPagesByProviderId: inspections.openRectificationPagesByProvider(),
    openRectificationPagesBySystemId: inspections.openRectificationPagesBySystem(),
  };
}
