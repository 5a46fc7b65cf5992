import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ProviderEntity } from '../directory/provider.entity';
import { ProviderExitReason, ProviderExitStatus } from '../generated/graphql';

/** A provider's exit (服务商退出) and its transition period (EXIT_TRANSITION_3M, 第九条). */
@Index('provider_exit_provider_started_idx', ['providerId', 'startedOn', 'id'])
@Entity({ name: 'provider_exit' })
@Index('provider_exit_provider_id_idx', ['providerId'])
// providerExits(filter:) (provider-exit-list.ts): indexes the migration creates.
@Index('provider_exit_status_idx', { synchronize: false })
@Index('provider_exit_started_on_idx', { synchronize: false })
// At most one open exit per provider and scope (the city, or one county), even under concurrent requests.
@Index('provider_exit_open_key', ['providerId', 'regionCode'], { unique: true, where: `"status" = 'IN_TRANSITION'` })
@enumCheck('provider_exit', 'reason', Object.values(ProviderExitReason))
@enumCheck('provider_exit', 'status', Object.values(ProviderExitStatus))
@Check('provider_exit_transition_check', `"transition_ends_on" > "started_on"`)
@Check('provider_exit_completed_on_check', `("status" = 'COMPLETED') = ("completed_on" IS NOT NULL)`)
export class ProviderExitEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_exit_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'provider_exit_provider_id_fkey' })
  provider?: ProviderEntity;

  @Column({ type: 'varchar', length: 16 })
  reason: ProviderExitReason;

  /** Its scope: 371600 for the whole city; a county's code for an exit from that county only (第九条). */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'date' })
  transitionEndsOn: string;

  /** Why the transition is shorter than three months; null for a full one. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  shortTransitionReason: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ProviderExitStatus;

  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'varchar', length: 100 })
  startedBy: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  completedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
