import type { DataSource } from 'typeorm';
import { loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from '../lifecycle/application-children.service';
import { OverdueFlagEntity } from './overdue-flag.entity';

export function createTodoLoaders(dataSource: DataSource, scope: Scope) {
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    overdueFlagsByApplicationId: loaderOfGroups((ids) => children.byApplicationIds(OverdueFlagEntity, ids), 'applicationId'),
  };
}
