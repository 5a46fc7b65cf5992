// An application's children (resource lines, materials, audit trail, change requests, termination
// steps, overdue flags — each feature's loaders name their table), read a batch of applications at a
// time. Each query joins the application and applies the principal's scope, so a child is never read
// past the scope its application is in.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationEntity } from './application.entity';
import { scopeApplications } from './application.scope';

export class ApplicationChildrenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {}

  /** The rows of `target` (a table with an application_id) for these applications, in scope. */
  byApplicationIds<T extends ObjectLiteral>(target: EntityTarget<T>, applicationIds: readonly string[]): Promise<T[]> {
    return fetchByIds(this.scoped(target), 'child.application_id', applicationIds);
  }

  /**
   * Pages of the rows of `target` under many applications, ordered by `sortExpression` (over the
   * alias `child`, as text) then id: one statement a batch (kit/child-connection.ts).
   */
  pagesByApplication<T extends ObjectLiteral & { id: string; applicationId: string }>(
    target: EntityTarget<T>,
    sortExpression: string,
    sortValueOf: (row: T) => string,
  ) {
    return childConnectionLoader<T>({
      query: () => this.scoped(target),
      alias: 'child',
      parentColumn: 'application_id',
      parentOf: (row) => row.applicationId,
      sortExpression,
      sortValueOf,
    });
  }

  /** The rows of `target` with these ids, in scope. */
  byIds<T extends ObjectLiteral>(target: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    return fetchByIds(this.scoped(target), 'child.id', ids);
  }

  private scoped<T extends ObjectLiteral>(target: EntityTarget<T>) {
    const query = this.dataSource
      .getRepository(target)
      .createQueryBuilder('child')
      .innerJoin(ApplicationEntity, 'app', 'app.id = child.application_id');
    return scopeApplications(query, this.scope, 'app');
  }
}
