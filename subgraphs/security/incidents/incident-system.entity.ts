import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SecurityIncidentEntity } from './security-incident.entity';

/**
 * A system an incident affects, with the system's unit and region copied so a unit (or county) sees
 * a provider's incident that touches its systems.
 */
@Entity({ name: 'incident_system' })
@Index('incident_system_system_id_idx', ['systemId'])
@Index('incident_system_unit_id_idx', ['unitId'])
@Index('incident_system_region_code_idx', ['regionCode'])
export class IncidentSystemEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_system_pkey' })
  incidentId: string;

  @ManyToOne(() => SecurityIncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_system_incident_id_fkey' })
  incident?: SecurityIncidentEntity;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_system_pkey' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;
}
