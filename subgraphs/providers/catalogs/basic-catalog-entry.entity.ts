import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { fenColumn } from '../../kit/money';
import { numberColumn } from '../../kit/numeric-column';
import { ProviderEntity } from '../directory/provider.entity';
import { ServiceItemEntity } from './service-item.entity';

/** One item of a provider's basic catalog (基本目录) with its price cap (最高限价, 第八条). */
@Entity({ name: 'basic_catalog_entry' })
@Unique('basic_catalog_entry_provider_item_key', ['providerId', 'serviceItemCode'])
@Index('basic_catalog_entry_service_item_code_idx', ['serviceItemCode'])
@Check('basic_catalog_entry_price_cap_yuan_check', `"price_cap_yuan" > 0`)
@Check('basic_catalog_entry_listed_price_yuan_check', `"listed_price_yuan" >= 0`)
@Check('basic_catalog_entry_cap_version_check', `"cap_version" > 0`)
// CATALOG_CAP as a table constraint, too.
@Check('basic_catalog_entry_listed_within_cap', `"listed_price_yuan" <= "price_cap_yuan"`)
export class BasicCatalogEntryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'basic_catalog_entry_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @ManyToOne(() => ProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'basic_catalog_entry_provider_id_fkey' })
  provider?: ProviderEntity;

  @Column({ type: 'varchar', length: 40, name: 'service_item_code' })
  serviceItemCode: string;

  @ManyToOne(() => ServiceItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'service_item_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'basic_catalog_entry_service_item_code_fkey',
  })
  serviceItem?: ServiceItemEntity;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'price_cap_yuan', transformer: fenColumn })
  priceCapFen: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'listed_price_yuan', transformer: fenColumn })
  listedPriceFen: number;

  /** One more at every change of the cap; the applications subgraph's replica keeps the newest. */
  @Column({ type: 'bigint', name: 'cap_version', transformer: numberColumn })
  capVersion: number;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
