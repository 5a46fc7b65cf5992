import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { fenColumn } from '../../kit/money';
import { ApplicationEntity } from './application.entity';
import { ChangeRequestEntity } from '../changes/change-request.entity';

/**
 * One line of an application's resource request (云服务资源申请表, 第十一条): a basic-catalog entry
 * of the chosen provider (owned by the providers subgraph, referenced by id) and a quantity, or a
 * range for a system whose load varies widely (ELASTIC_RESOURCES). The concluded price is recorded
 * with the procurement (第八条).
 *
 * Each row is one version of a line (第十五条、第十六条): it is billed to its own provider for the
 * days from `effectiveFrom` (null: the application's go-live) to `effectiveUntil` inclusive (null:
 * open). A carried-out change (CHANGE_APPROVAL) closes the versions it replaces and inserts new ones
 * naming it; an exit migration moves them to the new host (migration 1796300000000).
 */
@Entity({ name: 'application_resource_line' })
@Index('application_resource_line_application_id_idx', ['applicationId'])
@Check('application_resource_line_quantity_check', `"quantity" > 0 AND "quantity_max" >= "quantity"`)
@Check('application_resource_line_price_check', `"concluded_price_yuan" IS NULL OR "concluded_price_yuan" >= 0`)
@Index('application_resource_line_application_id_effective_until_idx', ['applicationId', 'effectiveUntil'])
@Check(
  'application_resource_line_effective_check',
  `"effective_until" IS NULL OR "effective_from" IS NULL OR "effective_until" >= "effective_from"`,
)
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

  /** The provider billed for this line (its catalog entry's provider); the application's at drafting. */
  @Column({ type: 'uuid' })
  providerId: string;

  /** First day in force (ISO date); null: from the application's go-live. */
  @Column({ type: 'date', nullable: true })
  effectiveFrom: string | null;

  /** Last day in force, inclusive (ISO date); null: open. */
  @Column({ type: 'date', nullable: true })
  effectiveUntil: string | null;

  /** The change request that introduced this version; null for the application's own request. */
  @Column({ type: 'uuid', nullable: true })
  changeRequestId: string | null;

  @ManyToOne(() => ChangeRequestEntity)
  @JoinColumn({ name: 'change_request_id', foreignKeyConstraintName: 'application_resource_line_change_request_id_fkey' })
  changeRequest?: ChangeRequestEntity;
}
