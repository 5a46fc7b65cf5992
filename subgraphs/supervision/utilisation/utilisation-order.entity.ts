import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { UtilisationFlag, UtilisationOrderKind, UtilisationOrderStatus } from '../generated/graphql';

/** ORDERED until the applications subgraph answers: a change request opened, or refused for good. */
/**
 * The bureau's downsize or reclaim order for an idle or under-used system, carried out as a change
 * request on the system's application in production (第十五条、第十六条). The system's unit, region
 * and provider are copied on so the scope is a WHERE clause.
 */
@Entity({ name: 'utilisation_order' })
@Index('utilisation_order_system_id_idx', ['systemId'])
@Index('utilisation_order_unit_id_idx', ['unitId'])
@Index('utilisation_order_region_code_idx', ['regionCode'])
@Index('utilisation_order_provider_id_idx', ['providerId'])
@Index('utilisation_order_ordered_at_idx', ['orderedAt', 'id'])
// One order per system waits for the applications subgraph's answer at a time.
@Index('utilisation_order_one_waiting_key', ['systemId'], { unique: true, where: `"status" = 'ORDERED'` })
@enumCheck('utilisation_order', 'kind', Object.values(UtilisationOrderKind))
// Only the flags an order may act on (assertOrderable).
@enumCheck('utilisation_order', 'flag', [UtilisationFlag.IDLE, UtilisationFlag.UNDER_USED])
@enumCheck('utilisation_order', 'status', Object.values(UtilisationOrderStatus))
export class UtilisationOrderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'utilisation_order_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  /** The flag the order rests on, as evaluated over the period when it was given. */
  @Column({ type: 'text' })
  flag: Extract<UtilisationFlag, 'IDLE' | 'UNDER_USED'>;

  @Column({ type: 'text' })
  kind: UtilisationOrderKind;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'text' })
  orderedBy: string;

  @Column({ type: 'timestamptz' })
  orderedAt: Date;

  @Column({ type: 'text' })
  status: UtilisationOrderStatus;

  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  changeRequestId: string | null;

  @Column({ type: 'text', nullable: true })
  refusalReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
