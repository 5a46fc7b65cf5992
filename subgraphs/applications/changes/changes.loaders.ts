import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from '../lifecycle/application-children.service';
import { ChangeRequestEntity } from './change-request.entity';

export function createChangesLoaders(dataSource: DataSource, scope: Scope) {
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    changeRequestsByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(ChangeRequestEntity, ids), 'applicationId'),
    changeRequestById: loaderByKey((ids) => children.byIds(ChangeRequestEntity, ids), 'id'),
  };
}
