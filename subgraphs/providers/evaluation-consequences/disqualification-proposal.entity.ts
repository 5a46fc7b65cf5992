import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { numberColumn } from '../../kit/numeric-column';
import { AgreementEntity } from '../agreements/agreement.entity';
import { ProviderEntity } from '../directory/provider.entity';
import { ProviderExitEntity } from '../exits/provider-exit.entity';
import { DisqualificationProposalStatus } from '../generated/graphql';

/**
 * A SEVERE annual evaluation's proposal to disqualify the provider (第二十六条: 情况严重的，应按照
 * 定点服务协议有关约定，取消其服务资格), once per evaluation. PENDING until the bureau decides, citing
 * the clause of the provider's agreement the decision rests on: DISQUALIFIED (the exit it started, if
 * none was under way) or KEPT.
 */
@Index('disqualification_proposal_provider_proposed_idx', ['providerId', 'proposedOn', 'id'])
@Entity({ name: 'disqualification_proposal' })
@Unique('disqualification_proposal_evaluation_id_key', ['evaluationId'])
@Index('disqualification_proposal_provider_id_idx', ['providerId'])
@Index('disqualification_proposal_pending_idx', ['proposedOn', 'id'], { where: `"status" = 'PENDING'` })
@enumCheck('disqualification_proposal', 'status', Object.values(DisqualificationProposalStatus))
@Check(
  'disqualification_proposal_decided_check',
  `("status" = 'PENDING') = ("decided_on" IS NULL) AND ("status" = 'PENDING') = ("decided_by" IS NULL) AND ("status" = 'PENDING') = ("agreement_clause" IS NULL) AND ("status" = 'PENDING') = ("decision_reason" IS NULL)`,
)
@Check('disqualification_proposal_clause_check', `length(btrim("agreement_clause")) > 0 AND length(btrim("decision_reason")) > 0`)
@Check('disqualification_proposal_exit_check', `"exit_id" IS NULL OR "status" = 'DISQUALIFIED'`)
export class DisqualificationProposalEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'disqualification_proposal_pkey' })
  id: string;

  /** The supervision subgraph's ProviderEvaluation (by id only); a redelivered effect finds it here. */
  @Column({ type: 'uuid' })
  evaluationId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'disqualification_proposal_provider_id_fkey' })
  provider?: ProviderEntity;

  @Column({ type: 'integer' })
  evaluationYear: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  totalScore: number;

  /** The day the evaluation was finalized. */
  @Column({ type: 'date' })
  proposedOn: string;

  /** The provider's city agreement in force when proposed, whose clauses the decision cites; null if none. */
  @Column({ type: 'uuid', nullable: true })
  agreementId: string | null;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'disqualification_proposal_agreement_id_fkey' })
  agreement?: AgreementEntity;

  @Column({ type: 'varchar', length: 16 })
  status: DisqualificationProposalStatus;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  agreementClause: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  decisionReason: string | null;

  /** The exit a DISQUALIFY decision started; null otherwise (also when an exit was already under way). */
  @Column({ type: 'uuid', nullable: true })
  exitId: string | null;

  @ManyToOne(() => ProviderExitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exit_id', foreignKeyConstraintName: 'disqualification_proposal_exit_id_fkey' })
  exit?: ProviderExitEntity;

  /** Raised by the decision; a stale version is a CONFLICT. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
