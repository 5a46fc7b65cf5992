import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { InformationSystemEntity } from './information-system.entity';
import { UnitEntity } from './unit.entity';

export type ApplicationStatus =
  'DRAFT' | 'SUBMITTED' | 'FILED' | 'ACCEPTED' | 'REJECTED' | 'PROCURED' | 'TESTING' | 'IN_PRODUCTION' | 'TERMINATING' | 'TERMINATED';

export type ApplicationKind = 'NEW' | 'MIGRATION';

/** A unit's application for cloud services (上云申请, 第十条–第十五条). */
@Entity({ name: 'application' })
@Unique('application_number_key', ['number'])
@Index('application_unit_id_idx', ['unitId'])
@Index('application_system_id_idx', ['systemId'])
@Index('application_region_code_idx', ['regionCode'])
@Index('application_provider_id_idx', ['providerId'])
@Index('application_status_idx', ['status'])
@Check('application_kind_check', `"kind" IN ('NEW', 'MIGRATION')`)
@Check(
  'application_status_check',
  `"status" IN ('DRAFT', 'SUBMITTED', 'FILED', 'ACCEPTED', 'REJECTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING', 'TERMINATED')`,
)
// 第十二条: a rejection gives its reason.
@Check('application_rejection_reason_check', `"status" <> 'REJECTED' OR "rejection_reason" IS NOT NULL`)
export class ApplicationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'application_pkey' })
  id: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  kind: ApplicationKind;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'application_unit_id_fkey' })
  unit?: UnitEntity;

  @Column({ type: 'uuid', name: 'system_id' })
  systemId: string;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'application_system_id_fkey' })
  system?: InformationSystemEntity;

  /** The chosen designated provider, owned by the providers subgraph. */
  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  /** Denormalised from the unit so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'date', name: 'submitted_on', nullable: true })
  submittedOn: string | null;

  @Column({ type: 'date', name: 'filed_on', nullable: true })
  filedOn: string | null;

  @Column({ type: 'date', name: 'decided_on', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'text', name: 'rejection_reason', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
