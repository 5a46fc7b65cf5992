// An application's resource lines as versions (第十一条、第十五条): the lines in force on a day, and
// every version with its dates, paged in SQL. Each query joins the application and applies the
// principal's scope, so a line is never read past the scope its application is in.
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import type { Scope } from '../../kit/principal';
import { ApplicationEntity } from './application.entity';
import { scopeApplications } from './application.scope';
import { ResourceLineEntity } from './resource-line.entity';

/** The history's order: position on the form, then the version's first day (null, the original, first). */
const HISTORY_SORT = `lpad(line.position::text, 6, '0') || '|' || coalesce(line.effective_from::text, '')`;

export function historySortValue(line: ResourceLineEntity): string {
  return `${positionSortValue(line)}|${line.effectiveFrom ?? ''}`;
}

/** A line's place on its form (a resource line's, a change request's) as sorted text: the position, zero-padded. */
export function positionSort(alias: string): string {
  return `lpad(${alias}.position::text, 6, '0')`;
}

export function positionSortValue(line: { position: number }): string {
  return String(line.position).padStart(6, '0');
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

  /** Pages of the versions in force on `day` of many applications, by position: one statement a batch (kit/child-connection.ts). */
  inForcePagesByApplication(day: string) {
    return childConnectionLoader({
      query: () =>
        this.scoped()
          .andWhere('(line.effective_from IS NULL OR line.effective_from <= :day)', { day })
          .andWhere('(line.effective_until IS NULL OR line.effective_until >= :day)', { day }),
      alias: 'line',
      parentColumn: 'application_id',
      parentOf: (line) => line.applicationId,
      sortExpression: positionSort('line'),
      sortValueOf: positionSortValue,
    });
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
