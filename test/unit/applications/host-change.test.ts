// The receiving host of an exit migration (第九条): its security agreement (SECURITY_AGREEMENT,
// 第二十二条), its platform's MLPS level (MLPS_PLATFORM_LEVEL, 第二十一条), the day of the move and
// the lines in force each new one replaces (第八条、第十六条), and the arguments as they are read.
import { describe, expect, it } from 'vitest';
import {
  assertHostSecurityAgreement,
  assertMigratedOn,
  assertPlatformMeetsSystemLevel,
  assertReplacesLinesInForce,
} from '../../../subgraphs/applications/system-migrations/host-change.rules';
import { parseRecordMigrated } from '../../../subgraphs/applications/system-migrations/host-change.inputs';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

const move = { systemId: '6d1c9c1e-0000-4000-8000-000000000001', targetProviderId: '6d1c9c1e-0000-4000-8000-000000000002' };
const LINE_A = '6d1c9c1e-0000-4000-8000-00000000000a';
const LINE_B = '6d1c9c1e-0000-4000-8000-00000000000b';
const ENTRY = '6d1c9c1e-0000-4000-8000-0000000000e1';

describe('SECURITY_AGREEMENT: the unit signs with the new host before its system moves', () => {
  it('refuses without a signed agreement, passes with one', () => {
    const error = expectViolation(() => assertHostSecurityAgreement(null, move), 'SECURITY_AGREEMENT', '第二十二条');
    expect(error.extensions).toMatchObject({ systemId: move.systemId, providerId: move.targetProviderId });
    expect(() => assertHostSecurityAgreement({ id: 'x', number: '滨政云安〔2026〕0001号', signedOn: '2026-11-20' }, move)).not.toThrow();
  });
});

describe('MLPS_PLATFORM_LEVEL: the new platform meets the system’s level', () => {
  it('refuses a platform below the system, or one without a filed level; an ungraded system has none to meet', () => {
    const below = expectViolation(
      () => assertPlatformMeetsSystemLevel({ systemLevel: 4, platformLevel: 3 }, move),
      'MLPS_PLATFORM_LEVEL',
      '第二十一条',
    );
    expect(below.extensions).toMatchObject({ level: 4, platformLevel: 3 });
    expectViolation(
      () => assertPlatformMeetsSystemLevel({ systemLevel: 2, platformLevel: null }, move),
      'MLPS_PLATFORM_LEVEL',
      '第二十一条',
    );
    expect(() => assertPlatformMeetsSystemLevel({ systemLevel: 3, platformLevel: 3 }, move)).not.toThrow();
    expect(() => assertPlatformMeetsSystemLevel({ systemLevel: null, platformLevel: null }, move)).not.toThrow();
  });
});

describe('the day of the move', () => {
  it('is not after today and is after the replaced lines started being billed', () => {
    expect(thrownBy(() => assertMigratedOn('2026-11-27', '2026-11-26', '2025-12-30')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'migratedOn',
    });
    expect(thrownBy(() => assertMigratedOn('2025-12-30', '2026-11-26', '2025-12-30')).extensions.code).toBe('BAD_USER_INPUT');
    expect(() => assertMigratedOn('2025-12-31', '2026-11-26', '2025-12-30')).not.toThrow();
    expect(() => assertMigratedOn('2026-11-26', '2026-11-26', null)).not.toThrow();
  });
});

describe('each new line replaces a line in force', () => {
  it('refuses a line not in force; a line in force may end without a replacement', () => {
    const inForce = [{ id: LINE_A }];
    const stranger = thrownBy(() => assertReplacesLinesInForce(inForce, [{ resourceLineId: LINE_A }, { resourceLineId: LINE_B }]));
    expect(stranger.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
    expect(stranger.message).toContain(LINE_B);
    expect(() => assertReplacesLinesInForce(inForce, [{ resourceLineId: LINE_A }])).not.toThrow();
    expect(() => assertReplacesLinesInForce([...inForce, { id: LINE_B }], [{ resourceLineId: LINE_B }])).not.toThrow();
  });
});

describe('recordSystemMigrated arguments', () => {
  const args = (lines: Array<Record<string, unknown>>) =>
    ({ id: move.systemId, version: 1, targetProviderId: move.targetProviderId, migratedOn: '2026-11-26', lines }) as Parameters<
      typeof parseRecordMigrated
    >[0];
  const line = { resourceLineId: LINE_A, catalogEntryId: ENTRY, quantity: 2, concludedPrice: '350.00' };

  it('reads prices in fen and a fixed quantity as its own maximum', () => {
    expect(parseRecordMigrated(args([line])).lines).toEqual([
      { resourceLineId: LINE_A, catalogEntryId: ENTRY, quantity: 2, quantityMax: 2, concludedPriceFen: 35000 },
    ]);
  });

  it('refuses a line replaced twice, a malformed id or price, and a range upside down', () => {
    expect(thrownBy(() => parseRecordMigrated(args([line, line]))).extensions).toMatchObject({ field: 'lines.1.resourceLineId' });
    expect(thrownBy(() => parseRecordMigrated(args([{ ...line, catalogEntryId: 'x' }]))).extensions).toMatchObject({
      field: 'lines.0.catalogEntryId',
    });
    expect(thrownBy(() => parseRecordMigrated(args([{ ...line, concludedPrice: '3.333' }]))).extensions).toMatchObject({
      field: 'lines.0.concludedPrice',
    });
    expect(thrownBy(() => parseRecordMigrated(args([{ ...line, quantityMax: 1 }]))).extensions).toMatchObject({
      field: 'lines.0.quantityMax',
    });
  });
});
