import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ProviderStatus } from '../generated/graphql';

/** A cloud service provider (定点服务商) and its Binzhou platform's qualifications (第六条、第七条、第二十条). */
@Entity({ name: 'provider' })
@Unique('provider_code_key', ['code'])
@Unique('provider_unified_social_credit_code_key', ['unifiedSocialCreditCode'])
@Index('provider_status_idx', ['status'])
@Index('provider_name_idx', ['name', 'id'])
/** The list's search: a trigram GIN index over name, short name and code (migration 1796300600000). */
@Index('provider_search_trgm', { synchronize: false })
@enumCheck('provider', 'status', Object.values(ProviderStatus))
@Check('provider_platform_mlps_level_check', `"platform_mlps_level" BETWEEN 1 AND 4`)
export class ProviderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'provider_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 50 })
  shortName: string;

  @Column({ type: 'char', length: 18 })
  unifiedSocialCreditCode: string;

  @Column({ type: 'varchar', length: 100 })
  platformName: string;

  @Column({ type: 'varchar', length: 200 })
  platformLocation: string;

  @Column({ type: 'varchar', length: 16 })
  status: ProviderStatus;

  @Column({ type: 'date', nullable: true })
  designatedOn: string | null;

  @Column({ type: 'smallint', nullable: true })
  platformMlpsLevel: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  platformMlpsCertificateNo: string | null;

  @Column({ type: 'date', nullable: true })
  platformMlpsFiledOn: string | null;

  @Column({ type: 'date', nullable: true })
  cybersecurityReviewPassedOn: string | null;

  /** The security subgraph's profile version these platform fields last came from (contracts/platform-security-events.ts). */
  @Column({ type: 'integer', default: 0 })
  platformSecurityVersion: number;

  @Column({ type: 'boolean' })
  platformInBinzhou: boolean;

  @Column({ type: 'date', nullable: true })
  qualificationValidUntil: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
