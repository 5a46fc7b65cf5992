import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type DrillResult = 'PASSED' | 'FAILED';

/**
 * A disaster-recovery drill (灾备演练) a provider ran on its own platform (第二十条: 做好容灾备份…开展应急演练),
 * with the recovery time and recovery point it achieved.
 */
@Entity({ name: 'disaster_recovery_drill' })
@Index('disaster_recovery_drill_provider_id_idx', ['providerId', 'drilledOn'])
@Check('disaster_recovery_drill_result_check', `"result" IN ('PASSED', 'FAILED')`)
@Check('disaster_recovery_drill_minutes_check', `"rto_minutes" >= 0 AND "rpo_minutes" >= 0`)
export class DisasterRecoveryDrillEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'disaster_recovery_drill_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @Column({ type: 'date', name: 'drilled_on' })
  drilledOn: string;

  @Column({ type: 'varchar', length: 200 })
  scenario: string;

  /** Recovery time achieved (恢复时间), minutes. */
  @Column({ type: 'integer', name: 'rto_minutes' })
  rtoMinutes: number;

  /** Recovery point achieved (数据丢失时长), minutes. */
  @Column({ type: 'integer', name: 'rpo_minutes' })
  rpoMinutes: number;

  @Column({ type: 'varchar', length: 10 })
  result: DrillResult;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 100, name: 'recorded_by' })
  recordedBy: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
