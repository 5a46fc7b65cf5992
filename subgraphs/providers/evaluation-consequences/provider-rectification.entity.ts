import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { ProviderEntity } from '../directory/provider.entity';

export type RectificationStatus = 'ORDERED' | 'CONFIRMED';

/**
 * A rectification ordered by a POOR annual evaluation (责令限期整改, 第二十六条): the provider is
 * RECTIFYING (no new applications) until the bureau confirms it, which makes it DESIGNATED again.
 */
@Entity({ name: 'provider_rectification' })
@Unique('provider_rectification_evaluation_id_key', ['evaluationId'])
@Index('provider_rectification_provider_id_idx', ['providerId'])
@Index('provider_rectification_open_key', ['providerId'], { unique: true, where: `"status" = 'ORDERED'` })
@Check('provider_rectification_status_check', `"status" IN ('ORDERED', 'CONFIRMED')`)
@Check('provider_rectification_due_check', `"due_on" > "ordered_on"`)
@Check('provider_rectification_confirmed_check', `("status" = 'CONFIRMED') = ("confirmed_on" IS NOT NULL AND "confirmed_by" IS NOT NULL)`)
export class ProviderRectificationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_rectification_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'provider_rectification_provider_id_fkey' })
  provider?: ProviderEntity;

  /** The supervision subgraph's ProviderEvaluation that ordered it (by id only). */
  @Column({ type: 'uuid', name: 'evaluation_id' })
  evaluationId: string;

  @Column({ type: 'integer', name: 'evaluation_year' })
  evaluationYear: number;

  @Column({ type: 'date', name: 'ordered_on' })
  orderedOn: string;

  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: RectificationStatus;

  @Column({ type: 'date', name: 'confirmed_on', nullable: true })
  confirmedOn: string | null;

  @Column({ type: 'varchar', length: 100, name: 'confirmed_by', nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'varchar', length: 2000, name: 'confirmation_note', nullable: true })
  confirmationNote: string | null;

  /** Raised by the confirmation; a stale version is a CONFLICT. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
