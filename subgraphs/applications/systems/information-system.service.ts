import type { DataSource, Repository } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { paginateQuery, type Connection } from '../../kit/connection';
import { requireRegionCode, requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import { pageInChosenOrder } from '../../kit/ordered-connection';
import { plainRows } from '../../kit/plain-rows';
import type { Scope } from '../../kit/principal';
import { InformationSystemEntity } from './information-system.entity';
import { scopeSystems } from './system.scope';
import { filterSystems, SYSTEM_ORDERS } from './system-list';
import { systemJoins } from './system-owners';
import type { QuerySystemsArgs } from '../generated/graphql';

/** Reads government information systems (政务信息系统) within one principal's scope. */
export class InformationSystemService {
  private readonly repository: Repository<InformationSystemEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(InformationSystemEntity);
  }

  private scoped() {
    return scopeSystems(this.repository.createQueryBuilder('sys'), this.scope, 'sys');
  }

  /** A page of systems; with `properties`, plain rows with only those columns (kit/plain-rows.ts). */
  list(args: QuerySystemsArgs, properties?: readonly string[] | null): Promise<Connection<InformationSystemEntity>> {
    const query = this.scoped();
    if (args.regionCode != null) query.andWhere('sys.region_code = :regionCode', { regionCode: requireRegionCode(args.regionCode) });
    if (args.unitId != null) query.andWhere('sys.unit_id = :unitId', { unitId: requireUuid(args.unitId, 'unitId') });
    if (args.providerId != null)
      query.andWhere('sys.provider_id = :providerId', { providerId: requireUuid(args.providerId, 'providerId') });
    if (args.deploymentMode != null) query.andWhere('sys.deployment_mode = :mode', { mode: args.deploymentMode });
    if (args.filter != null) filterSystems(query, args.filter);
    if (args.orderBy != null) return pageInChosenOrder(query, args, 'sys', SYSTEM_ORDERS, args.orderBy);
    return paginateQuery(query, args, {
      alias: 'sys',
      sortColumn: 'code',
      sortValueOf: (system) => system.code,
      rows: properties === undefined ? undefined : (page) => plainRows(page, 'sys', properties, systemJoins(this.scope)),
    });
  }

  byIds(ids: readonly string[]): Promise<InformationSystemEntity[]> {
    return fetchByIds(this.scoped(), 'sys.id', ids);
  }

  /** Pages of the systems of many units (`unit_id`) or providers (`provider_id`): one statement a batch (kit/child-connection.ts). */
  childPages(parentColumn: 'unit_id' | 'provider_id') {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'sys',
      parentColumn,
      parentOf: (system) => (parentColumn === 'unit_id' ? system.unitId : system.providerId),
      sortExpression: 'sys.code::text',
      sortValueOf: (system) => system.code,
      joins: systemJoins(this.scope),
    });
  }
}
