import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { fenColumn } from '../../kit/money';
import { SupplementaryFilingStatus } from '../generated/graphql';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { ProviderEntity } from '../directory/provider.entity';
import type { FilingStatus } from './catalogs.rules';
import type { ServiceCategory } from './service-item.entity';

/** A differentiated service in a provider's supplementary catalog (补充目录), usable once filed (第八条). */
@Entity({ name: 'supplementary_catalog_entry' })
@Unique('supplementary_catalog_entry_provider_code_key', ['providerId', 'code'])
@Check(
  'supplementary_catalog_entry_category_check',
  `"category" IN ('COMPUTE', 'STORAGE', 'DATABASE', 'NETWORK', 'SECURITY', 'MIDDLEWARE', 'OTHER')`,
)
@Check('supplementary_catalog_entry_listed_price_yuan_check', `"listed_price_yuan" >= 0`)
@enumCheck('supplementary_catalog_entry', 'filing_status', Object.values(SupplementaryFilingStatus))
@Check('supplementary_catalog_entry_promoted_check', `("filing_status" = 'PROMOTED') = ("promoted_to_entry_id" IS NOT NULL)`)
export class SupplementaryCatalogEntryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'supplementary_catalog_entry_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'supplementary_catalog_entry_provider_id_fkey' })
  provider?: ProviderEntity;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  category: ServiceCategory;

  @Column({ type: 'varchar', length: 20, name: 'billing_unit' })
  billingUnit: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'listed_price_yuan', transformer: fenColumn })
  listedPriceFen: number;

  @Column({ type: 'varchar', length: 16, name: 'filing_status' })
  filingStatus: FilingStatus;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;

  @Column({ type: 'varchar', length: 100, name: 'submitted_by' })
  submittedBy: string;

  @Column({ type: 'date', name: 'filed_on', nullable: true })
  filedOn: string | null;

  @Column({ type: 'varchar', length: 100, name: 'filed_by', nullable: true })
  filedBy: string | null;

  @Column({ type: 'uuid', name: 'promoted_to_entry_id', nullable: true })
  promotedToEntryId: string | null;

  @ManyToOne(() => BasicCatalogEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'promoted_to_entry_id', foreignKeyConstraintName: 'supplementary_catalog_entry_promoted_to_entry_id_fkey' })
  promotedToEntry?: BasicCatalogEntryEntity;
}
