import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProviderExitEntity } from '../exits/provider-exit.entity';
import { ProviderEntity } from '../directory/provider.entity';

/** EXIT_STARTED: the disqualification started the exit; EXIT_ALREADY_OPEN: an exit was already under way, left as it was. */
export type DisqualificationOutcome = 'EXIT_STARTED' | 'EXIT_ALREADY_OPEN';

/**
 * A SEVERE annual evaluation's disqualification (取消服务资格, 第二十六条), once per evaluation: the
 * record that makes a redelivered effect change nothing, and the exit it started (EXIT_TRANSITION_3M).
 */
@Entity({ name: 'provider_disqualification' })
@Index('provider_disqualification_provider_id_idx', ['providerId'])
@Check('provider_disqualification_outcome_check', `"outcome" IN ('EXIT_STARTED', 'EXIT_ALREADY_OPEN')`)
@Check('provider_disqualification_exit_check', `("outcome" = 'EXIT_STARTED') = ("exit_id" IS NOT NULL)`)
export class ProviderDisqualificationEntity {
  /** The supervision subgraph's ProviderEvaluation (by id only). */
  @PrimaryColumn({ type: 'uuid', name: 'evaluation_id', primaryKeyConstraintName: 'provider_disqualification_pkey' })
  evaluationId: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'provider_disqualification_provider_id_fkey' })
  provider?: ProviderEntity;

  @Column({ type: 'integer', name: 'evaluation_year' })
  evaluationYear: number;

  @Column({ type: 'date', name: 'disqualified_on' })
  disqualifiedOn: string;

  @Column({ type: 'varchar', length: 24 })
  outcome: DisqualificationOutcome;

  @Column({ type: 'uuid', name: 'exit_id', nullable: true })
  exitId: string | null;

  @ManyToOne(() => ProviderExitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exit_id', foreignKeyConstraintName: 'provider_disqualification_exit_id_fkey' })
  exit?: ProviderExitEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
