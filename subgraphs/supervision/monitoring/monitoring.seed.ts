import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { WORLD_TODAY, type SystemRecord } from '../../../seed/world/types';
import { rngFor } from '../../../seed/world/util';
import { addDays } from '../../kit/dates';
import { insertAll } from '../../kit/insert-all';
import { stableId } from '../../kit/stable-id';
import { MonitoringDailyEntity } from './monitoring-daily.entity';

/**
 * How many systems and days the demo's monitoring sample covers: enough to show, small to load.
 * Twenty ordinary systems spread over the city and counties, plus the demo's utilisation profiles
 * (DEMO_UTILISATION_PROFILES and the disaster-recovery and standby systems: six in the demo world).
 */
export const SAMPLE_SYSTEMS = 26;
export const SAMPLE_DAYS = 30;

export interface MonitoringSampleRow {
  id: string;
  systemId: string;
  day: string;
  unitId: string;
  providerId: string;
  regionCode: string;
  cpuAvgPercent: number;
  cpuP95Percent: number;
  memoryAvgPercent: number;
  storageUsedGb: number;
  bandwidthP95Mbps: number;
  cpuPeakPercent: number;
  memoryP95Percent: number;
  memoryPeakPercent: number;
  networkAvgPercent: number;
  networkP95Percent: number;
  networkPeakPercent: number;
  bandwidthPeakMbps: number;
  sampleCount: number;
}

type DerivedFigures = Pick<
  MonitoringSampleRow,
  | 'cpuPeakPercent'
  | 'memoryP95Percent'
  | 'memoryPeakPercent'
  | 'networkAvgPercent'
  | 'networkP95Percent'
  | 'networkPeakPercent'
  | 'bandwidthPeakMbps'
  | 'sampleCount'
>;

/**
 * The figures a demo day has no raw samples for, derived from the ones it has — exactly as
 * migration 1795651200005 fills rows seeded before it (integer hundredths, so JavaScript and
 * PostgreSQL agree): peaks above the 95th percentiles, network use from the bandwidth as if
 * 200 Mbps were allocated, and a day of five-minute samples.
 */
export function derivedDailyFigures(
  row: Pick<MonitoringSampleRow, 'cpuP95Percent' | 'memoryAvgPercent' | 'bandwidthP95Mbps'>,
): DerivedFigures {
  const cents = (value: number) => Math.round(value * 100);
  const networkP95 = Math.min(10_000, Math.floor(cents(row.bandwidthP95Mbps) / 2));
  return {
    cpuPeakPercent: Math.min(10_000, cents(row.cpuP95Percent) + 650) / 100,
    memoryP95Percent: Math.min(10_000, cents(row.memoryAvgPercent) + 750) / 100,
    memoryPeakPercent: Math.min(10_000, cents(row.memoryAvgPercent) + 1250) / 100,
    networkAvgPercent: Math.floor((networkP95 * 6) / 10) / 100,
    networkP95Percent: networkP95 / 100,
    networkPeakPercent: Math.min(10_000, networkP95 + 500) / 100,
    bandwidthPeakMbps: (cents(row.bandwidthP95Mbps) + 1000) / 100,
    sampleCount: 288,
  };
}

/** Systems on the cloud and live for the whole sample window, as monitoring would see them. */
export function monitorable(systems: readonly SystemRecord[], firstDay: string): SystemRecord[] {
  return systems
    .filter((s) => s.deploymentMode === 'ON_CLOUD' && s.providerId && s.goLiveOn && s.goLiveOn <= firstDay && !s.retiredOn)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Evenly spaced through the code order, so the sample spans the city and every county. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/**
 * Utilisation profiles of the demo (utilisation evaluation, 第十六条): the systems of two
 * applications in production (A-2025-0029, A-2026-0032) run idle and under-used, so a downsize
 * order can become a change request; disaster-recovery and standby systems idle by design and show
 * as excluded. Every other system keeps its ordinary baseline.
 */
export const DEMO_UTILISATION_PROFILES: Readonly<Record<string, 'IDLE' | 'UNDER_USED'>> = {
  'S-371600-009-01': 'IDLE',
  'S-371623-005-02': 'UNDER_USED',
};

function demoProfileOf(system: SystemRecord): 'IDLE' | 'UNDER_USED' | 'BACKUP' | null {
  if (system.isDisasterRecovery || system.isStandby) return 'BACKUP';
  return DEMO_UTILISATION_PROFILES[system.code] ?? null;
}

/** The profiled systems first, then the others spread through the code order, `SAMPLE_SYSTEMS` in all. */
function sampledSystems(monitored: readonly SystemRecord[]): SystemRecord[] {
  const featured = monitored.filter((system) => demoProfileOf(system) !== null);
  const others = monitored.filter((system) => demoProfileOf(system) === null);
  return [...featured, ...spread(others, SAMPLE_SYSTEMS - featured.length)];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const clampPercent = (value: number): number => round2(Math.min(100, Math.max(0, value)));

/**
 * A deterministic monitoring sample: `SAMPLE_DAYS` daily roll-ups ending on `lastDay` for
 * `SAMPLE_SYSTEMS` systems. Each system has its own baseline (from its code), weekends run
 * lighter, storage grows slowly; the same world always gives the same rows.
 */
export function buildMonitoringSample(systems: readonly SystemRecord[], lastDay: string): MonitoringSampleRow[] {
  const firstDay = addDays(lastDay, -(SAMPLE_DAYS - 1));
  const rows: MonitoringSampleRow[] = [];
  for (const system of sampledSystems(monitorable(systems, firstDay))) {
    const base = rngFor(`monitoring:${system.code}`);
    const profile = demoProfileOf(system);
    const idles = profile === 'IDLE' || profile === 'BACKUP';
    const cpuBase = base.int(8, 55) + (system.loadVariesWidely ? 10 : 0);
    const memoryBase = Math.round(base.int(30, 70) / (profile === 'UNDER_USED' ? 3 : 1));
    const storageStart = base.int(80, 2000);
    const storageGrowthPerDay = base.int(0, 40) / 10;
    const bandwidthBase = base.int(5, 180);
    for (let i = 0; i < SAMPLE_DAYS; i++) {
      const day = addDays(firstDay, i);
      const daily = rngFor(`monitoring:${system.code}:${day}`);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const load = weekday === 0 || weekday === 6 ? 0.6 : 1;
      const cpuAvg = idles
        ? round2(load + daily.int(0, 10) / 10)
        : clampPercent((profile === 'UNDER_USED' ? 6 : cpuBase) * load + daily.int(-50, 50) / 10);
      const measured = {
        id: stableId('supervision.monitoring_daily', `${system.id}:${day}`),
        systemId: system.id,
        day,
        unitId: system.unitId,
        providerId: system.providerId!,
        regionCode: system.regionCode,
        cpuAvgPercent: cpuAvg,
        cpuP95Percent: idles
          ? round2(cpuAvg + daily.int(5, 20) / 10)
          : clampPercent(cpuAvg + daily.int(80, 300) / 10 + (system.loadVariesWidely ? 15 : 0)),
        memoryAvgPercent: clampPercent(memoryBase + daily.int(-30, 30) / 10),
        storageUsedGb: round2(storageStart + storageGrowthPerDay * i),
        bandwidthP95Mbps: idles ? round2(0.5 + daily.int(0, 20) / 10) : round2(bandwidthBase * load + daily.int(0, 200) / 10),
      };
      rows.push({ ...measured, ...derivedDailyFigures(measured) });
    }
  }
  return rows;
}

/** The demo's monitoring: the sample's daily roll-ups ending on the world's today. */
export async function seedMonitoring(manager: EntityManager, world: World): Promise<void> {
  const monitoring: MonitoringDailyEntity[] = buildMonitoringSample(world.systems, WORLD_TODAY);
  await insertAll(manager, MonitoringDailyEntity, monitoring);
}
