import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { fenColumn } from '../../kit/money';
import { ApplicationEntity } from './application.entity';

/**
 * One line of an application's resource request (云服务资源申请表, 第十一条): a basic-catalog entry
 * of the chosen provider (owned by the providers subgraph, referenced by id) and a quantity, or a
 * range for a system whose load varies widely (ELASTIC_RESOURCES). The concluded price is recorded
 * with the procurement (第八条).
 */
@Entity({ name: 'application_resource_line' })
@Index('application_resource_line_application_id_idx', ['applicationId'])
@Check('application_resource_line_quantity_check', `"quantity" > 0 AND "quantity_max" >= "quantity"`)
@Check('application_resource_line_price_check', `"concluded_price_yuan" IS NULL OR "concluded_price_yuan" >= 0`)
export class ResourceLineEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'application_resource_line_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'application_resource_line_application_id_fkey' })
  application?: ApplicationEntity;

  /** Order on the request form, from 1. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid' })
  catalogEntryId: string;

  @Column({ type: 'integer' })
  quantity: number;

  /** Equal to `quantity` for a fixed request; above it for a range. */
  @Column({ type: 'integer' })
  quantityMax: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'concluded_price_yuan', nullable: true, transformer: fenColumn })
  concludedPriceFen: number | null;

  /**
   * CATALOG_CAP (第八条): the cap in force, in fen, when the providers subgraph refused this line's
   * concluded price as above it; the settlement bills no more. Null once renegotiated, or never refused.
   */
  @Column({ type: 'integer', nullable: true })
  refusedCapFen: number | null;
}
