// An application's resource lines as versions (第十一条、第十五条): the lines in force on a day, and
// every version with its dates, paged in SQL. Each query joins the application and applies the
// principal's scope, so a line is never read past the scope its application is in.
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationEntity } from './application.entity';
import { scopeApplications } from './application.scope';
import { ResourceLineEntity } from './resource-line.entity';

/** The history's order: position on the form, then the version's first day (null, the original, first). */
const HISTORY_SORT = `lpad(line.position::text, 6, '0') || '|' || coalesce(line.effective_from::text, '')`;

export function historySortValue(line: ResourceLineEntity): string {
  return `${String(line.position).padStart(6, '0')}|${line.effectiveFrom ?? ''}`;
}

export class ResourceLineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {}

  private scoped(): SelectQueryBuilder<ResourceLineEntity> {
    const query = this.dataSource
      .getRepository(ResourceLineEntity)
      .createQueryBuilder('line')
      .innerJoin(ApplicationEntity, 'app', 'app.id = line.application_id');
    return scopeApplications(query, this.scope, 'app');
  }

  /** The versions in force on `day` of these applications: begun (or from go-live) and not yet closed. */
  inForceByApplicationIds(applicationIds: readonly string[], day: string): Promise<ResourceLineEntity[]> {
    const query = this.scoped()
      .andWhere('(line.effective_from IS NULL OR line.effective_from <= :day)', { day })
      .andWhere('(line.effective_until IS NULL OR line.effective_until >= :day)', { day });
    return fetchByIds(query, 'line.application_id', applicationIds);
  }

  /** Every version of one application's lines, by position then first day, one page in SQL. */
  history(applicationId: string, args: ConnectionArgs): Promise<Connection<ResourceLineEntity>> {
    const query = this.scoped().andWhere('line.application_id = :applicationId', { applicationId });
    return paginateQuery(query, args, {
      alias: 'line',
      sortColumn: 'position',
      sortExpression: HISTORY_SORT,
      sortValueOf: historySortValue,
    });
  }
}
