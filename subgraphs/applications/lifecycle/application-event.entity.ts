import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import type { ApplicationStatus, LifecycleAction } from '../generated/graphql';

/** One step of an application's audit trail (第十条): who did what, when, from which state to which, and why. */
@Entity({ name: 'application_event' })
@Index('application_event_application_id_idx', ['applicationId', 'occurredAt'])
export class ApplicationEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'application_event_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'application_event_application_id_fkey' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  action: LifecycleAction;

  /** Null for the draft's creation. */
  @Column({ type: 'text', nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ type: 'text' })
  toStatus: ApplicationStatus;

  @Column({ type: 'text' })
  actorSubject: string;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}
