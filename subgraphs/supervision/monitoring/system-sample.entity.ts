import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';

/**
 * One raw resource sample of a system from the monitoring agency (第二十四条). The key (system,
 * instant) is the dedupe key: a resubmitted sample is skipped, never counted twice. Unit, provider
 * and region are copied from the system facts when the sample is written. Read only to compute the
 * daily roll-ups (monitoring_daily); see migration 1795651200005 for the index choices, and
 * 1796301500001 for its monthly partitions (sample-partitions.ts).
 */
@Entity({ name: 'system_sample' })
@Index('system_sample_measured_at_brin', { synchronize: false })
@Check(
  'system_sample_percent_check',
  `"cpu_percent" BETWEEN 0 AND 100 AND "memory_percent" BETWEEN 0 AND 100 AND "network_percent" BETWEEN 0 AND 100`,
)
@Check('system_sample_amount_check', `"storage_used_gb" >= 0 AND "bandwidth_mbps" >= 0`)
export class SystemSampleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'system_sample_pkey' })
  systemId: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'system_sample_pkey' })
  measuredAt: Date;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  cpuPercent: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  memoryPercent: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numberColumn })
  storageUsedGb: number;

  /** Bandwidth use as a percentage of the system's allocated bandwidth. */
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  networkPercent: number;

  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: numberColumn })
  bandwidthMbps: number;
}
