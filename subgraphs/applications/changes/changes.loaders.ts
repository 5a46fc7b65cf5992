import type { DataSource } from 'typeorm';
import { instantSortText } from '../../kit/child-connection';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from '../lifecycle/application-children.service';
import { ChangeRequestEntity } from './change-request.entity';
import { ResourceLineEntity } from '../lifecycle/resource-line.entity';
import { changeLinePagesByRequest } from './change-lines.service';

export function createChangesLoaders(dataSource: DataSource, scope: Scope) {
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    changeRequestPagesByApplicationId: children.pagesByApplication(ChangeRequestEntity, instantSortText('child.requested_at'), (change) =>
      change.requestedAt.toISOString(),
    ),
    changeRequestById: loaderByKey((ids) => children.byIds(ChangeRequestEntity, ids), 'id'),
    changeLinePagesByChangeRequestId: changeLinePagesByRequest(dataSource, scope),
    resourceLineById: loaderByKey((ids) => children.byIds(ResourceLineEntity, ids), 'id'),
  };
}
