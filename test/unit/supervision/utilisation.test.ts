import { describe, expect, it } from 'vitest';
import { requireUtilisationDays, utilisationFromRow } from '../../../subgraphs/supervision/monitoring/monitoring.rules';

describe('utilisation', () => {
  it('accepts windows of 1 to 366 days and rejects others as bad input on `days`', () => {
    expect(requireUtilisationDays(1)).toBe(1);
    expect(requireUtilisationDays(366)).toBe(366);
    for (const days of [0, -3, 367, 2.5]) {
      expect(() => requireUtilisationDays(days)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'days' }) }),
      );
    }
  });

  it('reads PostgreSQL’s text averages and rounds them to two decimals', () => {
    const summary = utilisationFromRow(
      {
        system_id: 's',
        from_date: '2026-10-28',
        to_date: '2026-11-26',
        days_with_data: '30',
        cpu_avg_percent: '23.4566666666666667',
        cpu_p95_percent: '41.0050000000000000',
        memory_avg_percent: '55.1',
        storage_used_gb: '1023.4449999',
        bandwidth_p95_mbps: '88',
      },
      30,
    );
    expect(summary).toEqual({
      systemId: 's',
      days: 30,
      fromDate: '2026-10-28',
      toDate: '2026-11-26',
      daysWithData: 30,
      cpuAvgPercent: 23.46,
      cpuP95Percent: 41.01,
      memoryAvgPercent: 55.1,
      storageUsedGb: 1023.44,
      bandwidthP95Mbps: 88,
    });
  });
});
