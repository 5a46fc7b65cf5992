import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { LifecycleAction } from './lifecycle.rules';
import { ApplicationEntity, type ApplicationStatus } from './application.entity';

/** One step of an application's audit trail (第十条): who did what, when, from which state to which, and why. */
@Entity({ name: 'application_event' })
@Index('application_event_application_id_idx', ['applicationId', 'occurredAt'])
export class ApplicationEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'application_event_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'application_id' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'application_event_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  action: LifecycleAction;

  /** Null for the draft's creation. */
  @Column({ type: 'text', name: 'from_status', nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ type: 'text', name: 'to_status' })
  toStatus: ApplicationStatus;

  @Column({ type: 'text', name: 'actor_subject' })
  actorSubject: string;

  @Column({ type: 'text', name: 'actor_role' })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;
}
