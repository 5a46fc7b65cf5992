// The utilisation evaluation's pure rules (第十六条、第二十五条): flags at their thresholds,
// exclusions, too little data, the usage score, periods, orders, and the configuration.
import { describe, expect, it } from 'vitest';
import { buildWorld, WORLD_TODAY } from '../../../seed/world';
import { ConfigError } from '../../../subgraphs/kit/config';
import { buildMonitoringSample, DEMO_UTILISATION_PROFILES } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import { readUtilisationThresholds } from '../../../subgraphs/supervision/utilisation/utilisation.config';
import {
  assertOrderable,
  DEFAULT_UTILISATION_THRESHOLDS as T,
  requirePeriod,
  usageScore,
  utilisationFlag,
  yearPeriod,
  type UtilisationFigures,
} from '../../../subgraphs/supervision/utilisation/utilisation.rules';

const ordinary = { isDisasterRecovery: false, isStandby: false };

function figures(cpu: { average: number; p95: number }, memoryAverage: number, networkP95: number, days = 30): UtilisationFigures {
  return {
    daysWithData: days,
    cpu: { ...cpu, peak: cpu.p95 + 5 },
    memory: { average: memoryAverage, p95: memoryAverage + 5, peak: memoryAverage + 10 },
    network: { average: networkP95 / 2, p95: networkP95, peak: networkP95 + 1 },
    storageGb: { average: 100, p95: 110, peak: 120 },
    bandwidthMbps: { p95: 10, peak: 12 },
  };
}

describe('utilisation flags', () => {
  it('IDLE when P95 CPU < 5% and P95 network < 2%; exactly at a threshold is not below it', () => {
    expect(utilisationFlag(figures({ average: 1, p95: 4.99 }, 50, 1.99), ordinary, T)).toBe('IDLE');
    expect(utilisationFlag(figures({ average: 1, p95: 5 }, 50, 1.99), ordinary, T)).toBe('NORMAL');
    expect(utilisationFlag(figures({ average: 1, p95: 4.99 }, 50, 2), ordinary, T)).toBe('NORMAL');
  });

  it('UNDER_USED when average CPU < 10% and average memory < 30%, at the thresholds not', () => {
    expect(utilisationFlag(figures({ average: 9.99, p95: 40 }, 29.99, 30), ordinary, T)).toBe('UNDER_USED');
    expect(utilisationFlag(figures({ average: 10, p95: 40 }, 29.99, 30), ordinary, T)).toBe('NORMAL');
    expect(utilisationFlag(figures({ average: 9.99, p95: 40 }, 30, 30), ordinary, T)).toBe('NORMAL');
  });

  it('IDLE wins over UNDER_USED when both hold', () => {
    expect(utilisationFlag(figures({ average: 1, p95: 3 }, 10, 1), ordinary, T)).toBe('IDLE');
  });

  it('excludes disaster-recovery and standby systems, however idle and whatever their data', () => {
    const idle = figures({ average: 1, p95: 2 }, 5, 0.5);
    expect(utilisationFlag(idle, { isDisasterRecovery: true, isStandby: false }, T)).toBe('EXCLUDED');
    expect(utilisationFlag(idle, { isDisasterRecovery: false, isStandby: true }, T)).toBe('EXCLUDED');
    expect(utilisationFlag({ ...idle, daysWithData: 0, cpu: null }, { isDisasterRecovery: true, isStandby: false }, T)).toBe('EXCLUDED');
  });

  it(`is NO_DATA below ${T.minDaysWithData} days with data, or for a system the replica does not know`, () => {
    const idle = (days: number) => figures({ average: 1, p95: 2 }, 5, 0.5, days);
    expect(utilisationFlag(idle(T.minDaysWithData - 1), ordinary, T)).toBe('NO_DATA');
    expect(utilisationFlag(idle(T.minDaysWithData), ordinary, T)).toBe('IDLE');
    expect(utilisationFlag(idle(30), null, T)).toBe('NO_DATA');
  });

  it('follows configured thresholds', () => {
    const strict = { ...T, idleCpuP95Percent: 2, underUsedCpuAvgPercent: 5 };
    expect(utilisationFlag(figures({ average: 1, p95: 3 }, 10, 1), ordinary, strict)).toBe('UNDER_USED');
    expect(utilisationFlag(figures({ average: 6, p95: 30 }, 10, 10), ordinary, strict)).toBe('NORMAL');
  });

  it('scores usage as the mean of average CPU, memory and network use', () => {
    expect(usageScore(figures({ average: 10, p95: 20 }, 20, 60))).toBe(20); // network average 30
    expect(usageScore({ ...figures({ average: 1, p95: 1 }, 1, 1), cpu: null })).toBeNull();
  });
});

describe('utilisation periods', () => {
  it('defaults to the 30 days ending today, and bounds a given period', () => {
    expect(requirePeriod(null, null, '2026-11-26')).toEqual({ from: '2026-10-28', to: '2026-11-26' });
    expect(requirePeriod(null, '2026-01-30', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-01-30' });
    expect(requirePeriod('2025-01-01', '2025-12-31', '2026-11-26')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    for (const [from, to, field] of [
      ['2026-02-30', null, 'from'],
      ['2026-11-27', '2026-11-26', 'from'],
      ['2024-01-01', '2025-01-02', 'from'],
      [null, '26-11-2026', 'to'],
    ] as const) {
      expect(() => requirePeriod(from, to, '2026-11-26')).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }),
      );
    }
  });

  it('takes a past year whole and the current year up to today', () => {
    expect(yearPeriod(2025, '2026-11-26')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(yearPeriod(2026, '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-11-26' });
    expect(() => yearPeriod(2018, '2026-11-26')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'year' }) }),
    );
  });
});

describe('utilisation orders', () => {
  it('only a flagged system is ordered, and only an idle one reclaimed (CONFLICT otherwise)', () => {
    expect(() => assertOrderable('IDLE', 'RECLAIM')).not.toThrow();
    expect(() => assertOrderable('IDLE', 'DOWNSIZE')).not.toThrow();
    expect(() => assertOrderable('UNDER_USED', 'DOWNSIZE')).not.toThrow();
    for (const [flag, kind] of [
      ['UNDER_USED', 'RECLAIM'],
      ['NORMAL', 'DOWNSIZE'],
      ['EXCLUDED', 'DOWNSIZE'],
      ['NO_DATA', 'DOWNSIZE'],
    ] as const) {
      expect(() => assertOrderable(flag, kind)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT' }) }),
      );
    }
  });
});

describe('utilisation configuration', () => {
  it('defaults to the issue’s thresholds and takes valid overrides', () => {
    expect(readUtilisationThresholds({})).toEqual(T);
    expect(readUtilisationThresholds({ UTILISATION_IDLE_CPU_P95_PERCENT: '3.5', UTILISATION_MIN_DAYS_WITH_DATA: '14' })).toEqual({
      ...T,
      idleCpuP95Percent: 3.5,
      minDaysWithData: 14,
    });
  });

  it('refuses a malformed value with a ConfigError naming the variable', () => {
    for (const env of [
      { UTILISATION_IDLE_CPU_P95_PERCENT: 'five' },
      { UTILISATION_UNDER_USED_MEMORY_AVG_PERCENT: '130' },
      { UTILISATION_IDLE_NETWORK_P95_PERCENT: '0' },
      { UTILISATION_MIN_DAYS_WITH_DATA: '2.5' },
    ]) {
      const name = Object.keys(env)[0]!;
      expect(() => readUtilisationThresholds(env)).toThrow(ConfigError);
      expect(() => readUtilisationThresholds(env)).toThrow(name);
    }
  });
});

describe('utilisation demo profiles', () => {
  const world = buildWorld();
  it('profile systems of applications in production, so an order can become a change request', () => {
    for (const code of Object.keys(DEMO_UTILISATION_PROFILES)) {
      const system = world.systems.find((candidate) => candidate.code === code)!;
      expect(world.applications.some((application) => application.systemId === system.id && application.state === 'IN_PRODUCTION')).toBe(
        true,
      );
    }
  });

  it('samples every disaster-recovery and standby system as idle (the evaluation excludes them)', () => {
    const sampled = new Set(buildMonitoringSample(world.systems, WORLD_TODAY).map((row) => row.systemId));
    const backups = world.systems.filter(
      (system) => (system.isDisasterRecovery || system.isStandby) && system.goLiveOn && !system.retiredOn,
    );
    expect(backups.length).toBeGreaterThan(0);
    for (const system of backups) expect(sampled.has(system.id)).toBe(true);
  });
});
