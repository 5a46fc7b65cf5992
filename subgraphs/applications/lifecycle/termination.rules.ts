// TERMINATION_STEPS (第十五条): termination completes only after shutdown (by the unit), data
// clearance and resource recovery (each by the provider with the centre) are confirmed, in that
// order: data is cleared from a system that no longer runs, resources recovered once cleared.
import { RuleViolationError } from '../../kit/errors';
import type { TerminationStep } from '../generated/graphql';

export const TERMINATION_STEP_ORDER: readonly TerminationStep[] = ['SHUTDOWN', 'DATA_CLEARANCE', 'RESOURCE_RECOVERY'];

export const TERMINATION_STEP_LABELS: Readonly<Record<TerminationStep, string>> = {
  SHUTDOWN: '下线关停',
  DATA_CLEARANCE: '数据清除',
  RESOURCE_RECOVERY: '云资源回收',
};

/** Checks `step` may be confirmed now and returns whether it completes the termination. */
export function assertStepConfirmable(step: TerminationStep, confirmed: readonly TerminationStep[]): { completes: boolean } {
  if (confirmed.includes(step)) {
    throw new RuleViolationError('TERMINATION_STEPS', `${TERMINATION_STEP_LABELS[step]}已确认，不能重复确认`, { step });
  }
  const index = TERMINATION_STEP_ORDER.indexOf(step);
  const pending = TERMINATION_STEP_ORDER.slice(0, index).filter((earlier) => !confirmed.includes(earlier));
  if (pending.length > 0) {
    throw new RuleViolationError(
      'TERMINATION_STEPS',
      `须先确认${pending.map((earlier) => TERMINATION_STEP_LABELS[earlier]).join('、')}，才能确认${TERMINATION_STEP_LABELS[step]}`,
      { step, pendingSteps: pending },
    );
  }
  return { completes: TERMINATION_STEP_ORDER.every((each) => each === step || confirmed.includes(each)) };
}
