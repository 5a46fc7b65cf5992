import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IncidentReporterRole, IncidentSeverity, IncidentStatus } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A security incident (网络安全事件, 第十八条, INCIDENT_REPORT) reported by a provider on its platform,
 * by a unit on its systems, or by the bureau, the centre or the monitoring agency on either, seen by the cybersecurity authority as soon as it is recorded.
 * `reportedAt` is the server's time of recording; the minutes from detection to report are kept.
 * Scope columns: a provider's report is the provider's at city level (no unit); a unit's report
 * copies its systems' unit, region and hosting provider; a city-wide party's report is the city's (no
 * unit), on the platform it names or that hosts its systems, and reaches units through the systems. Affected systems are in incident_system.
 */
@Entity({ name: 'security_incident' })
@Index('security_incident_provider_id_idx', ['providerId'])
@Index('security_incident_unit_id_idx', ['unitId'])
@Index('security_incident_region_code_idx', ['regionCode'])
@Index('security_incident_reported_at_idx', ['reportedAt'])
@enumCheck('security_incident', 'severity', Object.values(IncidentSeverity))
@enumCheck('security_incident', 'status', Object.values(IncidentStatus))
@enumCheck('security_incident', 'reporter_role', Object.values(IncidentReporterRole))
@Check('security_incident_times_check', `"detected_at" <= "reported_at" AND "detection_to_report_minutes" >= 0`)
export class SecurityIncidentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'security_incident_pkey' })
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  severity: IncidentSeverity;

  @Column({ type: 'text' })
  status: IncidentStatus;

  @Column({ type: 'text' })
  reporterRole: IncidentReporterRole;

  @Column({ type: 'text' })
  reportedBy: string;

  /** The reporting provider, the hosting provider of the reporting unit's system, or the platform a city-wide party names. */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  /** The reporting unit; null for a provider's report. */
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  @Column({ type: 'timestamptz' })
  reportedAt: Date;

  @Column({ type: 'integer' })
  detectionToReportMinutes: number;

  /** Raised by every timeline entry; a stale version is a CONFLICT. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
