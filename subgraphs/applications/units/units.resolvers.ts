import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import type { UnitEntity } from './unit.entity';
import type { ApplicationsContext } from '../loaders';

export const Unit = {
  __resolveReference: (reference: { id: string }, ctx: ApplicationsContext) => ctx.loaders.unitById.load(reference.id),
  region: (unit: UnitEntity) => regionField(unit.regionCode),
  level: (unit: UnitEntity) => regionByCode(unit.regionCode)?.level ?? null,
  systems: async (unit: UnitEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(await ctx.loaders.systemsByUnitId.load(unit.id), args, (system) => system.code),
};
