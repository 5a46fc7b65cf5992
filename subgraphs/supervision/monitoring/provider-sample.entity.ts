import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../../kit/numeric-column';

/**
 * One raw service-level sample of a provider's platform from the monitoring agency (第二十四条、
 * 第二十五条): availability, incidents, response time and complaints over the sample's period.
 * (provider, instant) is the dedupe key. Read only to compute provider_monitoring_daily.
 */
@Entity({ name: 'provider_sample' })
@Index('provider_sample_measured_at_brin', { synchronize: false })
@Check(
  'provider_sample_check',
  `"availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "response_minutes" >= 0 AND "complaint_count" >= 0`,
)
export class ProviderSampleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_sample_pkey' })
  providerId: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'provider_sample_pkey' })
  measuredAt: Date;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  availabilityPercent: number;

  @Column({ type: 'integer' })
  incidentCount: number;

  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: numberColumn })
  responseMinutes: number;

  @Column({ type: 'integer' })
  complaintCount: number;
}
