import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { fenColumn } from '../../kit/money';
import { ServiceCategory } from '../generated/graphql';

/** A standard service item (标准服务条目) decided by the bureau and the centre (第八条). */
@Entity({ name: 'service_item' })
@Unique('service_item_code_key', ['code'])
@Index('service_item_category_idx', ['category'])
// filter.search (kit/name-search.ts): pg_trgm GIN indexes the migration creates.
@Index('service_item_name_trgm_idx', { synchronize: false })
@Index('service_item_code_trgm_idx', { synchronize: false })
@enumCheck('service_item', 'category', Object.values(ServiceCategory))
@Check('service_item_reference_cap_yuan_check', `"reference_cap_yuan" > 0`)
export class ServiceItemEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'service_item_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  category: ServiceCategory;

  @Column({ type: 'varchar', length: 20 })
  billingUnit: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer', nullable: true })
  vCpu: number | null;

  @Column({ type: 'integer', nullable: true })
  memoryGb: number | null;

  @Column({ type: 'integer', nullable: true })
  storageGb: number | null;

  /** The bureau's reference cap, in fen; providers' first caps are agreed from it. */
  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'reference_cap_yuan', nullable: true, transformer: fenColumn })
  referenceCapFen: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
