import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProviderEntity } from '../directory/provider.entity';

export type ExitReason = 'EXPIRY' | 'DISQUALIFIED' | 'OTHER';
export type ExitStatus = 'IN_TRANSITION' | 'COMPLETED';

/** A provider's exit (服务商退出) and its transition period (EXIT_TRANSITION_3M, 第九条). */
@Entity({ name: 'provider_exit' })
@Index('provider_exit_provider_id_idx', ['providerId'])
// At most one open exit per provider, even under concurrent requests.
@Index('provider_exit_open_key', ['providerId'], { unique: true, where: `"status" = 'IN_TRANSITION'` })
@Check('provider_exit_reason_check', `"reason" IN ('EXPIRY', 'DISQUALIFIED', 'OTHER')`)
@Check('provider_exit_status_check', `"status" IN ('IN_TRANSITION', 'COMPLETED')`)
@Check('provider_exit_transition_check', `"transition_ends_on" > "started_on"`)
@Check('provider_exit_completed_on_check', `("status" = 'COMPLETED') = ("completed_on" IS NOT NULL)`)
export class ProviderExitEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_exit_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'provider_exit_provider_id_fkey' })
  provider?: ProviderEntity;

  @Column({ type: 'varchar', length: 16 })
  reason: ExitReason;

  @Column({ type: 'date', name: 'started_on' })
  startedOn: string;

  @Column({ type: 'date', name: 'transition_ends_on' })
  transitionEndsOn: string;

  /** Why the transition is shorter than three months; null for a full one. */
  @Column({ type: 'varchar', length: 500, name: 'short_transition_reason', nullable: true })
  shortTransitionReason: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ExitStatus;

  @Column({ type: 'date', name: 'completed_on', nullable: true })
  completedOn: string | null;

  @Column({ type: 'varchar', length: 100, name: 'started_by' })
  startedBy: string;

  @Column({ type: 'varchar', length: 100, name: 'completed_by', nullable: true })
  completedBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
