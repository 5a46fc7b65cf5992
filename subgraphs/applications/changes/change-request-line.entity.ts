import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { fenColumn } from '../../kit/money';
import { ChangeLineKind } from '../generated/graphql';
import { ResourceLineEntity } from '../lifecycle/resource-line.entity';
import { ChangeRequestEntity } from './change-request.entity';

/**
 * One resource line a change request carries (第十五条, CHANGE_APPROVAL; migration 1796300000001):
 * an ADD (a catalog entry of the application's provider, a quantity or range and a concluded price,
 * 第八条), a REMOVE of a line in force, or a RESIZE of one (new quantity, optionally a new price).
 */
@Entity({ name: 'change_request_line' })
@Unique('change_request_line_change_request_id_position_key', ['changeRequestId', 'position'])
@enumCheck('change_request_line', 'kind', Object.values(ChangeLineKind))
@Check('change_request_line_target_check', `("kind" = 'ADD') = ("resource_line_id" IS NULL)`)
@Check('change_request_line_add_check', `"kind" <> 'ADD' OR ("catalog_entry_id" IS NOT NULL AND "concluded_price_yuan" IS NOT NULL)`)
@Check(
  'change_request_line_quantity_check',
  `("kind" = 'REMOVE') = ("quantity" IS NULL) AND ("quantity" IS NULL OR ("quantity" > 0 AND "quantity_max" >= "quantity"))`,
)
@Check('change_request_line_price_check', `"concluded_price_yuan" IS NULL OR "concluded_price_yuan" > 0`)
export class ChangeRequestLineEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'change_request_line_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  changeRequestId: string;

  @ManyToOne(() => ChangeRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'change_request_id', foreignKeyConstraintName: 'change_request_line_change_request_id_fkey' })
  changeRequest?: ChangeRequestEntity;

  /** Order in the request, from 1. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  kind: ChangeLineKind;

  /** The line in force it removes or resizes; null for an ADD. */
  @Column({ type: 'uuid', nullable: true })
  resourceLineId: string | null;

  @ManyToOne(() => ResourceLineEntity)
  @JoinColumn({ name: 'resource_line_id', foreignKeyConstraintName: 'change_request_line_resource_line_id_fkey' })
  resourceLine?: ResourceLineEntity;

  /** The catalog entry an ADD takes; null otherwise (a RESIZE keeps its line's entry). */
  @Column({ type: 'uuid', nullable: true })
  catalogEntryId: string | null;

  /** Null for a REMOVE. */
  @Column({ type: 'integer', nullable: true })
  quantity: number | null;

  @Column({ type: 'integer', nullable: true })
  quantityMax: number | null;

  /** The concluded monthly price; required for an ADD, optional for a RESIZE (else the line's own). */
  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'concluded_price_yuan', nullable: true, transformer: fenColumn })
  concludedPriceFen: number | null;
}
