import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ProviderEntity } from '../directory/provider.entity';
import { AgreementStatus } from '../generated/graphql';

/** A designation agreement (定点服务协议) at the city level or one county's level (第九条). */
@Index('agreement_provider_signed_idx', ['providerId', 'signedOn', 'id'])
@Entity({ name: 'agreement' })
@Unique('agreement_region_number_key', ['regionCode', 'number'])
@Index('agreement_provider_id_idx', ['providerId'])
@Index('agreement_region_code_idx', ['regionCode'])
@Index('agreement_city_agreement_id_idx', ['cityAgreementId'])
// agreements(filter:, orderBy:) (agreement-list.ts): (day, id) indexes the migration creates.
@Index('agreement_signed_on_idx', { synchronize: false })
@Index('agreement_ends_on_idx', { synchronize: false })
// One agreement in force per county and city agreement.
@Index('agreement_active_county_key', ['cityAgreementId', 'regionCode'], {
  unique: true,
  where: `"status" = 'ACTIVE' AND "city_agreement_id" IS NOT NULL`,
})
@enumCheck('agreement', 'status', Object.values(AgreementStatus))
@Check('agreement_test_environment_delivery_days_check', `"test_environment_delivery_days" > 0`)
@Check('agreement_term_check', `"ends_on" > "starts_on"`)
@Check('agreement_current_term_check', `"ends_on" > "term_starts_on" AND "term_starts_on" >= "starts_on"`)
@Check('agreement_renewed_check', `("renewed_on" IS NULL) = ("renewed_by" IS NULL)`)
@Check('agreement_county_has_city_check', `("region_code" = '371600') = ("city_agreement_id" IS NULL)`)
export class AgreementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'agreement_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'agreement_provider_id_fkey' })
  provider?: ProviderEntity;

  /** `371600` for the city, a county code for a county agreement. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 64 })
  number: string;

  @Column({ type: 'date' })
  signedOn: string;

  @Column({ type: 'date' })
  startsOn: string;

  /** Inclusive last day. */
  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 12 })
  status: AgreementStatus;

  @Column({ type: 'uuid', nullable: true })
  cityAgreementId: string | null;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'city_agreement_id', foreignKeyConstraintName: 'agreement_city_agreement_id_fkey' })
  cityAgreement?: AgreementEntity;

  @Column({ type: 'integer' })
  testEnvironmentDeliveryDays: number;

  @Column({ type: 'text' })
  renewalTerms: string;

  @Column({ type: 'text' })
  exitTerms: string;

  @Column({ type: 'varchar', length: 100 })
  signedBy: string;

  @Column({ type: 'date', nullable: true })
  terminatedOn: string | null;

  /** The first day of the term in force: `startsOn`, or the day after the end a renewal (延续) extended. */
  @Column({ type: 'date' })
  termStartsOn: string;

  /** The day of the latest renewal (延续, TERM_MAX_3Y); null if never renewed. */
  @Column({ type: 'date', nullable: true })
  renewedOn: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  renewedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
