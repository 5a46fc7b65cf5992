import { describe, expect, it } from 'vitest';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import {
  INCIDENT_REPORT_DEADLINE_MINUTES,
  assertIncidentOpen,
  assertMayUpdateIncident,
  assertReportableSystems,
  detectionToReportMinutes,
  isReportedLate,
  reporterRoleOf,
} from '../../../subgraphs/security/incidents/incidents.rules';
import { requireInstant as parseInstant } from '../../../subgraphs/kit/instants';
import { thrownBy } from '../../setup/rule-assertions';

const UNIT = '11111111-1111-4111-8111-111111111111';
const PROVIDER = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const unit: Principal = { subject: 'u', role: Role.USER_UNIT, unitId: UNIT, regionCode: '371600' };
const provider: Principal = { subject: 'p', role: Role.PROVIDER, providerId: PROVIDER };

describe('INCIDENT_REPORT', () => {
  it('keeps whole minutes from detection to report; a detection after the report is bad input', () => {
    const reported = new Date('2026-11-26T10:00:00+08:00');
    expect(detectionToReportMinutes(new Date('2026-11-26T08:59:30+08:00'), reported)).toBe(60);
    expect(detectionToReportMinutes(reported, reported)).toBe(0);
    const error = thrownBy(() => detectionToReportMinutes(new Date('2026-11-26T10:00:01+08:00'), reported));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'detectedAt' });
    expect(error.message).toContain('第十八条');
  });

  it('reads detection times only with a time zone', () => {
    expect(parseInstant('2026-11-26T09:30:00+08:00', 'detectedAt', '发现时间').toISOString()).toBe('2026-11-26T01:30:00.000Z');
    expect(parseInstant('2026-11-26T01:30Z', 'detectedAt', '发现时间').toISOString()).toBe('2026-11-26T01:30:00.000Z');
    for (const bad of ['2026-11-26T09:30:00', '2026-11-26', 'yesterday', '2026-13-40T25:00:00Z']) {
      expect(thrownBy(() => parseInstant(bad, 'detectedAt', '发现时间')).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'detectedAt',
      });
    }
  });

  it('flags late reports: more than 60 minutes for 较大 and above, no limit for 一般', () => {
    expect(INCIDENT_REPORT_DEADLINE_MINUTES).toEqual({ PARTICULARLY_SERIOUS: 60, SERIOUS: 60, LARGER: 60, GENERAL: null });
    const detected = new Date('2026-11-26T09:00:00+08:00');
    const after = (ms: number) => new Date(detected.getTime() + ms);
    expect(isReportedLate('SERIOUS', detected, after(60 * 60_000))).toBe(false);
    // Whole minutes read 60, but 60 minutes and 58 seconds is past the hour.
    expect(isReportedLate('SERIOUS', detected, after(60 * 60_000 + 58_000))).toBe(true);
    expect(isReportedLate('SERIOUS', detected, after(60 * 60_000 + 1))).toBe(true);
    expect(isReportedLate('PARTICULARLY_SERIOUS', detected, after(150 * 60_000))).toBe(true);
    expect(isReportedLate('LARGER', detected, after(45 * 60_000))).toBe(false);
    expect(isReportedLate('GENERAL', detected, after(10_000 * 60_000))).toBe(false);
  });

  it('providers, units, the bureau, the centre and the monitoring agency report (第十八条); the cybersecurity authority receives', () => {
    expect(reporterRoleOf(provider)).toBe('PROVIDER');
    expect(reporterRoleOf(unit)).toBe('USER_UNIT');
    for (const role of [Role.BUREAU, Role.CENTER, Role.MONITOR]) expect(reporterRoleOf({ subject: 'x', role })).toBe(role);
    for (const role of [Role.CYBERSEC, Role.AUDITOR, Role.COUNTY_AUTHORITY, Role.FINANCE]) {
      expect(thrownBy(() => reporterRoleOf({ subject: 'x', role })).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('a unit reports on its own systems only, and names at least one; a provider on systems it hosts', () => {
    const own = { systemId: 's1', unitId: UNIT, providerId: PROVIDER };
    const others = { systemId: 's2', unitId: OTHER, providerId: OTHER };
    expect(() => assertReportableSystems(unit, [own])).not.toThrow();
    // Someone else's system is answered like one that does not exist.
    expect(thrownBy(() => assertReportableSystems(unit, [own, others])).extensions.code).toBe('NOT_FOUND');
    expect(thrownBy(() => assertReportableSystems(unit, [])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemIds' });
    expect(() => assertReportableSystems(provider, [])).not.toThrow();
    expect(() => assertReportableSystems(provider, [own])).not.toThrow();
    expect(thrownBy(() => assertReportableSystems(provider, [others])).extensions.code).toBe('NOT_FOUND');
  });

  it('the reporter, the cybersecurity authority and the bureau add to the timeline, until it is resolved', () => {
    const byProvider = { reporterRole: 'PROVIDER' as const, providerId: PROVIDER, unitId: null };
    const byUnit = { reporterRole: 'USER_UNIT' as const, providerId: PROVIDER, unitId: UNIT };
    expect(() => assertMayUpdateIncident(provider, byProvider)).not.toThrow();
    expect(() => assertMayUpdateIncident(unit, byUnit)).not.toThrow();
    expect(() => assertMayUpdateIncident({ subject: 'c', role: Role.CYBERSEC }, byUnit)).not.toThrow();
    expect(() => assertMayUpdateIncident({ subject: 'b', role: Role.BUREAU }, byProvider)).not.toThrow();
    // The hosting provider did not report the unit's incident.
    expect(thrownBy(() => assertMayUpdateIncident(provider, byUnit)).extensions.code).toBe('FORBIDDEN');
    expect(thrownBy(() => assertMayUpdateIncident({ subject: 'x', role: Role.CENTER }, byUnit)).extensions.code).toBe('FORBIDDEN');
    expect(() => assertIncidentOpen('HANDLING')).not.toThrow();
    expect(thrownBy(() => assertIncidentOpen('RESOLVED')).extensions.code).toBe('BAD_USER_INPUT');
  });
});
