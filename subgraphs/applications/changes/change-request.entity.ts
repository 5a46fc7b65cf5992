import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ChangeRequestOrigin, ChangeRequestStatus } from '../generated/graphql';
import { ApplicationEntity } from '../lifecycle/application.entity';

/** A change of cloud services in testing or production (变更申请, 第十五条, CHANGE_APPROVAL). */
@Entity({ name: 'change_request' })
@Index('change_request_application_id_idx', ['applicationId'])
// The to-do list's partial indexes, one per kind it reads in order (migration TodoIndexes, todo/todo-keyset.ts).
@Index('todo_pending_change_idx', { synchronize: false })
@Index('todo_approved_change_idx', { synchronize: false })
@enumCheck('change_request', 'status', Object.values(ChangeRequestStatus))
@Check('change_request_decision_check', `("status" = 'PENDING') = ("decided_at" IS NULL)`)
@Check('change_request_rejection_reason_check', `"status" <> 'REJECTED' OR "decision_reason" IS NOT NULL`)
@enumCheck('change_request', 'origin', Object.values(ChangeRequestOrigin))
@Check('change_request_order_check', `("origin" = 'UTILISATION_ORDER') = ("utilisation_order_id" IS NOT NULL)`)
@Unique('change_request_utilisation_order_id_key', ['utilisationOrderId'])
@Check('change_request_carried_out_check', `("status" = 'CARRIED_OUT') = ("carried_out_on" IS NOT NULL)`)
export class ChangeRequestEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'change_request_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'change_request_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  status: ChangeRequestStatus;

  @Column({ type: 'text' })
  requestedBy: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  /** A unit's own request, or the bureau's utilisation order (migration 1795651200011). */
  @Column({ type: 'text', default: 'UNIT_REQUEST' })
  origin?: ChangeRequestOrigin;

  /** The supervision subgraph's utilisation order this request carries out; one request per order. */
  @Column({ type: 'uuid', nullable: true })
  utilisationOrderId?: string | null;

  /** The day of the bureau's decision in Binzhou (the project's clock); a carry-out is not dated before it (migration 1796300000001). */
  @Column({ type: 'date', nullable: true })
  decidedOn?: string | null;

  /** The day an approved change took effect (CARRIED_OUT): its new line versions start on it. */
  @Column({ type: 'date', nullable: true })
  carriedOutOn?: string | null;

  /** Who carried it out: the application's provider or the operations centre. */
  @Column({ type: 'text', nullable: true })
  carriedOutBy?: string | null;
}
