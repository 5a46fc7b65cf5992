import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { fenColumn } from '../../kit/money';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';

/**
 * A concluded procurement price applied to a catalog entry, one row per (entry, reference), so
 * a price delivered twice by the job queue is recognised and changes nothing the second time.
 */
@Entity({ name: 'procurement_price' })
@Unique('procurement_price_entry_reference_key', ['entryId', 'procurementReference'])
@Check('procurement_price_concluded_price_yuan_check', `"concluded_price_yuan" >= 0`)
export class ProcurementPriceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'procurement_price_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'entry_id' })
  entryId: string;

  @ManyToOne(() => BasicCatalogEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'procurement_price_entry_id_fkey' })
  entry?: BasicCatalogEntryEntity;

  @Column({ type: 'varchar', length: 100, name: 'procurement_reference' })
  procurementReference: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'concluded_price_yuan', transformer: fenColumn })
  concludedPriceFen: number;

  @Column({ type: 'timestamptz', name: 'applied_at' })
  appliedAt: Date;

  @Column({ type: 'varchar', length: 100, name: 'applied_by' })
  appliedBy: string;
}
