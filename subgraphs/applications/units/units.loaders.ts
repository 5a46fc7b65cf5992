import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { UnitService } from './unit.service';

export function createUnitsLoaders(dataSource: DataSource, scope: Scope) {
  const units = new UnitService(dataSource, scope);
  return {
    unitById: loaderByKey((ids) => units.byIds(ids), 'id'),
  };
}
