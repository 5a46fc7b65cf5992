// PROVIDER_EVALUATION (第二十六条): a pending disqualification proposal is on the bureau's to-do list,
// due the day it was made and never overdue (the policy sets no time for the decision).
import { describe, expect, it } from 'vitest';
import { Role } from '../../../subgraphs/kit/principal';
import { decidesDisqualification, disqualificationTodoItems } from '../../../subgraphs/applications/todo/todo-disqualifications.rules';

describe('PROVIDER_EVALUATION: pending disqualification proposals on the to-do list', () => {
  it('only the bureau decides one', () => {
    expect(decidesDisqualification({ role: Role.BUREAU })).toBe(true);
    for (const role of [Role.CENTER, Role.COUNTY_AUTHORITY, Role.PROVIDER, Role.USER_UNIT])
      expect(decidesDisqualification({ role })).toBe(false);
  });

  it('one item per proposal, due the day it was made, not overdue, citing 第二十六条', () => {
    const items = disqualificationTodoItems([{ id: 'p-1', providerName: '某云', evaluationYear: 2026, proposedOn: '2026-11-20' }]);
    expect(items).toEqual([
      {
        id: 'DECIDE_DISQUALIFICATION:p-1',
        kind: 'DECIDE_DISQUALIFICATION',
        applicationId: null,
        migrationId: null,
        proposalId: 'p-1',
        systemId: null,
        dueOn: '2026-11-20',
        overdue: false,
        action: expect.stringContaining('某云 2026 年度评价情况严重'),
        rule: 'PROVIDER_EVALUATION',
        article: '第二十六条',
      },
    ]);
  });
});
