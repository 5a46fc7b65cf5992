import { lookupInScope } from '../../kit/lookup';
import { allRegions } from '../../kit/shared-resolvers';
import type { ApplicationsContext } from '../loaders';
import { ApplicationService, type ApplicationListArgs } from '../services/application.service';
import { InformationSystemService, type SystemListArgs } from '../services/information-system.service';
import { UnitService, type UnitListArgs } from '../services/unit.service';

export const Query = {
  units: (_: unknown, args: UnitListArgs, ctx: ApplicationsContext) => new UnitService(ctx.dataSource, ctx.scope).list(args),

  unit: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    lookupInScope(
      id,
      (key) => ctx.loaders.unitById.load(key),
      (key) => new UnitService(ctx.dataSource, ctx.scope).exists(key),
    ),

  systems: (_: unknown, args: SystemListArgs, ctx: ApplicationsContext) =>
    new InformationSystemService(ctx.dataSource, ctx.scope).list(args),

  system: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    lookupInScope(
      id,
      (key) => ctx.loaders.systemById.load(key),
      (key) => new InformationSystemService(ctx.dataSource, ctx.scope).exists(key),
    ),

  applications: (_: unknown, args: ApplicationListArgs, ctx: ApplicationsContext) =>
    new ApplicationService(ctx.dataSource, ctx.scope).list(args),

  application: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    lookupInScope(
      id,
      (key) => ctx.loaders.applicationById.load(key),
      (key) => new ApplicationService(ctx.dataSource, ctx.scope).exists(key),
    ),

  // Static reference data, the same for every principal (第四条).
  regions: () => allRegions(),
};
