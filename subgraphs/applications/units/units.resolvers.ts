import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { findInScope } from '../../kit/lookup';
import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationsContext } from '../loaders';
import type { UnitEntity } from './unit.entity';
import { UnitService, type UnitListArgs } from './unit.service';

const Query = {
  units: (_: unknown, args: UnitListArgs, ctx: ApplicationsContext) => new UnitService(ctx.dataSource, ctx.scope).list(args),

  // By id: what the scope sees, else null — missing and someone else's answer alike (kit/lookup.ts).
  unit: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    findInScope(id, (key) => ctx.loaders.unitById.load(key), { byCode: 'unitByCode(code)' }),

  unitByCode: (_: unknown, { code }: { code: string }, ctx: ApplicationsContext) =>
    new UnitService(ctx.dataSource, ctx.scope).byCode(code.trim()),
};

const Unit = {
  __resolveReference: (reference: { id: string }, ctx: ApplicationsContext) => ctx.loaders.unitById.load(reference.id),
  region: (unit: UnitEntity) => regionField(unit.regionCode),
  level: (unit: UnitEntity) => regionByCode(unit.regionCode)?.level ?? null,
  systems: async (unit: UnitEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.systemsByUnitId.load(unit.id), args, (system) => system.code),
};

/** The user units (使用单位) and their systems. */
export const unitsResolvers = { Query, Unit };
