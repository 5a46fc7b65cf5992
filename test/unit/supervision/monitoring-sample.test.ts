import { describe, expect, it } from 'vitest';
import { buildWorld, WORLD_TODAY } from '../../../seed/world';
import { buildMonitoringSample, SAMPLE_DAYS, SAMPLE_SYSTEMS } from '../../../subgraphs/supervision/monitoring/monitoring.seed';

const world = buildWorld();

describe('monitoring sample', () => {
  const rows = buildMonitoringSample(world.systems, WORLD_TODAY);

  it('is deterministic: the same world gives the same rows', () => {
    expect(buildMonitoringSample(buildWorld().systems, WORLD_TODAY)).toEqual(rows);
  });

  it('covers 20 live, hosted systems across the city and counties for the 30 days up to today', () => {
    const systems = new Set(rows.map((row) => row.systemId));
    expect(systems.size).toBe(SAMPLE_SYSTEMS);
    expect(rows).toHaveLength(SAMPLE_SYSTEMS * SAMPLE_DAYS);
    const byId = new Map(world.systems.map((system) => [system.id, system]));
    for (const id of systems) {
      const system = byId.get(id)!;
      expect(system.deploymentMode).toBe('ON_CLOUD');
      expect(system.retiredOn).toBeNull();
    }
    expect(new Set([...systems].map((id) => byId.get(id)!.regionCode)).size).toBeGreaterThan(3);
    expect(
      rows
        .map((row) => row.day)
        .sort()
        .at(-1),
    ).toBe(WORLD_TODAY);
  });

  it('keeps every figure in range, with the p95 at or above the average', () => {
    for (const row of rows) {
      expect(row.cpuAvgPercent).toBeGreaterThanOrEqual(0);
      expect(row.cpuP95Percent).toBeLessThanOrEqual(100);
      expect(row.cpuP95Percent).toBeGreaterThanOrEqual(row.cpuAvgPercent);
      expect(row.memoryAvgPercent).toBeGreaterThanOrEqual(0);
      expect(row.memoryAvgPercent).toBeLessThanOrEqual(100);
      expect(row.storageUsedGb).toBeGreaterThan(0);
      expect(row.bandwidthP95Mbps).toBeGreaterThan(0);
    }
  });
});
