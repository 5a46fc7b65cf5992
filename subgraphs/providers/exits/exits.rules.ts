// EXIT_TRANSITION_3M (第九条): a provider's exit generally has a transition of at least three
// months (a shorter one records why); an exiting provider takes no new applications; the exit
// completes only when every hosted system has migrated.
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import { addMonths, FIRST_POLICY_DAY } from '../../kit/dates';
import type { ExitMigrationProgress } from '../../contracts/exit-migrations';
import type { ProviderStatus } from '../generated/graphql';

export const MINIMUM_TRANSITION_MONTHS = 3;

/** The earliest end of a full transition started on `startedOn`. */
export function minimumTransitionEnd(startedOn: string): string {
  return addMonths(startedOn, MINIMUM_TRANSITION_MONTHS);
}

export interface ExitPlan {
  startedOn: string;
  transitionEndsOn: string;
  shortTransitionReason?: string | null;
}

/**
 * The dates of an exit the bureau records: it may be recorded after it started, but not before the
 * policy took effect, nor once its transition is over (`today` or before), which would leave no time
 * for the migrations it opens. Exits the service starts itself (an agreement's expiry, a
 * disqualification) plan their dates from today.
 */
export function assertExitDates(plan: ExitPlan, today: string): void {
  if (plan.startedOn < FIRST_POLICY_DAY) {
    throw new BadUserInputError(`退出开始日期 ${plan.startedOn} 不能早于 ${FIRST_POLICY_DAY}`, 'startedOn');
  }
  if (plan.transitionEndsOn <= today) {
    throw new BadUserInputError(
      `过渡期结束日期 ${plan.transitionEndsOn} 须晚于今天 ${today}：过渡期已结束的退出不能留出迁移时间（第九条，EXIT_TRANSITION_3M）`,
      'transitionEndsOn',
    );
  }
}

/** Returns whether the transition is short (and so carries its reason). */
export function assertExitTransition(plan: ExitPlan): { short: boolean } {
  if (plan.transitionEndsOn <= plan.startedOn) {
    throw new BadUserInputError(`过渡期结束日期 ${plan.transitionEndsOn} 须晚于退出开始日期 ${plan.startedOn}`, 'transitionEndsOn');
  }
  const minimumEnd = minimumTransitionEnd(plan.startedOn);
  if (plan.transitionEndsOn >= minimumEnd) return { short: false };
  if (!plan.shortTransitionReason?.trim()) {
    throw new RuleViolationError(
      'EXIT_TRANSITION_3M',
      `退出过渡期一般不少于3个月（自 ${plan.startedOn} 起至少至 ${minimumEnd}）；过渡期更短的，须说明理由（shortTransitionReason）`,
      { startedOn: plan.startedOn, transitionEndsOn: plan.transitionEndsOn, minimumTransitionEndsOn: minimumEnd },
    );
  }
  return { short: true };
}

/** Only a designated provider (also one in rectification) can start an exit. */
export function canStartExit(status: ProviderStatus): boolean {
  return status === 'DESIGNATED' || status === 'RECTIFYING';
}

/**
 * The exit completes only once the applications subgraph has opened the migrations of every system
 * the provider hosts (the effect may still be on its way) and all of them are done.
 */
export function assertExitCompletable(progress: ExitMigrationProgress): void {
  if (!progress.opened) {
    throw new RuleViolationError('EXIT_TRANSITION_3M', '该退出的系统迁移任务尚未建立，退出不能完成，请稍后重试', {
      migrationsOpened: false,
    });
  }
  const pendingMigrationCount = progress.pending;
  if (pendingMigrationCount > 0) {
    throw new RuleViolationError('EXIT_TRANSITION_3M', `尚有 ${pendingMigrationCount} 个系统未完成迁移和数据清除，退出不能完成`, {
      pendingMigrationCount,
    });
  }
}

/** A provider takes new applications only while designated: never when exiting or exited. */
export function acceptsNewApplications(status: ProviderStatus): boolean {
  return status === 'DESIGNATED';
}
