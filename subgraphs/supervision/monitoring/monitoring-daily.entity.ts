import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';

/**
 * One day of a system's resource use as reported by the monitoring agency (第二十四条、第二十五条).
 * The system's unit, region and provider are copied onto each row so the scope is a WHERE clause;
 * the provider is the one hosting the system that day.
 */
@Entity({ name: 'monitoring_daily' })
@Unique('monitoring_daily_system_day_key', ['systemId', 'day'])
@Index('monitoring_daily_unit_id_idx', ['unitId'])
@Index('monitoring_daily_provider_id_idx', ['providerId'])
@Index('monitoring_daily_region_code_idx', ['regionCode'])
// monitoringDaily*(filter:) day ranges (monitoring-list.ts): the index the migration creates.
@Index('monitoring_daily_day_idx', { synchronize: false })
@Check(
  'monitoring_daily_percent_check',
  `"cpu_avg_percent" BETWEEN 0 AND 100 AND "cpu_p95_percent" BETWEEN 0 AND 100 AND "memory_avg_percent" BETWEEN 0 AND 100`,
)
@Check('monitoring_daily_amount_check', `"storage_used_gb" >= 0 AND "bandwidth_p95_mbps" >= 0`)
// Added by migration 1795651200005 with the figures computed from raw samples (peak ≥ p95).
@Check(
  'monitoring_daily_figures_check',
  `"cpu_peak_percent" BETWEEN 0 AND 100 AND "memory_p95_percent" BETWEEN 0 AND 100 AND "memory_peak_percent" BETWEEN 0 AND 100 AND "network_avg_percent" BETWEEN 0 AND 100 AND "network_p95_percent" BETWEEN 0 AND 100 AND "network_peak_percent" BETWEEN 0 AND 100 AND "cpu_peak_percent" >= "cpu_p95_percent" AND "memory_peak_percent" >= "memory_p95_percent" AND "network_peak_percent" >= "network_p95_percent" AND "bandwidth_peak_mbps" >= "bandwidth_p95_mbps" AND "sample_count" > 0`,
)
export class MonitoringDailyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'monitoring_daily_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  cpuAvgPercent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  cpuP95Percent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  memoryAvgPercent: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numberColumn })
  storageUsedGb: number;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: numberColumn })
  bandwidthP95Mbps: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  cpuPeakPercent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  memoryP95Percent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  memoryPeakPercent: number;

  /** Network use: bandwidth as a percentage of the system's allocated bandwidth, as each sample carries it. */
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  networkAvgPercent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  networkP95Percent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  networkPeakPercent: number;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: numberColumn })
  bandwidthPeakMbps: number;

  /** Raw samples the day was computed from. */
  @Column({ type: 'integer' })
  sampleCount: number;
}
