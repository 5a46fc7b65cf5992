import { describe, expect, it } from 'vitest';
import {
  assertFileable,
  assertPromotable,
  assertSupplementaryUsable,
  assertWithdrawable,
  isSupplementaryUsable,
} from '../../../subgraphs/providers/catalogs/catalogs.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

describe('SUPPLEMENTARY_FILED', () => {
  it('only a FILED entry is usable', () => {
    expect(isSupplementaryUsable('FILED')).toBe(true);
    for (const status of ['PENDING', 'PROMOTED', 'WITHDRAWN'] as const) expect(isSupplementaryUsable(status)).toBe(false);
    expect(() => assertSupplementaryUsable({ code: 'X-GPU', filingStatus: 'FILED' })).not.toThrow();
  });

  it('a PENDING entry is refused with the rule and article', () => {
    const error = expectViolation(
      () => assertSupplementaryUsable({ code: 'X-GPU', filingStatus: 'PENDING' }),
      'SUPPLEMENTARY_FILED',
      '第八条',
    );
    expect(error.message).toContain('X-GPU');
  });

  it('a PROMOTED entry points to the basic catalog', () => {
    const error = expectViolation(
      () => assertSupplementaryUsable({ code: 'X-GPU', filingStatus: 'PROMOTED' }),
      'SUPPLEMENTARY_FILED',
      '第八条',
    );
    expect(error.message).toContain('基本目录');
  });

  it('only FILED entries may be promoted into the basic catalog', () => {
    expect(() => assertPromotable({ code: 'X', filingStatus: 'FILED' })).not.toThrow();
    for (const status of ['PENDING', 'PROMOTED', 'WITHDRAWN'] as const) {
      expectViolation(() => assertPromotable({ code: 'X', filingStatus: status }), 'SUPPLEMENTARY_FILED', '第八条');
    }
  });

  it('filing starts from PENDING; withdrawal from PENDING or FILED', () => {
    expect(() => assertFileable('PENDING')).not.toThrow();
    expect(thrownBy(() => assertFileable('FILED')).extensions.code).toBe('CONFLICT');
    expect(() => assertWithdrawable('PENDING')).not.toThrow();
    expect(() => assertWithdrawable('FILED')).not.toThrow();
    expect(thrownBy(() => assertWithdrawable('PROMOTED')).extensions.code).toBe('CONFLICT');
  });
});
