import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The security side of a provider's Binzhou platform (第七条、第二十条): its MLPS filing and the
 * central cybersecurity review. One row per provider, keyed by the provider's id.
 */
@Entity({ name: 'provider_security_profile' })
@Check('provider_security_profile_level_check', `"platform_mlps_level" BETWEEN 1 AND 5`)
export class ProviderSecurityProfileEntity {
  @PrimaryColumn({ type: 'uuid', name: 'provider_id', primaryKeyConstraintName: 'provider_security_profile_pkey' })
  providerId: string;

  @Column({ type: 'text', name: 'platform_name' })
  platformName: string;

  @Column({ type: 'smallint', name: 'platform_mlps_level' })
  platformMlpsLevel: number;

  @Column({ type: 'text', name: 'platform_mlps_certificate_no' })
  platformMlpsCertificateNo: string;

  @Column({ type: 'date', name: 'platform_mlps_filed_on' })
  platformMlpsFiledOn: string;

  @Column({ type: 'date', name: 'cybersecurity_review_passed_on', nullable: true })
  cybersecurityReviewPassedOn: string | null;
}
