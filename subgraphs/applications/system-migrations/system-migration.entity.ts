import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { SystemMigrationStatus } from '../generated/graphql';
import { InformationSystemEntity } from '../systems/information-system.entity';

/**
 * One system's way off an exiting provider (EXIT_TRANSITION_3M, 第九条): moved to another
 * designated provider, then its data cleared from the old platform. The exit completes when every
 * one of its migrations is CLEARED.
 */
@Index('system_migration_exit_page_idx', ['exitId', 'id'])
@Index('system_migration_system_page_idx', ['systemId', 'id'])
@Entity({ name: 'system_migration' })
@Unique('system_migration_exit_system_key', ['exitId', 'systemId'])
@Index('system_migration_system_id_idx', ['systemId'])
// One open migration per system, whichever exit opened it (EXIT_TRANSITION_3M, 第九条).
@Index('system_migration_open_system_key', ['systemId'], { unique: true, where: `"status" = 'PENDING'` })
@Index('system_migration_unit_id_idx', ['unitId'])
@Index('system_migration_region_code_idx', ['regionCode'])
@Index('system_migration_provider_id_idx', ['providerId'])
// systemMigrations(filter:) (system-migration-list.ts): indexes the migration creates.
@Index('system_migration_status_idx', { synchronize: false })
@Index('system_migration_due_on_idx', { synchronize: false })
// The to-do list's partial indexes, one per kind it reads in order (migration TodoIndexes, todo/todo-keyset.ts).
@Index('todo_migrate_system_idx', { synchronize: false })
@Index('todo_clear_migrated_data_idx', { synchronize: false })
@Index('todo_provider_clear_migrated_data_idx', { synchronize: false })
@enumCheck('system_migration', 'status', Object.values(SystemMigrationStatus))
@Check('system_migration_migrated_check', `("status" = 'PENDING') = ("migrated_on" IS NULL)`)
@Check('system_migration_cleared_check', `("status" = 'CLEARED') = ("data_cleared_on" IS NOT NULL)`)
export class SystemMigrationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'system_migration_pkey' })
  id: string;

  /** The providers subgraph's ProviderExit this migration belongs to. */
  @Column({ type: 'uuid' })
  exitId: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'system_migration_system_id_fkey' })
  system?: InformationSystemEntity;

  /** Denormalised from the system so scope filters are a WHERE clause. */
  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** The exiting provider, which clears the data. */
  @Column({ type: 'uuid' })
  providerId: string;

  /** The end of the exit's transition period. */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'text' })
  status: SystemMigrationStatus;

  /** The designated provider the system moved to. */
  @Column({ type: 'uuid', nullable: true })
  targetProviderId: string | null;

  @Column({ type: 'date', nullable: true })
  migratedOn: string | null;

  @Column({ type: 'text', nullable: true })
  migratedBy: string | null;

  @Column({ type: 'date', nullable: true })
  dataClearedOn: string | null;

  @Column({ type: 'text', nullable: true })
  dataClearedBy: string | null;

  /** Optimistic concurrency: a step names the version it saw (CONFLICT otherwise). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
