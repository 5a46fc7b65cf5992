import type { DataSource, Repository } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationEntity } from './application.entity';
import { applicationJoins } from './application-fields';
import { plainRows } from '../../kit/plain-rows';
import { filterApplications, pageApplicationsInOrder } from './application-list';
import { scopeApplications } from './application.scope';
import type { QueryApplicationsArgs } from '../generated/graphql';

/** Reads applications (上云申请) within one principal's scope; the lifecycle's writes are in the other services. */
export class ApplicationService {
  private readonly repository: Repository<ApplicationEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(ApplicationEntity);
  }

  private scoped() {
    return scopeApplications(this.repository.createQueryBuilder('app'), this.scope, 'app');
  }

  /** A page of applications; with `properties`, plain rows with those columns and joins (application-fields.ts). */
  list(args: QueryApplicationsArgs, properties?: readonly string[] | null): Promise<Connection<ApplicationEntity>> {
    const query = this.scoped();
    if (args.status != null) query.andWhere('app.status = :status', { status: args.status });
    if (args.unitId != null) query.andWhere('app.unit_id = :unitId', { unitId: requireUuid(args.unitId, 'unitId') });
    if (args.filter != null) filterApplications(query, args.filter);
    if (args.orderBy != null) return pageApplicationsInOrder(query, args, args.orderBy);
    return paginateQuery(query, args, {
      alias: 'app',
      sortColumn: 'number',
      sortValueOf: (application) => application.number,
      rows: properties === undefined ? undefined : (page) => plainRows(page, 'app', properties, applicationJoins(this.scope)),
    });
  }

  /**
   * DECISION_5WD: applications still undecided past their deadline, or decided after it. The
   * deadline was fixed at submission, so this is a WHERE clause and pages like any list.
   */
  overdue(args: ConnectionArgs, today: string): Promise<Connection<ApplicationEntity>> {
    const query = this.scoped().andWhere(
      `((app.status IN ('SUBMITTED', 'FILED') AND app.decision_due_on < :today) OR app.decision_late = TRUE)`,
      { today },
    );
    return paginateQuery(query, args, { alias: 'app', sortColumn: 'number', sortValueOf: (application) => application.number });
  }

  byIds(ids: readonly string[]): Promise<ApplicationEntity[]> {
    return fetchByIds(this.scoped(), 'app.id', ids);
  }

  /** Pages of many systems' applications by number: one statement a batch (kit/child-connection.ts). */
  pagesBySystem() {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'app',
      parentColumn: 'system_id',
      parentOf: (application) => application.systemId,
      sortExpression: 'app.number::text',
      sortValueOf: (application) => application.number,
    });
  }
}
