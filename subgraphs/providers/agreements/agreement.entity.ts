import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { AgreementStatus } from './agreements.rules';
import { ProviderEntity } from '../directory/provider.entity';

/** A designation agreement (定点服务协议) at the city level or one county's level (第九条). */
@Entity({ name: 'agreement' })
@Unique('agreement_region_number_key', ['regionCode', 'number'])
@Index('agreement_provider_id_idx', ['providerId'])
@Index('agreement_region_code_idx', ['regionCode'])
@Index('agreement_city_agreement_id_idx', ['cityAgreementId'])
// One agreement in force per county and city agreement.
@Index('agreement_active_county_key', ['cityAgreementId', 'regionCode'], {
  unique: true,
  where: `"status" = 'ACTIVE' AND "city_agreement_id" IS NOT NULL`,
})
@Check('agreement_status_check', `"status" IN ('ACTIVE', 'EXPIRED', 'TERMINATED')`)
@Check('agreement_test_environment_delivery_days_check', `"test_environment_delivery_days" > 0`)
@Check('agreement_term_check', `"ends_on" > "starts_on"`)
@Check('agreement_county_has_city_check', `("region_code" = '371600') = ("city_agreement_id" IS NULL)`)
export class AgreementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'agreement_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'agreement_provider_id_fkey' })
  provider?: ProviderEntity;

  /** `371600` for the city, a county code for a county agreement. */
  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'varchar', length: 64 })
  number: string;

  @Column({ type: 'date', name: 'signed_on' })
  signedOn: string;

  @Column({ type: 'date', name: 'starts_on' })
  startsOn: string;

  /** Inclusive last day. */
  @Column({ type: 'date', name: 'ends_on' })
  endsOn: string;

  @Column({ type: 'varchar', length: 12 })
  status: AgreementStatus;

  @Column({ type: 'uuid', name: 'city_agreement_id', nullable: true })
  cityAgreementId: string | null;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'city_agreement_id', foreignKeyConstraintName: 'agreement_city_agreement_id_fkey' })
  cityAgreement?: AgreementEntity;

  @Column({ type: 'integer', name: 'test_environment_delivery_days' })
  testEnvironmentDeliveryDays: number;

  @Column({ type: 'text', name: 'renewal_terms' })
  renewalTerms: string;

  @Column({ type: 'text', name: 'exit_terms' })
  exitTerms: string;

  @Column({ type: 'varchar', length: 100, name: 'signed_by' })
  signedBy: string;

  @Column({ type: 'date', name: 'terminated_on', nullable: true })
  terminatedOn: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
