import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';

/**
 * One day of a provider's service level, rolled up from its raw samples (第二十四条、第二十五条
 * "服务水平"): average availability and response time, incidents and complaints summed.
 * Feeds the annual provider evaluation (第二十六条).
 */
@Entity({ name: 'provider_monitoring_daily' })
@Unique('provider_monitoring_daily_provider_day_key', ['providerId', 'day'])
@Index('provider_monitoring_daily_day_idx', ['day'])
@Check(
  'provider_monitoring_daily_check',
  `"availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "avg_response_minutes" >= 0 AND "complaint_count" >= 0 AND "sample_count" > 0`,
)
export class ProviderMonitoringDailyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_monitoring_daily_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  availabilityPercent: number;

  @Column({ type: 'integer' })
  incidentCount: number;

  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: numberColumn })
  avgResponseMinutes: number;

  @Column({ type: 'integer' })
  complaintCount: number;

  @Column({ type: 'integer' })
  sampleCount: number;
}
