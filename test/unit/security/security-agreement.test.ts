// SECURITY_AGREEMENT (第二十二条) as pure checks: the bureau's accept needs a signed agreement (the
// applications side), and the security side's rules for signing and for a unit ending one.
import { describe, expect, it } from 'vitest';
import { assertSecurityAgreementSigned } from '../../../subgraphs/applications/lifecycle/security-agreement.rules';
import {
  assertUnitMayTerminate,
  providerToSignWith,
  requireAgreementDate,
  requireAgreementNumber,
  runsOnProvider,
  type AgreementSystemFacts,
} from '../../../subgraphs/security/agreements/agreements.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

const HOST = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const system = (facts: Partial<AgreementSystemFacts> = {}): AgreementSystemFacts => ({
  systemId: '00000000-0000-4000-8000-00000000000a',
  name: '不动产登记系统',
  providerId: HOST,
  deploymentMode: 'ON_CLOUD',
  goLiveOn: '2025-06-01',
  retiredOn: null,
  ...facts,
});

const application = { id: 'a-1', number: 'A-2026-0008', systemId: 's-1', providerId: HOST };

describe('SECURITY_AGREEMENT', () => {
  describe('the bureau’s accept', () => {
    it('is refused without a signed agreement, citing 第二十二条 and the 云安全协议', () => {
      const error = expectViolation(() => assertSecurityAgreementSigned(null, application), 'SECURITY_AGREEMENT', '第二十二条');
      expect(error.message).toContain('云安全协议');
      expect(error.message).toContain('A-2026-0008');
      expect(error.extensions).toMatchObject({ applicationId: 'a-1', systemId: 's-1', providerId: HOST });
    });

    it('passes with one', () => {
      expect(() =>
        assertSecurityAgreementSigned({ id: 'sa-1', number: '滨政云安〔2026〕0031号', signedOn: '2026-11-20' }, application),
      ).not.toThrow();
    });
  });

  describe('signing', () => {
    it('is with the provider named, else the system’s host', () => {
      expect(providerToSignWith(system(), null)).toBe(HOST);
      expect(providerToSignWith(system(), OTHER)).toBe(OTHER);
      expect(providerToSignWith(system({ goLiveOn: null }), null)).toBe(HOST);
    });

    it('is refused for an exempt or retired system, and without any provider', () => {
      for (const facts of [{ deploymentMode: 'EXEMPT' as const, providerId: null }, { retiredOn: '2026-01-31' }]) {
        expect(thrownBy(() => providerToSignWith(system(facts), HOST)).extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'systemId',
        });
      }
      expect(thrownBy(() => providerToSignWith(system({ providerId: null }), null)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'providerId',
      });
    });

    it('takes a trimmed number of 1–64 characters and a valid date not after today', () => {
      expect(requireAgreementNumber(' 滨政云安〔2026〕0031号 ')).toBe('滨政云安〔2026〕0031号');
      for (const bad of ['', '   ', 'x'.repeat(65)]) {
        expect(thrownBy(() => requireAgreementNumber(bad)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
      }
      expect(requireAgreementDate('2026-11-26', 'signedOn', '签订日期', '2026-11-26')).toBe('2026-11-26');
      for (const bad of ['2026-11-27', '2026-02-30', '26-11-01']) {
        expect(thrownBy(() => requireAgreementDate(bad, 'signedOn', '签订日期', '2026-11-26')).extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'signedOn',
        });
      }
      expect(
        thrownBy(() => requireAgreementDate('2026-01-01', 'terminatedOn', '终止日期', '2026-11-26', '2026-02-01')).extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'terminatedOn' });
    });
  });

  describe('a unit ending its agreement', () => {
    const agreement = { number: '滨政云安〔2025〕0012号', providerId: HOST };

    it('is refused while the system runs on that provider’s platform', () => {
      expect(runsOnProvider(system(), HOST)).toBe(true);
      const error = expectViolation(() => assertUnitMayTerminate(system(), agreement), 'SECURITY_AGREEMENT', '第二十二条');
      expect(error.message).toContain(agreement.number);
    });

    it('is allowed once the system is retired, moved to another provider, or never went live', () => {
      for (const facts of [{ retiredOn: '2026-10-31' }, { providerId: OTHER }, { goLiveOn: null }]) {
        expect(runsOnProvider(system(facts), HOST)).toBe(false);
        expect(() => assertUnitMayTerminate(system(facts), agreement)).not.toThrow();
      }
    });
  });
});
