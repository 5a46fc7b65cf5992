// Parses the exits mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { optionalText } from '../../kit/text-input';
import type { ProviderExitInput } from '../generated/graphql';
import type { ExitInput } from './provider-exit.service';

/** The dates are checked by the Date scalar. */
export function parseExitInput(input: ProviderExitInput): ExitInput {
  return {
    providerId: input.providerId,
    reason: input.reason,
    startedOn: input.startedOn,
    transitionEndsOn: input.transitionEndsOn,
    shortTransitionReason: optionalText(input.shortTransitionReason, 'shortTransitionReason', '过渡期不足3个月的理由', 500),
  };
}
