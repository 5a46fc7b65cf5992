import type { DataSource, Repository } from 'typeorm';
import { paginateQuery, type Connection } from '../../kit/connection';
import { requireRegionCode } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { searchByNameOrCode } from '../../kit/name-search';
import { pageInChosenOrder } from '../../kit/ordered-connection';
import { plainRows } from '../../kit/plain-rows';
import type { QueryUnitsArgs } from '../generated/graphql';
import { UnitEntity } from './unit.entity';
import { scopeUnits } from './unit.scope';
import { UNIT_ORDERS } from './unit-order';

/** Reads user units (使用单位) within one principal's scope. */
export class UnitService {
  private readonly repository: Repository<UnitEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(UnitEntity);
  }

  private scoped() {
    return scopeUnits(this.repository.createQueryBuilder('unit'), this.scope, 'unit');
  }

  list(args: QueryUnitsArgs): Promise<Connection<UnitEntity>> {
    const query = this.scoped();
    if (args.regionCode != null) query.andWhere('unit.region_code = :regionCode', { regionCode: requireRegionCode(args.regionCode) });
    if (args.filter?.regionCode != null)
      query.andWhere('unit.region_code = :filterRegion', { filterRegion: requireRegionCode(args.filter.regionCode) });
    searchByNameOrCode(query, 'unit', args.filter?.search);
    if (args.orderBy != null) return pageInChosenOrder(query, args, 'unit', UNIT_ORDERS, args.orderBy);
    return paginateQuery(query, args, { alias: 'unit', sortColumn: 'code', sortValueOf: (unit) => unit.code });
  }

  /** One query for a whole batch; out-of-scope and unknown ids are simply absent. */
  byIds(ids: readonly string[]): Promise<UnitEntity[]> {
    return fetchByIds(this.scoped(), 'unit.id', ids);
  }

  /** byIds as plain rows with only `properties` (kit/plain-rows.ts; null: all). */
  plainByIds(ids: readonly string[], properties: readonly string[] | null): Promise<UnitEntity[]> {
    return plainRows(this.scoped().andWhere('unit.id = ANY(:batchIds)', { batchIds: ids }), 'unit', properties);
  }

  /** The unit with this code, if the scope sees it (unitByCode): null for missing and out of scope alike. */
  byCode(code: string): Promise<UnitEntity | null> {
    return this.scoped().andWhere('unit.code = :code', { code }).getOne();
  }
}
