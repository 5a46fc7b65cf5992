import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DrillResult } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A disaster-recovery drill (灾备演练) a provider ran on its own platform (第二十条: 做好容灾备份…开展应急演练),
 * with the recovery time and recovery point it achieved.
 */
@Entity({ name: 'disaster_recovery_drill' })
@Index('disaster_recovery_drill_provider_id_idx', ['providerId', 'drilledOn'])
@enumCheck('disaster_recovery_drill', 'result', Object.values(DrillResult))
@Check('disaster_recovery_drill_minutes_check', `"rto_minutes" >= 0 AND "rpo_minutes" >= 0`)
export class DisasterRecoveryDrillEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'disaster_recovery_drill_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'date' })
  drilledOn: string;

  @Column({ type: 'varchar', length: 200 })
  scenario: string;

  /** Recovery time achieved (恢复时间), minutes. */
  @Column({ type: 'integer' })
  rtoMinutes: number;

  /** Recovery point achieved (数据丢失时长), minutes. */
  @Column({ type: 'integer' })
  rpoMinutes: number;

  @Column({ type: 'varchar', length: 10 })
  result: DrillResult;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
