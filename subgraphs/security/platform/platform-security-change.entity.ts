import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import { PlatformSecurityChangeKind, type MlpsConclusion } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * One recorded change of a platform's security profile (第二十条): the profile as it stood after the
 * change (a snapshot, so each row reads on its own), what kind of change, who made it and when.
 */
@Entity({ name: 'platform_security_change' })
@Index('platform_security_change_provider_id_idx', ['providerId', 'recordedAt'])
@enumCheck('platform_security_change', 'kind', Object.values(PlatformSecurityChangeKind))
@Check('platform_security_change_level_check', `"platform_mlps_level" BETWEEN 1 AND 5`)
export class PlatformSecurityChangeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'platform_security_change_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => ProviderSecurityProfileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'platform_security_change_provider_id_fkey' })
  profile?: ProviderSecurityProfileEntity;

  @Column({ type: 'varchar', length: 30 })
  kind: PlatformSecurityChangeKind;

  /** The profile's version this change produced. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'smallint' })
  platformMlpsLevel: number;

  @Column({ type: 'text' })
  platformMlpsCertificateNo: string;

  @Column({ type: 'date' })
  platformMlpsFiledOn: string;

  @Column({ type: 'date', nullable: true })
  platformMlpsAssessedOn: string | null;

  @Column({ type: 'text', nullable: true })
  platformMlpsAssessmentConclusion: MlpsConclusion | null;

  @Column({ type: 'date', nullable: true })
  cybersecurityReviewPassedOn: string | null;

  @Column({ type: 'date', nullable: true })
  cybersecurityReviewValidUntil: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ type: 'varchar', length: 20 })
  recordedByRole: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
