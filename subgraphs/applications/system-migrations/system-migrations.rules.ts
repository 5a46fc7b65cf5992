// EXIT_TRANSITION_3M (第九条), the systems' side: every system an exiting provider hosts moves to
// another designated provider, and only then does the exiting provider clear its data, with the
// centre. Who may take which step, and in which order.
import { ConflictError, RuleViolationError } from '../../kit/errors';
import { Role } from '../../kit/principal';
import type { SystemMigrationStatus } from '../generated/graphql';

export type MigrationStep = 'MIGRATE' | 'CLEAR_DATA';

/**
 * The unit moves its own system (the centre may record it); the exiting provider clears the data
 * with the centre. The roles of each step's mutation (FORBIDDEN for anyone else).
 */
export const MIGRATION_STEP_ROLES: Readonly<Record<MigrationStep, readonly Role[]>> = {
  MIGRATE: [Role.USER_UNIT, Role.CENTER],
  CLEAR_DATA: [Role.PROVIDER, Role.CENTER],
};

/** A step in order: MIGRATE from PENDING, CLEAR_DATA from MIGRATED; a step already taken is a conflict. */
export function assertMigrationStep(status: SystemMigrationStatus, step: MigrationStep): void {
  if (step === 'MIGRATE') {
    if (status !== 'PENDING') throw new ConflictError('该系统已完成迁移登记');
    return;
  }
  if (status === 'CLEARED') throw new ConflictError('该系统的数据清除已确认');
  if (status === 'PENDING') {
    throw new RuleViolationError('EXIT_TRANSITION_3M', '系统尚未迁移至其他服务商，原服务商不能确认数据清除', { status });
  }
}

/** The system must land on another provider than the one leaving. */
export function assertTargetProvider(targetProviderId: string, exitingProviderId: string): void {
  if (targetProviderId === exitingProviderId) {
    throw new RuleViolationError('EXIT_TRANSITION_3M', '迁移目标不能是正在退出的服务商', { targetProviderId });
  }
}

/** Past the end of the transition and not yet both moved and cleared. */
export function isMigrationOverdue(migration: { status: SystemMigrationStatus; dueOn: string }, today: string): boolean {
  return migration.status !== 'CLEARED' && migration.dueOn < today;
}
