// The units half of the gateway's directory (kit/directory.ts): whether a unit named in a token
// exists, its region and whether it is active. Unscoped on purpose — it answers the gateway, which
// asks before any principal is trusted, and says nothing beyond these four fields.
import type { DataSource } from 'typeorm';
import { createDirectoryRoute, type UnitDirectoryEntry } from '../../kit/directory';
import type { Route } from '../../kit/http';
import { UnitEntity } from './unit.entity';

export function createUnitDirectoryRoute(options: { dataSource: DataSource; internalTokenSecret: string }): Route {
  return createDirectoryRoute<UnitDirectoryEntry>({
    kind: 'units',
    internalTokenSecret: options.internalTokenSecret,
    find: async (id) => {
      const unit = await options.dataSource.getRepository(UnitEntity).findOne({
        where: { id },
        select: { id: true, code: true, regionCode: true, active: true },
      });
      return unit ? { id: unit.id, code: unit.code, regionCode: unit.regionCode, active: unit.active } : null;
    },
  });
}
