import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { SecurityIncidentEntity } from './security-incident.entity';
import { IncidentStatus } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * One entry of an incident's timeline (处置进展): the report itself (seq 1, REPORTED), then updates
 * by the reporter, the cybersecurity authority or the bureau, each at the server's time.
 */
@Entity({ name: 'incident_update' })
@Unique('incident_update_incident_seq_key', ['incidentId', 'seq'])
@enumCheck('incident_update', 'status', Object.values(IncidentStatus))
export class IncidentUpdateEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_update_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => SecurityIncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_update_incident_id_fkey' })
  incident?: SecurityIncidentEntity;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'text' })
  authorRole: string;

  @Column({ type: 'text' })
  author: string;

  @Column({ type: 'text' })
  status: IncidentStatus;

  @Column({ type: 'text' })
  note: string;
}
