// PROVIDER_EVALUATION (第二十六条) in the providers subgraph: which provider a POOR grade can put into
// rectification, which a SEVERE grade can disqualify, and when the bureau can confirm a rectification.
// Refusals are rule violations: no retry can change them (the effect is then refused for good).
import { addMonths } from '../../kit/dates';
import { RuleViolationError } from '../../kit/errors';
import { MINIMUM_TRANSITION_MONTHS, canStartExit } from '../exits/exits.rules';
import type { ProviderStatus } from '../directory/directory.rules';

/** A POOR grade puts a designated provider into rectification; any other status is refused. */
export function assertCanOrderRectification(status: ProviderStatus): void {
  if (status === 'DESIGNATED') return;
  const why = status === 'RECTIFYING' ? '该服务商已在限期整改中' : `该服务商当前状态为 ${status}，不是定点服务商`;
  throw new RuleViolationError('PROVIDER_EVALUATION', `${why}，不能再责令整改`, { providerStatus: status });
}

/** A SEVERE grade disqualifies a designated (or rectifying) provider; a candidate or one that has left is refused. */
export function assertCanDisqualify(status: ProviderStatus): void {
  if (canStartExit(status)) return;
  throw new RuleViolationError('PROVIDER_EVALUATION', `该服务商当前状态为 ${status}，无服务资格可取消`, { providerStatus: status });
}

/**
 * The disqualified provider's exit: it starts when the providers subgraph handles the effect (never
 * before the finalization) and its transition lasts the full three months (EXIT_TRANSITION_3M), so
 * it ends at least three months after the finalization date.
 */
export function disqualificationExitPlan(finalizedOn: string, today: string): { startedOn: string; transitionEndsOn: string } {
  const startedOn = today > finalizedOn ? today : finalizedOn;
  return { startedOn, transitionEndsOn: addMonths(startedOn, MINIMUM_TRANSITION_MONTHS) };
}

/** The bureau confirms a rectification only while the provider is still rectifying (not exiting since). */
export function assertCanConfirmRectification(status: ProviderStatus): void {
  if (status === 'RECTIFYING') return;
  throw new RuleViolationError('PROVIDER_EVALUATION', `该服务商当前状态为 ${status}，不在整改中，不能确认整改`, { providerStatus: status });
}

/** Past its deadline and not confirmed. */
export function isRectificationOverdue(rectification: { status: string; dueOn: string }, today: string): boolean {
  return rectification.status === 'ORDERED' && rectification.dueOn < today;
}
