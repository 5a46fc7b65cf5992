import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type IncidentSeverity = 'PARTICULARLY_SERIOUS' | 'SERIOUS' | 'LARGER' | 'GENERAL';
export type IncidentStatus = 'REPORTED' | 'HANDLING' | 'RESOLVED';
export type IncidentReporterRole = 'PROVIDER' | 'USER_UNIT' | CityWideReporter;
/** The city-wide parties 第十八条 also obliges to report: the bureau, the centre, the monitoring agency. */
export type CityWideReporter = 'BUREAU' | 'CENTER' | 'MONITOR';

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
@Check('security_incident_severity_check', `"severity" IN ('PARTICULARLY_SERIOUS', 'SERIOUS', 'LARGER', 'GENERAL')`)
@Check('security_incident_status_check', `"status" IN ('REPORTED', 'HANDLING', 'RESOLVED')`)
@Check('security_incident_reporter_role_check', `"reporter_role" IN ('PROVIDER', 'USER_UNIT', 'BUREAU', 'CENTER', 'MONITOR')`)
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

  @Column({ type: 'text', name: 'reporter_role' })
  reporterRole: IncidentReporterRole;

  @Column({ type: 'text', name: 'reported_by' })
  reportedBy: string;

  /** The reporting provider, the hosting provider of the reporting unit's system, or the platform a city-wide party names. */
  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  /** The reporting unit; null for a provider's report. */
  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId: string | null;

  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'timestamptz', name: 'detected_at' })
  detectedAt: Date;

  @Column({ type: 'timestamptz', name: 'reported_at' })
  reportedAt: Date;

  @Column({ type: 'integer', name: 'detection_to_report_minutes' })
  detectionToReportMinutes: number;

  /** Raised by every timeline entry; a stale version is a CONFLICT. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
