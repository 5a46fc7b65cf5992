import type { ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { findInScope } from '../../kit/lookup';
import { Role } from '../../kit/principal';
import { allRegions } from '../../kit/shared-resolvers';
import type { ApplicationsContext } from '../loaders';
import { ApplicationService, type ApplicationListArgs } from '../lifecycle/application.service';
import { InformationSystemService, type SystemListArgs } from '../systems/information-system.service';
import { UnitService, type UnitListArgs } from '../units/unit.service';
import { todoItems } from '../todo/todo.resolvers';

export const Query = {
  units: (_: unknown, args: UnitListArgs, ctx: ApplicationsContext) => new UnitService(ctx.dataSource, ctx.scope).list(args),

  // By id: what the scope sees, else null — missing and someone else's answer alike (kit/lookup.ts).
  unit: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    findInScope(id, (key) => ctx.loaders.unitById.load(key), { byCode: 'unitByCode(code)' }),

  unitByCode: (_: unknown, { code }: { code: string }, ctx: ApplicationsContext) =>
    new UnitService(ctx.dataSource, ctx.scope).byCode(code.trim()),

  systems: (_: unknown, args: SystemListArgs, ctx: ApplicationsContext) =>
    new InformationSystemService(ctx.dataSource, ctx.scope).list(args),

  system: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) => findInScope(id, (key) => ctx.loaders.systemById.load(key)),

  applications: (_: unknown, args: ApplicationListArgs, ctx: ApplicationsContext) =>
    new ApplicationService(ctx.dataSource, ctx.scope).list(args),

  application: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    findInScope(id, (key) => ctx.loaders.applicationById.load(key)),

  /** DECISION_5WD: the bureau's to-do list of late decisions. */
  overdueApplications: (_: unknown, args: ConnectionArgs, ctx: ApplicationsContext) => {
    if (ctx.principal.role !== Role.BUREAU) throw new ForbiddenError();
    return new ApplicationService(ctx.dataSource, ctx.scope).overdue(args, todayInChina());
  },

  todoItems,

  // Static reference data, the same for every principal (第四条).
  regions: () => allRegions(),
};
