import { addDays } from '../kit/dates';
import { stableId } from '../kit/stable-id';
import type { SystemRecord } from '../../seed/world/types';
import { rngFor } from '../../seed/world/util';

/** How many systems and days the demo's monitoring sample covers: enough to show, small to load. */
export const SAMPLE_SYSTEMS = 20;
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
}

/** Systems on the cloud and live for the whole sample window, as monitoring would see them. */
function monitorable(systems: readonly SystemRecord[], firstDay: string): SystemRecord[] {
  return systems
    .filter((s) => s.deploymentMode === 'ON_CLOUD' && s.providerId && s.goLiveOn && s.goLiveOn <= firstDay && !s.retiredOn)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Evenly spaced through the code order, so the sample spans the city and every county. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
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
  for (const system of spread(monitorable(systems, firstDay), SAMPLE_SYSTEMS)) {
    const base = rngFor(`monitoring:${system.code}`);
    const cpuBase = base.int(8, 55) + (system.loadVariesWidely ? 10 : 0);
    const memoryBase = base.int(30, 70);
    const storageStart = base.int(80, 2000);
    const storageGrowthPerDay = base.int(0, 40) / 10;
    const bandwidthBase = base.int(5, 180);
    for (let i = 0; i < SAMPLE_DAYS; i++) {
      const day = addDays(firstDay, i);
      const daily = rngFor(`monitoring:${system.code}:${day}`);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const load = weekday === 0 || weekday === 6 ? 0.6 : 1;
      const cpuAvg = clampPercent(cpuBase * load + daily.int(-50, 50) / 10);
      rows.push({
        id: stableId('supervision.monitoring_daily', `${system.id}:${day}`),
        systemId: system.id,
        day,
        unitId: system.unitId,
        providerId: system.providerId!,
        regionCode: system.regionCode,
        cpuAvgPercent: cpuAvg,
        cpuP95Percent: clampPercent(cpuAvg + daily.int(80, 300) / 10 + (system.loadVariesWidely ? 15 : 0)),
        memoryAvgPercent: clampPercent(memoryBase + daily.int(-30, 30) / 10),
        storageUsedGb: round2(storageStart + storageGrowthPerDay * i),
        bandwidthP95Mbps: round2(bandwidthBase * load + daily.int(0, 200) / 10),
      });
    }
  }
  return rows;
}
