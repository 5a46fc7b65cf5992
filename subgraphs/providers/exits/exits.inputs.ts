// Parses the exits mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { parseIsoDate } from '../../kit/dates';
import { optionalText } from '../../kit/text-input';
import type { ExitReason } from './provider-exit.entity';
import type { ExitInput } from './provider-exit.service';

export interface ExitArgs {
  providerId: string;
  reason: ExitReason;
  startedOn: string;
  transitionEndsOn: string;
  shortTransitionReason?: string | null;
}

export function parseExitInput(input: ExitArgs): ExitInput {
  return {
    providerId: input.providerId,
    reason: input.reason,
    startedOn: parseIsoDate(input.startedOn, 'startedOn', '退出开始日期'),
    transitionEndsOn: parseIsoDate(input.transitionEndsOn, 'transitionEndsOn', '过渡期结束日期'),
    shortTransitionReason: optionalText(input.shortTransitionReason, 'shortTransitionReason', '过渡期不足3个月的理由', 500),
  };
}
