import type { SubgraphCodegenConfig } from '../kit/codegen-config';

/** How `npm run codegen` types this subgraph's resolvers (subgraphs/applications/generated/graphql.ts). */
export const codegenConfig: SubgraphCodegenConfig = {
  contextType: '../loaders#ApplicationsContext',
  // Each GraphQL type's resolvers receive this as parent: the entity, the row or the reference by id.
  mappers: {
    Unit: '../units/unit.entity#UnitEntity',
    InformationSystem: '../systems/information-system.entity#InformationSystemEntity',
    Provider: '../systems/systems.resolvers#ProviderReference',
    Application: '../lifecycle/application.entity#ApplicationEntity',
    ResourceLine: '../lifecycle/resource-line.entity#ResourceLineEntity',
    ApplicationEvent: '../lifecycle/application-event.entity#ApplicationEventEntity',
    BasicCatalogEntry: '../lifecycle/application.resolvers#CatalogEntryReference',
    ApplicationMaterial: '../materials/material.entity#MaterialEntity',
    ChangeRequest: '../changes/change-request.entity#ChangeRequestEntity',
    TodoItem: '../todo/todo.resolvers#ResolvedTodoItem',
    OverdueFlag: '../todo/overdue-flag.entity#OverdueFlagEntity',
    SystemMigration: '../system-migrations/system-migration.entity#SystemMigrationEntity',
    ProviderExit: '../system-migrations/system-migrations.resolvers#ExitReference',
    Settlement: '../settlement/settlement.entity#SettlementEntity',
    SettlementLine: '../settlement/settlement-line.entity#SettlementLineEntity',
    SettlementConfirmation: '../settlement/settlement-party.entity#SettlementConfirmationEntity',
    SettlementProviderTotal: '../settlement/settlement-totals#ProviderTotal',
    SettlementUnitTotal: '../settlement/settlement-totals#UnitTotal',
    SettlementTotal: '../settlement/settlement-read.service#ProviderRegionTotal',
    // Lists as the kit pages them (kit/connection.ts): totalCount may be counted only when asked for.
    UnitConnection: '../../kit/connection#Connection<UnitEntity>',
    InformationSystemConnection: '../../kit/connection#Connection<InformationSystemEntity>',
    ApplicationConnection: '../../kit/connection#Connection<ApplicationEntity>',
    ResourceLineConnection: '../../kit/connection#Connection<ResourceLineEntity>',
    ApplicationEventConnection: '../../kit/connection#Connection<ApplicationEventEntity>',
    ChangeRequestConnection: '../../kit/connection#Connection<ChangeRequestEntity>',
    TodoItemConnection: '../../kit/connection#Connection<ResolvedTodoItem>',
    OverdueFlagConnection: '../../kit/connection#Connection<OverdueFlagEntity>',
    SystemMigrationConnection: '../../kit/connection#Connection<SystemMigrationEntity>',
    SettlementConnection: '../../kit/connection#Connection<SettlementEntity>',
    SettlementLineConnection: '../../kit/connection#Connection<SettlementLineEntity>',
    SettlementConfirmationConnection: '../../kit/connection#Connection<SettlementConfirmationEntity>',
    SettlementProviderTotalConnection: '../../kit/connection#Connection<ProviderTotal>',
    SettlementUnitTotalConnection: '../../kit/connection#Connection<UnitTotal>',
    SettlementTotalConnection: '../../kit/connection#Connection<ProviderRegionTotal>',
  },
};
