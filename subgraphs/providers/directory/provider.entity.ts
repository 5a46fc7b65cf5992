import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { ProviderStatus } from './directory.rules';

/** A cloud service provider (定点服务商) and its Binzhou platform's qualifications (第六条、第七条、第二十条). */
@Entity({ name: 'provider' })
@Unique('provider_code_key', ['code'])
@Unique('provider_unified_social_credit_code_key', ['unifiedSocialCreditCode'])
@Index('provider_status_idx', ['status'])
@Check('provider_status_check', `"status" IN ('CANDIDATE', 'DESIGNATED', 'RECTIFYING', 'EXITING', 'EXITED')`)
@Check('provider_platform_mlps_level_check', `"platform_mlps_level" BETWEEN 1 AND 4`)
export class ProviderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 50, name: 'short_name' })
  shortName: string;

  @Column({ type: 'char', length: 18, name: 'unified_social_credit_code' })
  unifiedSocialCreditCode: string;

  @Column({ type: 'varchar', length: 100, name: 'platform_name' })
  platformName: string;

  @Column({ type: 'varchar', length: 200, name: 'platform_location' })
  platformLocation: string;

  @Column({ type: 'varchar', length: 16 })
  status: ProviderStatus;

  @Column({ type: 'date', name: 'designated_on', nullable: true })
  designatedOn: string | null;

  @Column({ type: 'smallint', name: 'platform_mlps_level', nullable: true })
  platformMlpsLevel: number | null;

  @Column({ type: 'varchar', length: 64, name: 'platform_mlps_certificate_no', nullable: true })
  platformMlpsCertificateNo: string | null;

  @Column({ type: 'date', name: 'platform_mlps_filed_on', nullable: true })
  platformMlpsFiledOn: string | null;

  @Column({ type: 'date', name: 'cybersecurity_review_passed_on', nullable: true })
  cybersecurityReviewPassedOn: string | null;

  /** The security subgraph's profile version these platform fields last came from (contracts/platform-security-events.ts). */
  @Column({ type: 'integer', name: 'platform_security_version', default: 0 })
  platformSecurityVersion: number;

  @Column({ type: 'boolean', name: 'platform_in_binzhou' })
  platformInBinzhou: boolean;

  @Column({ type: 'date', name: 'qualification_valid_until', nullable: true })
  qualificationValidUntil: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
