// Parses the exits mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { todayInChina } from '../../kit/dates';
import { optionalText } from '../../kit/text-input';
import type { ProviderExitInput } from '../generated/graphql';
import { assertExitDates } from './exits.rules';
import type { ExitInput } from './provider-exit.service';

/** The dates are well-formed (the Date scalar) and in range (assertExitDates). */
export function parseExitInput(input: ProviderExitInput, today = todayInChina()): ExitInput {
  assertExitDates(input, today);
  return {
    providerId: input.providerId,
    reason: input.reason,
    startedOn: input.startedOn,
    transitionEndsOn: input.transitionEndsOn,
    shortTransitionReason: optionalText(input.shortTransitionReason, 'shortTransitionReason', '过渡期不足3个月的理由', 500),
  };
}
