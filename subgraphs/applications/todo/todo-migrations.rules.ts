// What a provider's exit asks of whom (EXIT_TRANSITION_3M, 第九条): the unit (or the centre) moves
// each hosted system to another provider; then the exiting provider (or the centre) clears its data.
// Both are due by the end of the transition.
import { RULES } from '../../kit/rules';
import { Role } from '../../kit/principal';
import { isMigrationOverdue } from '../system-migrations/system-migrations.rules';
import type { TodoItem, TodoViewer } from './todo.rules';
import type { SystemMigrationStatus } from '../generated/graphql';

export interface MigrationTodoCandidate {
  id: string;
  systemId: string;
  systemName: string;
  providerId: string;
  status: SystemMigrationStatus;
  dueOn: string;
}

/** The migration statuses that can give `role` something to do, so the query loads only those. */
export function migrationStatusesFor(role: Role): readonly SystemMigrationStatus[] {
  switch (role) {
    case Role.USER_UNIT:
      return ['PENDING'];
    case Role.PROVIDER:
      return ['MIGRATED'];
    case Role.CENTER:
      return ['PENDING', 'MIGRATED'];
    default:
      return [];
  }
}

/** The migration items needing `viewer`'s action among migrations already in its scope. */
export function migrationTodoItemsFor(viewer: TodoViewer, migrations: readonly MigrationTodoCandidate[], today: string): TodoItem[] {
  const article = RULES.EXIT_TRANSITION_3M.article;
  return migrations.flatMap((migration): TodoItem[] => {
    if (!migrationStatusesFor(viewer.role).includes(migration.status)) return [];
    // A provider clears only the data left on its own platform, not on the one a system moved to.
    if (viewer.role === Role.PROVIDER && migration.providerId !== viewer.providerId) return [];
    const migrate = migration.status === 'PENDING';
    return [
      {
        id: `${migrate ? 'MIGRATE_SYSTEM' : 'CLEAR_MIGRATED_DATA'}:${migration.id}`,
        kind: migrate ? 'MIGRATE_SYSTEM' : 'CLEAR_MIGRATED_DATA',
        applicationId: null,
        migrationId: migration.id,
        systemId: migration.systemId,
        dueOn: migration.dueOn,
        overdue: isMigrationOverdue(migration, today),
        action: migrate
          ? `服务商退出：将系统「${migration.systemName}」迁移至其他定点服务商`
          : `服务商退出：确认系统「${migration.systemName}」的数据已从原平台清除`,
        rule: 'EXIT_TRANSITION_3M',
        article,
      },
    ];
  });
}
