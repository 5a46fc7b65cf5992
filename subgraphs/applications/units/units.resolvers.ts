import { childPage } from '../../kit/child-connection';
import { findInScope } from '../../kit/lookup';
import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import { systemNodeProperties } from '../systems/system-fields';
import type { QueryResolvers, Resolvers, UnitResolvers } from '../generated/graphql';
import { UnitService } from './unit.service';

const Query = {
  units: (_, args, ctx) => new UnitService(ctx.dataSource, ctx.scope).list(args),

  // By id: what the scope sees, else null — missing and someone else's answer alike (kit/lookup.ts).
  unit: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.unitById.load(key), { byCode: 'unitByCode(code)' }),

  unitByCode: (_, { code }, ctx) => new UnitService(ctx.dataSource, ctx.scope).byCode(code.trim()),
} satisfies QueryResolvers;

const Unit = {
  __resolveReference: (reference, ctx) => ctx.loaders.unitById.load(reference.id),
  // The region code is checked on every write (requireRegionCode): the region is always known.
  region: (unit) => regionField(unit.regionCode)!,
  level: (unit) => regionByCode(unit.regionCode)!.level,
  systems: (unit, args, ctx, info) => ctx.loaders.systemPagesByUnitId.load(childPage(unit.id, args, systemNodeProperties(info))),
} satisfies UnitResolvers;

/** The user units (使用单位) and their systems. */
export const unitsResolvers = { Query, Unit } satisfies Resolvers;
