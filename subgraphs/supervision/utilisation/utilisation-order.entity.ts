import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UtilisationFlag, UtilisationOrderKind } from './utilisation.rules';

/** ORDERED until the applications subgraph answers: a change request opened, or refused for good. */
export type UtilisationOrderStatus = 'ORDERED' | 'CHANGE_REQUESTED' | 'REFUSED';

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
// One order per system waits for the applications subgraph's answer at a time.
@Index('utilisation_order_one_waiting_key', ['systemId'], { unique: true, where: `"status" = 'ORDERED'` })
@Check('utilisation_order_kind_check', `"kind" IN ('DOWNSIZE', 'RECLAIM')`)
@Check('utilisation_order_flag_check', `"flag" IN ('IDLE', 'UNDER_USED')`)
@Check('utilisation_order_status_check', `"status" IN ('ORDERED', 'CHANGE_REQUESTED', 'REFUSED')`)
export class UtilisationOrderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'utilisation_order_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'system_id' })
  systemId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  /** The flag the order rests on, as evaluated over the period when it was given. */
  @Column({ type: 'text' })
  flag: Extract<UtilisationFlag, 'IDLE' | 'UNDER_USED'>;

  @Column({ type: 'text' })
  kind: UtilisationOrderKind;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date', name: 'period_from' })
  periodFrom: string;

  @Column({ type: 'date', name: 'period_to' })
  periodTo: string;

  @Column({ type: 'text', name: 'ordered_by' })
  orderedBy: string;

  @Column({ type: 'timestamptz', name: 'ordered_at' })
  orderedAt: Date;

  @Column({ type: 'text' })
  status: UtilisationOrderStatus;

  @Column({ type: 'uuid', name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column({ type: 'uuid', name: 'change_request_id', nullable: true })
  changeRequestId: string | null;

  @Column({ type: 'text', name: 'refusal_reason', nullable: true })
  refusalReason: string | null;

  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;
}
