import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { MlpsConclusion } from '../generated/graphql';

/**
 * The security side of a provider's Binzhou platform (第七条、第二十条): its MLPS filing and last
 * assessment, and the central cybersecurity review. One row per provider, keyed by the provider's
 * id; `platform_mlps_level` also caps the level of hosted systems (MLPS_PLATFORM_LEVEL). Each change
 * bumps `version` and is kept in platform_security_change.
 */
@Entity({ name: 'provider_security_profile' })
@Check('provider_security_profile_level_check', `"platform_mlps_level" BETWEEN 1 AND 5`)
@Check(
  'provider_security_profile_conclusion_check',
  `"platform_mlps_assessment_conclusion" IS NULL OR "platform_mlps_assessment_conclusion" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')`,
)
@Check(
  'provider_security_profile_assessment_check',
  `("platform_mlps_assessed_on" IS NULL) = ("platform_mlps_assessment_conclusion" IS NULL)`,
)
@Check(
  'provider_security_profile_review_check',
  `"cybersecurity_review_valid_until" IS NULL OR "cybersecurity_review_valid_until" > "cybersecurity_review_passed_on"`,
)
export class ProviderSecurityProfileEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_security_profile_pkey' })
  providerId: string;

  @Column({ type: 'text' })
  platformName: string;

  @Column({ type: 'smallint' })
  platformMlpsLevel: number;

  @Column({ type: 'text' })
  platformMlpsCertificateNo: string;

  @Column({ type: 'date' })
  platformMlpsFiledOn: string;

  @Column({ type: 'date', nullable: true })
  cybersecurityReviewPassedOn: string | null;

  // The columns below came later (platform security, 第二十条): optional here because the database
  // fills them in (null, version 1) when a profile is first inserted without them.

  @Column({ type: 'date', nullable: true })
  platformMlpsAssessedOn?: string | null;

  @Column({ type: 'text', nullable: true })
  platformMlpsAssessmentConclusion?: MlpsConclusion | null;

  /** The review's last valid day; null with a passed review: passed on + the default validity. */
  @Column({ type: 'date', nullable: true })
  cybersecurityReviewValidUntil?: string | null;

  /** Optimistic concurrency: a record call names the version it read; a stale one is a CONFLICT. */
  @Column({ type: 'integer', default: 1 })
  version?: number;
}
