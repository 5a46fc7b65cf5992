import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ProviderEntity } from '../directory/provider.entity';
import { ProviderRectificationStatus } from '../generated/graphql';

/**
 * A rectification ordered by a POOR annual evaluation (责令限期整改, 第二十六条): the provider is
 * RECTIFYING (no new applications) until the bureau confirms it, which makes it DESIGNATED again.
 */
@Index('provider_rectification_provider_ordered_idx', ['providerId', 'orderedOn', 'id'])
@Entity({ name: 'provider_rectification' })
@Unique('provider_rectification_evaluation_id_key', ['evaluationId'])
@Index('provider_rectification_provider_id_idx', ['providerId'])
@Index('provider_rectification_open_key', ['providerId'], { unique: true, where: `"status" = 'ORDERED'` })
@enumCheck('provider_rectification', 'status', Object.values(ProviderRectificationStatus))
@Check('provider_rectification_due_check', `"due_on" > "ordered_on"`)
@Check('provider_rectification_confirmed_check', `("status" = 'CONFIRMED') = ("confirmed_on" IS NOT NULL AND "confirmed_by" IS NOT NULL)`)
export class ProviderRectificationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_rectification_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'provider_rectification_provider_id_fkey' })
  provider?: ProviderEntity;

  /** The supervision subgraph's ProviderEvaluation that ordered it (by id only). */
  @Column({ type: 'uuid' })
  evaluationId: string;

  @Column({ type: 'integer' })
  evaluationYear: number;

  @Column({ type: 'date' })
  orderedOn: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: ProviderRectificationStatus;

  @Column({ type: 'date', nullable: true })
  confirmedOn: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  confirmationNote: string | null;

  /** Raised by the confirmation; a stale version is a CONFLICT. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
