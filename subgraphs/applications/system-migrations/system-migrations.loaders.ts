import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ExitMigrationProgress } from '../../contracts/exit-migrations';
import type { Scope } from '../../kit/principal';
import { SystemMigrationService } from './system-migration.service';

export function createSystemMigrationsLoaders(dataSource: DataSource, scope: Scope) {
  const migrations = new SystemMigrationService(dataSource, scope);
  return {
    migrationPagesByExitId: migrations.childPages('exit_id'),
    migrationPagesBySystemId: migrations.childPages('system_id'),
    migrationProgressByExitId: new DataLoader<string, ExitMigrationProgress>((ids) => migrations.progressByExitIds(ids)),
  };
}
