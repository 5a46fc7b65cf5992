// registerSystem's checks that need no database (system-registration.service.ts): the code after the
// unit's own, and the arguments read before anything is written.
import { describe, expect, it } from 'vitest';
import { nextSystemCode, parseSystemRegistration } from '../../../subgraphs/applications/systems/system-registration.service';
import { GovCloudError } from '../../../subgraphs/kit/errors';

const PROVIDER = '6f1c9d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GovCloudError);
    return (error as GovCloudError).extensions;
  }
  throw new Error('expected a refusal');
}

describe('nextSystemCode', () => {
  it('numbers one above the unit’s highest, retired ones included, so no code is given twice', () => {
    expect(nextSystemCode('U-371600-012', ['S-371600-012-01', 'S-371600-012-03'])).toBe('S-371600-012-04');
    expect(nextSystemCode('U-371602-004', [])).toBe('S-371602-004-01');
    expect(nextSystemCode('U-371602-004', ['S-371602-004-99'])).toBe('S-371602-004-100');
  });

  it('counts only codes of the unit’s own form', () => {
    expect(nextSystemCode('U-371600-012', ['S-371600-0120-07', 'S-371600-012-x9', 'S-371600-012-02'])).toBe('S-371600-012-03');
  });
});

describe('parseSystemRegistration', () => {
  it('trims the texts, defaults loadVariesWidely, and reads a blank legacy name as none', () => {
    expect(parseSystemRegistration({ name: ' 网上办事大厅 ', providerId: PROVIDER, legacySystemName: '  ' })).toEqual({
      unitId: null,
      name: '网上办事大厅',
      providerId: PROVIDER,
      legacySystemName: null,
      loadVariesWidely: false,
      isDisasterRecovery: false,
      isStandby: false,
      primarySystemId: null,
    });
  });

  it('a disaster-recovery or standby system names its primary, only one of the two, and only a backup names one', () => {
    const PRIMARY = '0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a';
    const base = { name: '不动产登记灾备系统', providerId: PROVIDER };
    expect(parseSystemRegistration({ ...base, isDisasterRecovery: true, primarySystemId: PRIMARY })).toMatchObject({
      isDisasterRecovery: true,
      isStandby: false,
      primarySystemId: PRIMARY,
    });
    expect(fieldOf(() => parseSystemRegistration({ ...base, isStandby: true }))).toMatchObject({ field: 'primarySystemId' });
    expect(
      fieldOf(() => parseSystemRegistration({ ...base, isDisasterRecovery: true, isStandby: true, primarySystemId: PRIMARY })),
    ).toMatchObject({ field: 'isStandby' });
    expect(fieldOf(() => parseSystemRegistration({ ...base, primarySystemId: PRIMARY }))).toMatchObject({ field: 'primarySystemId' });
  });

  it('refuses a blank or overlong name and a malformed provider id, naming the field', () => {
    expect(fieldOf(() => parseSystemRegistration({ name: ' ', providerId: PROVIDER }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(fieldOf(() => parseSystemRegistration({ name: '系'.repeat(201), providerId: PROVIDER }))).toMatchObject({ field: 'name' });
    expect(fieldOf(() => parseSystemRegistration({ name: '网上办事大厅', providerId: 'P-INSPUR' }))).toMatchObject({ field: 'providerId' });
    expect(
      fieldOf(() => parseSystemRegistration({ name: '网上办事大厅', providerId: PROVIDER, legacySystemName: '旧'.repeat(201) })),
    ).toMatchObject({ field: 'legacySystemName' });
  });
});
