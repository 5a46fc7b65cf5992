import { describe, expect, it } from 'vitest';
import {
  grantCovers,
  matchingGrant,
  MAX_RECORDS_PER_SUBMISSION,
  validateAccessRecords,
  type AccessFacts,
  type GrantTerms,
} from '../../../subgraphs/security/access/access.rules';
import type { AccessRecordInput } from '../../../subgraphs/security/generated/graphql';
import { CLOCK_SKEW_MS, parseInstant } from '../../../subgraphs/kit/instants';
import { thrownBy } from '../../setup/rule-assertions';

const SYSTEM = '6f1c1f3e-0c2b-5a1e-9d7a-2b4c6d8e0f11';
const PROVIDER = '0b6c2d1e-7f3a-5b9c-8d4e-1a2b3c4d5e6f';
const at = (instant: string) => new Date(instant);

const grant: GrantTerms = {
  systemId: SYSTEM,
  providerId: PROVIDER,
  resourceKind: 'DATABASE',
  staffAccount: 'inspur-ops-01',
  validFrom: at('2026-11-01T08:00:00+08:00'),
  validUntil: at('2026-11-30T18:00:00+08:00'),
  grantedAt: at('2026-10-30T10:00:00+08:00'),
  revokedAt: null,
};
const access = (overrides: Partial<AccessFacts> = {}): AccessFacts => ({
  systemId: SYSTEM,
  providerId: PROVIDER,
  resourceKind: 'DATABASE',
  staffAccount: 'inspur-ops-01',
  accessedAt: at('2026-11-10T22:00:00+08:00'),
  ...overrides,
});
const ms = (instant: Date, delta: number) => new Date(instant.getTime() + delta);

describe('AUTHORIZED_ACCESS', () => {
  describe('a grant covers an access', () => {
    it('of the same system, provider, kind and account within its period', () => {
      expect(grantCovers(grant, access())).toBe(true);
    });

    it('from validFrom inclusive, not a millisecond earlier', () => {
      expect(grantCovers(grant, access({ accessedAt: grant.validFrom }))).toBe(true);
      expect(grantCovers(grant, access({ accessedAt: ms(grant.validFrom, -1) }))).toBe(false);
    });

    it('until validUntil inclusive, not a millisecond later', () => {
      expect(grantCovers(grant, access({ accessedAt: grant.validUntil }))).toBe(true);
      expect(grantCovers(grant, access({ accessedAt: ms(grant.validUntil, 1) }))).toBe(false);
    });

    it('only strictly before its revocation: at revokedAt the access is a violation', () => {
      const revoked = { ...grant, revokedAt: at('2026-11-20T12:00:00+08:00') };
      expect(grantCovers(revoked, access({ accessedAt: ms(revoked.revokedAt, -1) }))).toBe(true);
      expect(grantCovers(revoked, access({ accessedAt: revoked.revokedAt }))).toBe(false);
      expect(grantCovers(revoked, access({ accessedAt: ms(revoked.revokedAt, 1) }))).toBe(false);
    });

    it('not before it was recorded, whatever validFrom says: a grant is not retroactive', () => {
      const late = { ...grant, grantedAt: at('2026-11-05T09:00:00+08:00') };
      expect(grantCovers(late, access({ accessedAt: at('2026-11-03T09:00:00+08:00') }))).toBe(false);
      expect(grantCovers(late, access({ accessedAt: late.grantedAt }))).toBe(true);
    });

    it('never for another system, provider, resource kind or account (matched exactly)', () => {
      expect(grantCovers(grant, access({ systemId: PROVIDER }))).toBe(false);
      expect(grantCovers(grant, access({ providerId: SYSTEM }))).toBe(false);
      expect(grantCovers(grant, access({ resourceKind: 'HOST' }))).toBe(false);
      expect(grantCovers(grant, access({ staffAccount: 'INSPUR-OPS-01' }))).toBe(false);
      expect(grantCovers(grant, access({ staffAccount: 'inspur-ops-02' }))).toBe(false);
    });
  });

  describe('matchingGrant', () => {
    it('is null when no grant covers the access (a violation)', () => {
      expect(matchingGrant([{ ...grant, id: 'a' }], access({ resourceKind: 'STORAGE' }))).toBeNull();
      expect(matchingGrant([], access())).toBeNull();
    });

    it('picks the earliest recorded covering grant', () => {
      const older = { ...grant, id: 'b', grantedAt: at('2026-10-01T00:00:00Z') };
      const newer = { ...grant, id: 'a' };
      const revoked = { ...grant, id: '0', grantedAt: at('2026-09-01T00:00:00Z'), revokedAt: at('2026-09-02T00:00:00Z') };
      expect(matchingGrant([newer, revoked, older], access())?.id).toBe('b');
    });
  });

  describe('instants', () => {
    it('need an explicit offset and a real calendar date', () => {
      expect(parseInstant('2026-11-26T09:00:00+08:00')?.toISOString()).toBe('2026-11-26T01:00:00.000Z');
      expect(parseInstant('2026-11-26T01:00Z')?.toISOString()).toBe('2026-11-26T01:00:00.000Z');
      for (const bad of ['2026-11-26T09:00:00', '2026-11-26', '2026-02-30T09:00:00Z', '2026-11-26 09:00:00Z', 'yesterday', '']) {
        expect(parseInstant(bad), bad).toBeNull();
      }
    });
  });

  describe('validating a batch', () => {
    const now = at('2026-11-26T12:00:00+08:00');
    const row = (overrides: Partial<AccessRecordInput> = {}): AccessRecordInput => ({
      systemId: SYSTEM,
      resourceKind: 'HOST',
      staffAccount: ' inspur-ops-01 ',
      accessedAt: '2026-11-26T09:00:00+08:00',
      action: '登录云主机',
      externalId: 'LOG-1',
      ...overrides,
    });

    it('trims text and parses instants', () => {
      const [valid] = validateAccessRecords([row()], now);
      expect(valid).toMatchObject({ staffAccount: 'inspur-ops-01', accessedAt: at('2026-11-26T01:00:00Z') });
    });

    it('names the first bad row by its index and field', () => {
      const rows = [row(), row(), row({ accessedAt: '2026-11-26 09:00' }), row({ staffAccount: '' })];
      const error = thrownBy(() => validateAccessRecords(rows, now));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records[2].accessedAt', row: 2 });
      expect(error.message).toContain('第 3 条');
      const blank = thrownBy(() => validateAccessRecords([row(), row({ externalId: '  ' })], now));
      expect(blank.extensions).toMatchObject({ field: 'records[1].externalId', row: 1 });
      const id = thrownBy(() => validateAccessRecords([row({ systemId: 'S-371600-001-01' })], now));
      expect(id.extensions).toMatchObject({ field: 'records[0].systemId' });
    });

    it('refuses records from the future beyond the clock skew', () => {
      expect(validateAccessRecords([row({ accessedAt: new Date(now.getTime() + CLOCK_SKEW_MS).toISOString() })], now)).toHaveLength(1);
      const error = thrownBy(() =>
        validateAccessRecords([row({ accessedAt: new Date(now.getTime() + CLOCK_SKEW_MS + 1).toISOString() })], now),
      );
      expect(error.extensions).toMatchObject({ field: 'records[0].accessedAt' });
    });

    it('takes 1 to MAX_RECORDS_PER_SUBMISSION (5,000) records', () => {
      expect(MAX_RECORDS_PER_SUBMISSION).toBe(5000);
      expect(thrownBy(() => validateAccessRecords([], now)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records' });
      const tooMany = Array.from({ length: MAX_RECORDS_PER_SUBMISSION + 1 }, (_, i) => row({ externalId: `LOG-${i}` }));
      expect(thrownBy(() => validateAccessRecords(tooMany, now)).extensions).toMatchObject({ field: 'records' });
      expect(validateAccessRecords(tooMany.slice(1), now)).toHaveLength(MAX_RECORDS_PER_SUBMISSION);
    });
  });
});
