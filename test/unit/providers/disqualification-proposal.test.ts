// PROVIDER_EVALUATION (第二十六条): a SEVERE grade proposes disqualification, and the bureau's decision
// rests on a clause of the provider's agreement (按照定点服务协议有关约定), cited in words.
import { describe, expect, it } from 'vitest';
import { consequenceTaskOf, PROPOSE_DISQUALIFICATION_TASK } from '../../../subgraphs/contracts/evaluation-consequences';
import {
  AGREEMENT_CLAUSE_MAX,
  assertPending,
  requireAgreementClause,
  requireDecisionReason,
  statusAfter,
} from '../../../subgraphs/providers/evaluation-consequences/disqualification-proposal.rules';

describe('PROVIDER_EVALUATION: disqualification follows the agreement', () => {
  it('a SEVERE grade enqueues a proposal, not a disqualification', () => {
    expect(consequenceTaskOf('SEVERE')).toBe(PROPOSE_DISQUALIFICATION_TASK);
    expect(PROPOSE_DISQUALIFICATION_TASK).not.toBe('providers.disqualifyProvider');
  });

  it('requires the agreement clause the decision rests on, refusing a blank one with the rule', () => {
    expect(requireAgreementClause('  第十二条第二款  ')).toBe('第十二条第二款');
    for (const blank of ['', '   ', null, undefined]) {
      expect(() => requireAgreementClause(blank)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'RULE_VIOLATION', rule: 'PROVIDER_EVALUATION' }) }),
      );
    }
    expect(() => requireAgreementClause('条'.repeat(AGREEMENT_CLAUSE_MAX + 1))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(() => requireDecisionReason(' ')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'reason' }) }));
  });

  it('decides a proposal once: DISQUALIFY → DISQUALIFIED, KEEP → KEPT', () => {
    expect(statusAfter('DISQUALIFY')).toBe('DISQUALIFIED');
    expect(statusAfter('KEEP')).toBe('KEPT');
    expect(() => assertPending('PENDING')).not.toThrow();
    for (const decided of ['DISQUALIFIED', 'KEPT'] as const) {
      expect(() => assertPending(decided)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ rule: 'PROVIDER_EVALUATION' }) }),
      );
    }
  });
});
