import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Scope } from '../../kit/principal';
import { ApplicationChildrenService } from '../lifecycle/application-children.service';
import { SystemMigrationEntity } from '../system-migrations/system-migration.entity';
import { scopeMigrations } from '../system-migrations/system-migration.service';
import { OverdueFlagEntity } from './overdue-flag.entity';

export function createTodoLoaders(dataSource: DataSource, scope: Scope) {
  const children = new ApplicationChildrenService(dataSource, scope);
  return {
    overdueFlagPagesByApplicationId: children.pagesByApplication(OverdueFlagEntity, 'child.due_on::text', (flag) => flag.dueOn),
    /** The system migrations the page's EXIT_TRANSITION_3M items are about: one statement a page. */
    todoMigrationById: new DataLoader<string, SystemMigrationEntity | null>(async (ids) => {
      const found = await scopeMigrations(
        dataSource.getRepository(SystemMigrationEntity).createQueryBuilder('migration'),
        scope,
        'migration',
      )
        .andWhere('migration.id = ANY(:ids)', { ids })
        .getMany();
      const byId = new Map(found.map((migration) => [migration.id, migration]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
