import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { SecurityIncidentEntity, type IncidentStatus } from './security-incident.entity';

/**
 * One entry of an incident's timeline (处置进展): the report itself (seq 1, REPORTED), then updates
 * by the reporter, the cybersecurity authority or the bureau, each at the server's time.
 */
@Entity({ name: 'incident_update' })
@Unique('incident_update_incident_seq_key', ['incidentId', 'seq'])
@Check('incident_update_status_check', `"status" IN ('REPORTED', 'HANDLING', 'RESOLVED')`)
export class IncidentUpdateEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_update_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'incident_id' })
  incidentId: string;

  @ManyToOne(() => SecurityIncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_update_incident_id_fkey' })
  incident?: SecurityIncidentEntity;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  @Column({ type: 'text', name: 'author_role' })
  authorRole: string;

  @Column({ type: 'text' })
  author: string;

  @Column({ type: 'text' })
  status: IncidentStatus;

  @Column({ type: 'text' })
  note: string;
}
