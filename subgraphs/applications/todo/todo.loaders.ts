import type { DataSource } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from '../lifecycle/application-children.service';
import { OverdueFlagEntity } from './overdue-flag.entity';

export function createTodoLoaders(dataSource: DataSource, scope: Scope) {
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    overdueFlagPagesByApplicationId: children.pagesByApplication(OverdueFlagEntity, 'child.due_on::text', (flag) => flag.dueOn),
  };
}
