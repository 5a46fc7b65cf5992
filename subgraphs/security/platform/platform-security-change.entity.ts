import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProviderSecurityProfileEntity, type PlatformAssessmentConclusion } from './provider-security-profile.entity';

export type PlatformSecurityChangeKind = 'PLATFORM_MLPS' | 'CYBERSECURITY_REVIEW';

/**
 * One recorded change of a platform's security profile (第二十条): the profile as it stood after the
 * change (a snapshot, so each row reads on its own), what kind of change, who made it and when.
 */
@Entity({ name: 'platform_security_change' })
@Index('platform_security_change_provider_id_idx', ['providerId', 'recordedAt'])
@Check('platform_security_change_kind_check', `"kind" IN ('PLATFORM_MLPS', 'CYBERSECURITY_REVIEW')`)
@Check('platform_security_change_level_check', `"platform_mlps_level" BETWEEN 1 AND 5`)
export class PlatformSecurityChangeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'platform_security_change_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderSecurityProfileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'platform_security_change_provider_id_fkey' })
  profile?: ProviderSecurityProfileEntity;

  @Column({ type: 'varchar', length: 30 })
  kind: PlatformSecurityChangeKind;

  /** The profile's version this change produced. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'smallint', name: 'platform_mlps_level' })
  platformMlpsLevel: number;

  @Column({ type: 'text', name: 'platform_mlps_certificate_no' })
  platformMlpsCertificateNo: string;

  @Column({ type: 'date', name: 'platform_mlps_filed_on' })
  platformMlpsFiledOn: string;

  @Column({ type: 'date', name: 'platform_mlps_assessed_on', nullable: true })
  platformMlpsAssessedOn: string | null;

  @Column({ type: 'text', name: 'platform_mlps_assessment_conclusion', nullable: true })
  platformMlpsAssessmentConclusion: PlatformAssessmentConclusion | null;

  @Column({ type: 'date', name: 'cybersecurity_review_passed_on', nullable: true })
  cybersecurityReviewPassedOn: string | null;

  @Column({ type: 'date', name: 'cybersecurity_review_valid_until', nullable: true })
  cybersecurityReviewValidUntil: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 100, name: 'recorded_by' })
  recordedBy: string;

  @Column({ type: 'varchar', length: 20, name: 'recorded_by_role' })
  recordedByRole: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}
