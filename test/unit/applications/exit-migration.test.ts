import { describe, expect, it } from 'vitest';
import {
  assertMigrationStep,
  assertTargetProvider,
  isMigrationOverdue,
  MIGRATION_STEP_ROLES,
} from '../../../subgraphs/applications/system-migrations/system-migrations.rules';
import { migrationTodoItemsFor } from '../../../subgraphs/applications/todo/todo-migrations.rules';
import { Role } from '../../../subgraphs/kit/principal';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

describe('EXIT_TRANSITION_3M: a hosted system moves, then its data is cleared', () => {
  it('the unit or the centre moves a system; the provider or the centre clears its data; nobody else', () => {
    expect(MIGRATION_STEP_ROLES).toEqual({ MIGRATE: [Role.USER_UNIT, Role.CENTER], CLEAR_DATA: [Role.PROVIDER, Role.CENTER] });
  });

  it('data is cleared only after the system moved; a step taken twice is a conflict', () => {
    expect(() => assertMigrationStep('PENDING', 'MIGRATE')).not.toThrow();
    expect(() => assertMigrationStep('MIGRATED', 'CLEAR_DATA')).not.toThrow();
    expectViolation(() => assertMigrationStep('PENDING', 'CLEAR_DATA'), 'EXIT_TRANSITION_3M', '第九条');
    expect(thrownBy(() => assertMigrationStep('MIGRATED', 'MIGRATE')).extensions.code).toBe('CONFLICT');
    expect(thrownBy(() => assertMigrationStep('CLEARED', 'MIGRATE')).extensions.code).toBe('CONFLICT');
    expect(thrownBy(() => assertMigrationStep('CLEARED', 'CLEAR_DATA')).extensions.code).toBe('CONFLICT');
  });

  it('a system cannot move to the provider that is leaving', () => {
    expect(() => assertTargetProvider('b', 'a')).not.toThrow();
    expectViolation(() => assertTargetProvider('a', 'a'), 'EXIT_TRANSITION_3M', '第九条');
  });

  it('a migration is overdue the day after the transition ends, unless its data is cleared', () => {
    expect(isMigrationOverdue({ status: 'PENDING', dueOn: '2027-02-26' }, '2027-02-26')).toBe(false);
    expect(isMigrationOverdue({ status: 'PENDING', dueOn: '2027-02-26' }, '2027-02-27')).toBe(true);
    expect(isMigrationOverdue({ status: 'MIGRATED', dueOn: '2027-02-26' }, '2027-02-27')).toBe(true);
    expect(isMigrationOverdue({ status: 'CLEARED', dueOn: '2027-02-26' }, '2027-02-27')).toBe(false);
  });
});

describe('EXIT_TRANSITION_3M: who has a migration to do', () => {
  const pending = { id: 'm1', systemId: 's1', systemName: '系统甲', providerId: 'p-old', status: 'PENDING' as const, dueOn: '2027-02-26' };
  const migrated = { ...pending, id: 'm2', status: 'MIGRATED' as const };
  const cleared = { ...pending, id: 'm3', status: 'CLEARED' as const };
  const all = [pending, migrated, cleared];
  const kinds = (role: Role, providerId?: string, today = '2026-11-26') =>
    migrationTodoItemsFor({ role, providerId }, all, today).map((item) => `${item.kind}:${item.migrationId}:${item.overdue}`);

  it('the unit moves, the exiting provider clears, the centre may do either; nothing once cleared', () => {
    expect(kinds(Role.USER_UNIT)).toEqual(['MIGRATE_SYSTEM:m1:false']);
    expect(kinds(Role.PROVIDER, 'p-old')).toEqual(['CLEAR_MIGRATED_DATA:m2:false']);
    expect(kinds(Role.PROVIDER, 'p-new')).toEqual([]);
    expect(kinds(Role.CENTER)).toEqual(['MIGRATE_SYSTEM:m1:false', 'CLEAR_MIGRATED_DATA:m2:false']);
    for (const role of [Role.BUREAU, Role.COUNTY_AUTHORITY, Role.AUDITOR, Role.CYBERSEC]) expect(kinds(role)).toEqual([]);
  });

  it('is overdue after the transition ends', () => {
    expect(kinds(Role.CENTER, undefined, '2027-02-27')).toEqual(['MIGRATE_SYSTEM:m1:true', 'CLEAR_MIGRATED_DATA:m2:true']);
  });
});
