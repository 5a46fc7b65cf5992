import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ExitMigrationProgress } from '../../contracts/exit-migrations';
import { loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { SystemMigrationService } from './system-migration.service';

export function createSystemMigrationsLoaders(dataSource: DataSource, scope: Scope) {
  const migrations = new SystemMigrationService(dataSource, scope);
  return {
    migrationsByExitId: loaderOfGroups((ids) => migrations.byExitIds(ids), 'exitId'),
    migrationsBySystemId: loaderOfGroups((ids) => migrations.bySystemIds(ids), 'systemId'),
    migrationProgressByExitId: new DataLoader<string, ExitMigrationProgress>((ids) => migrations.progressByExitIds(ids)),
  };
}
