import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { regionField } from '../../kit/shared-resolvers';
import type { InformationSystemEntity } from './information-system.entity';
import type { ApplicationsContext } from '../loaders';
import { exitMigrationsOfSystem } from '../system-migrations/system-migrations.resolvers';

export const InformationSystem = {
  __resolveReference: (reference: { id: string }, ctx: ApplicationsContext) => ctx.loaders.systemById.load(reference.id),
  owner: (system: InformationSystemEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.unitById.load(system.unitId),
  region: (system: InformationSystemEntity) => regionField(system.regionCode),
  // The provider is another subgraph's entity: a reference is all this one knows.
  hostingProvider: (system: InformationSystemEntity) => (system.providerId ? { id: system.providerId } : null),
  primarySystem: (system: InformationSystemEntity, _: unknown, ctx: ApplicationsContext) =>
    system.primarySystemId ? ctx.loaders.systemById.load(system.primarySystemId) : null,
  applications: async (system: InformationSystemEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.applicationsBySystemId.load(system.id), args, (application) => application.number),
  exitMigrations: exitMigrationsOfSystem,
};
