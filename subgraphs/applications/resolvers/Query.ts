import type { ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { lookupInScope } from '../../kit/lookup';
import { Role } from '../../kit/principal';
import { allRegions } from '../../kit/shared-resolvers';
import type { ApplicationsContext } from '../loaders';
import { ApplicationService, type ApplicationListArgs } from '../services/application.service';
import { InformationSystemService, type SystemListArgs } from '../services/information-system.service';
import { UnitService, type UnitListArgs } from '../services/unit.service';
import { todoItems } from './Todo';

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

  /** DECISION_5WD: the bureau's to-do list of late decisions. */
  overdueApplications: (_: unknown, args: ConnectionArgs, ctx: ApplicationsContext) => {
    if (ctx.principal.role !== Role.BUREAU) throw new ForbiddenError();
    return new ApplicationService(ctx.dataSource, ctx.scope).overdue(args, todayInChina());
  },

  todoItems,

  // Static reference data, the same for every principal (第四条).
  regions: () => allRegions(),
};
