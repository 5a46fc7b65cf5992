import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { ApplicationKind, ApplicationStatus } from '../generated/graphql';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { UnitEntity } from '../units/unit.entity';

/** A unit's application for cloud services (上云申请, 第十条–第十五条). */
@Index('application_system_number_idx', ['systemId', 'number'])
@Entity({ name: 'application' })
@Unique('application_number_key', ['number'])
@Index('application_unit_id_idx', ['unitId'])
@Index('application_system_id_idx', ['systemId'])
// A county's page in number order, and its count (migration ApplicationRegionPage).
@Index('application_region_number_idx', ['regionCode', 'number', 'id'])
@Index('application_provider_id_idx', ['providerId'])
@Index('application_status_idx', ['status'])
// The list's orders (application-list.ts), each way with nulls last: expression indexes the migration creates.
@Index('application_submitted_on_idx', { synchronize: false })
@Index('application_submitted_on_desc_idx', { synchronize: false })
@Index('application_decided_on_idx', { synchronize: false })
@Index('application_decided_on_desc_idx', { synchronize: false })
// The to-do list's partial indexes, one per kind it reads in order (migration TodoIndexes, todo/todo-keyset.ts).
@Index('todo_decide_application_idx', { synchronize: false })
@Index('todo_price_above_cap_idx', { synchronize: false })
@Index('todo_terminating_idx', { synchronize: false })
@Index('todo_note_abandoned_idx', { synchronize: false })
@Index('todo_file_application_idx', { synchronize: false })
@Index('todo_confirm_go_live_idx', { synchronize: false })
@Index('todo_record_procurement_idx', { synchronize: false })
@Index('todo_deliver_test_environment_idx', { synchronize: false })
@Index('todo_provider_terminating_idx', { synchronize: false })
@enumCheck('application', 'kind', Object.values(ApplicationKind))
@enumCheck('application', 'status', Object.values(ApplicationStatus))
// 第十二条: a rejection gives its reason.
@Check('application_rejection_reason_check', `"status" <> 'REJECTED' OR "rejection_reason" IS NOT NULL`)
@Check('application_version_check', `"version" > 0`)
@Check('application_test_delivery_days_check', `"test_delivery_days" > 0`)
export class ApplicationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'application_pkey' })
  id: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  kind: ApplicationKind;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'application_unit_id_fkey' })
  unit?: UnitEntity;

  @Column({ type: 'uuid' })
  systemId: string;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'application_system_id_fkey' })
  system?: InformationSystemEntity;

  /** The chosen designated provider, owned by the providers subgraph. */
  @Column({ type: 'uuid' })
  providerId: string;

  /** Denormalised from the unit so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'date', nullable: true })
  submittedOn: string | null;

  @Column({ type: 'date', nullable: true })
  filedOn: string | null;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Optimistic concurrency: every lifecycle mutation names the version it saw and bumps it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** DECISION_5WD: five working days after submission, fixed when submitted (第十二条). */
  @Column({ type: 'date', nullable: true })
  decisionDueOn: string | null;

  /** The deadline crossed a year without a published holiday notice: counted on weekdays. */
  @Column({ type: 'boolean', default: false })
  decisionDueEstimated: boolean;

  /** Recorded with the decision: true when it came after the deadline. */
  @Column({ type: 'boolean', nullable: true })
  decisionLate: boolean | null;

  @Column({ type: 'date', nullable: true })
  procuredOn: string | null;

  /** TEST_30D: the agreement's test-environment delivery days (working days), taken when submitted. */
  @Column({ type: 'integer', nullable: true })
  testDeliveryDays: number | null;

  /**
   * TEST_30D: the day the test environment is due, `testDeliveryDays` working days after procurement,
   * fixed when procured as the decision's deadline is when submitted; null without delivery days.
   */
  @Column({ type: 'date', nullable: true })
  testDeliveryDueOn: string | null;

  /** The delivery deadline crossed a year without a published holiday notice: counted on weekdays. */
  @Column({ type: 'boolean', default: false })
  testDeliveryDueEstimated: boolean;

  /** TEST_30D: testing starts the day the provider delivers the test environment (第十三条). */
  @Column({ type: 'date', nullable: true })
  testStartedOn: string | null;

  @Column({ type: 'text', nullable: true })
  testExtensionReason: string | null;

  /** The day the unit asked to go live, which ends testing. */
  @Column({ type: 'date', nullable: true })
  testEndedOn: string | null;

  /** The day the centre confirmed go-live (第十四条). */
  @Column({ type: 'date', nullable: true })
  goLiveOn: string | null;

  @Column({ type: 'date', nullable: true })
  terminationReportedOn: string | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column({ type: 'date', nullable: true })
  terminatedOn: string | null;

  /**
   * CATALOG_CAP (第八条): the day the providers subgraph refused a concluded price a stale copy of the
   * caps let through; null when none is (or no longer is) above the cap in force.
   */
  @Column({ type: 'date', nullable: true })
  priceAboveCapSince: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
