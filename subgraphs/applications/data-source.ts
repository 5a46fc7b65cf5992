import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { ApplicationEventEntity } from './lifecycle/application-event.entity';
import { ApplicationEntity } from './lifecycle/application.entity';
import { CatalogCapEntity } from './catalog-caps/catalog-cap.entity';
import { SupplementaryEntryEntity } from './catalog-caps/supplementary-entry.entity';
import { ChangeRequestEntity } from './changes/change-request.entity';
import { ChangeRequestTargetEntity } from './changes/change-request-target.entity';
import { LegacyShutdownEntity } from './legacy-shutdown/legacy-shutdown.entity';
import { InformationSystemEntity } from './systems/information-system.entity';
import { MaterialFileEntity } from './materials/material-file.entity';
import { MaterialEntity } from './materials/material.entity';
import { OffCloudSystemEntity } from './off-cloud/off-cloud-system.entity';
import { ExitNoticeEntity } from './system-migrations/exit-notice.entity';
import { OverdueFlagEntity } from './todo/overdue-flag.entity';
import { ResourceLineEntity } from './lifecycle/resource-line.entity';
import { SystemMigrationEntity } from './system-migrations/system-migration.entity';
import { TerminationStepEntity } from './lifecycle/termination-step.entity';
import { UnitEntity } from './units/unit.entity';
import { CreateApplicationsSchema1795651200001 } from './migrations/1795651200001-CreateApplicationsSchema';
import { ApplicationLifecycle1795651200002 } from './migrations/1795651200002-ApplicationLifecycle';
import { CatalogCapReplica1795651200003 } from './migrations/1795651200003-CatalogCapReplica';
import { MaterialFiles1795651200004 } from './migrations/1795651200004-MaterialFiles';
import { OverdueFlags1795651200005 } from './migrations/1795651200005-OverdueFlags';
import { MaterialsAreFiles1795651200007 } from './migrations/1795651200007-MaterialsAreFiles';
import { SystemMigrations1795651200006 } from './migrations/1795651200006-SystemMigrations';
import { SystemRevision1795651200008 } from './migrations/1795651200008-SystemRevision';
import { MaterialObjectStore1795651200009 } from './migrations/1795651200009-MaterialObjectStore';
import { Settlements1795651200010 } from './migrations/1795651200010-Settlements';
import { SETTLEMENT_ENTITIES } from './settlement/settlement-entities';
import { ChangeRequestOrigin1795651200011 } from './migrations/1795651200011-ChangeRequestOrigin';
import { UnitActive1795651200012 } from './migrations/1795651200012-UnitActive';
import { ChangeRequestTarget1795651200013 } from './migrations/1795651200013-ChangeRequestTarget';
import { LegacyShutdown1795651200111 } from './migrations/1795651200111-LegacyShutdown';
import { TestDeliveryDays1795651200112 } from './migrations/1795651200112-TestDeliveryDays';
import { SupplementaryEntryReplica1795651200113 } from './migrations/1795651200113-SupplementaryEntryReplica';
import { ResourceLineVersions1796300000000 } from './migrations/1796300000000-ResourceLineVersions';
import { ChangeRequestLines1796300000001 } from './migrations/1796300000001-ChangeRequestLines';
import { ChangeRequestLineEntity } from './changes/change-request-line.entity';
import { OffCloudSystems1796300200000 } from './migrations/1796300200000-OffCloudSystems';
import { DiscardedApplications1796300400000 } from './migrations/1796300400000-DiscardedApplications';
import { PriceAboveCap1796300400002 } from './migrations/1796300400002-PriceAboveCap';
import { ApplicationListIndexes1796300500000 } from './migrations/1796300500000-ApplicationListIndexes';
import { NameSearch1796300500001 } from './migrations/1796300500001-NameSearch';
import { OneOpenMigrationPerSystem1796300900000 } from './migrations/1796300900000-OneOpenMigrationPerSystem';
import { ListOrders1796301000000 } from './migrations/1796301000000-ListOrders';
import { TestDeliveryDeadline1796301100000 } from './migrations/1796301100000-TestDeliveryDeadline';
import { SystemChildListIndexes1796301500002 } from './migrations/1796301500002-SystemChildListIndexes';
import { ChildPageIndexes1796301600001 } from './migrations/1796301600001-ChildPageIndexes';
import { SystemMigrationListFilters1796301800301 } from './migrations/1796301800301-SystemMigrationListFilters';
import { TodoIndexes1796301900000 } from './migrations/1796301900000-TodoIndexes';
import { SettlementProviderTotals1796302000000 } from './migrations/1796302000000-SettlementProviderTotals';
import { ApplicationRegionPage1796302100000 } from './migrations/1796302100000-ApplicationRegionPage';
import { LegacyShutdownVersion1796302200000 } from './migrations/1796302200000-LegacyShutdownVersion';
import { ExitNoticeRegion1796302300000 } from './migrations/1796302300000-ExitNoticeRegion';
import { TerminatedLinesEnd1796302400000 } from './migrations/1796302400000-TerminatedLinesEnd';
import { TodoAfterDecisionIndexes1796302500000 } from './migrations/1796302500000-TodoAfterDecisionIndexes';
import { BilledOnce1796302600000 } from './migrations/1796302600000-BilledOnce';
import { WithdrawnChanges1796302700000 } from './migrations/1796302700000-WithdrawnChanges';

export const APPLICATIONS_ENTITIES = [
  UnitEntity,
  InformationSystemEntity,
  ApplicationEntity,
  ResourceLineEntity,
  MaterialEntity,
  MaterialFileEntity,
  ApplicationEventEntity,
  ChangeRequestEntity,
  ChangeRequestTargetEntity,
  ChangeRequestLineEntity,
  TerminationStepEntity,
  CatalogCapEntity,
  SupplementaryEntryEntity,
  OverdueFlagEntity,
  ExitNoticeEntity,
  SystemMigrationEntity,
  ...SETTLEMENT_ENTITIES,
  LegacyShutdownEntity,
  OffCloudSystemEntity,
];

/** The applications subgraph's data source (schema `applications`), not yet initialised. */
export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'applications',
    entities: APPLICATIONS_ENTITIES,
    migrations: [
      CreateApplicationsSchema1795651200001,
      ApplicationLifecycle1795651200002,
      CatalogCapReplica1795651200003,
      MaterialFiles1795651200004,
      OverdueFlags1795651200005,
      SystemMigrations1795651200006,
      MaterialsAreFiles1795651200007,
      SystemRevision1795651200008,
      MaterialObjectStore1795651200009,
      Settlements1795651200010,
      ChangeRequestOrigin1795651200011,
      UnitActive1795651200012,
      ChangeRequestTarget1795651200013,
      LegacyShutdown1795651200111,
      TestDeliveryDays1795651200112,
      SupplementaryEntryReplica1795651200113,
      ResourceLineVersions1796300000000,
      ChangeRequestLines1796300000001,
      OffCloudSystems1796300200000,
      DiscardedApplications1796300400000,
      PriceAboveCap1796300400002,
      ApplicationListIndexes1796300500000,
      NameSearch1796300500001,
      OneOpenMigrationPerSystem1796300900000,
      ListOrders1796301000000,
      TestDeliveryDeadline1796301100000,
      SystemChildListIndexes1796301500002,
      ChildPageIndexes1796301600001,
      SystemMigrationListFilters1796301800301,
      TodoIndexes1796301900000,
      SettlementProviderTotals1796302000000,
      ApplicationRegionPage1796302100000,
      LegacyShutdownVersion1796302200000,
      ExitNoticeRegion1796302300000,
      TerminatedLinesEnd1796302400000,
      TodoAfterDecisionIndexes1796302500000,
      BilledOnce1796302600000,
      WithdrawnChanges1796302700000,
    ],
  });
}
