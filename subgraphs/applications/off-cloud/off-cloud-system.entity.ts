import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { enumCheck } from '../../kit/enum-check';
import { OffCloudExemptionDecision, OffCloudStatus } from '../generated/graphql';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { UnitEntity } from '../units/unit.entity';

/**
 * An existing system that still runs off the unified cloud (未上云的已有系统, 第三条, ON_CLOUD),
 * registered by its unit or by the centre for it: where it runs today, its migration plan and
 * target day, an exemption claimed on a cited law or regulation and the bureau's decision on it,
 * and, once moved, the system (and application) on the cloud that replaced it.
 * Scope columns: the unit and its region.
 */
@Entity({ name: 'off_cloud_system' })
@Index('off_cloud_system_unit_id_idx', ['unitId'])
@Index('off_cloud_system_region_code_idx', ['regionCode'])
@Index('off_cloud_system_registered_at_idx', ['registeredAt', 'id'])
@Index('off_cloud_system_target_on_idx', ['migrationTargetOn'])
@enumCheck('off_cloud_system', 'status', Object.values(OffCloudStatus))
@enumCheck('off_cloud_system', 'exemption_decision', Object.values(OffCloudExemptionDecision))
// ON_CLOUD (第三条): an exemption always cites its legal basis; each status carries what it means.
@Check('off_cloud_system_legal_basis_check', `"exemption_legal_basis" IS NULL OR btrim("exemption_legal_basis") <> ''`)
@Check(
  'off_cloud_system_status_fields_check',
  `("status" <> 'PLANNED' OR "migration_target_on" IS NOT NULL)
   AND ("status" <> 'EXEMPTION_CLAIMED' OR ("exemption_legal_basis" IS NOT NULL AND "exemption_decision" IS NULL))
   AND ("status" <> 'EXEMPT' OR ("exemption_legal_basis" IS NOT NULL AND "exemption_decision" = 'ACCEPTED'))
   AND (("status" = 'MOVED') = ("moved_on" IS NOT NULL AND "replacement_system_id" IS NOT NULL))`,
)
export class OffCloudSystemEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'off_cloud_system_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'off_cloud_system_unit_id_fkey' })
  unit?: UnitEntity;

  /** Denormalised from the unit so the county scope is a WHERE clause. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** Where it runs today (the unit's machine room, a data centre, a host). */
  @Column({ type: 'text' })
  currentLocation: string;

  @Column({ type: 'text' })
  status: OffCloudStatus;

  @Column({ type: 'date', nullable: true })
  migrationTargetOn: string | null;

  @Column({ type: 'text', nullable: true })
  migrationPlan: string | null;

  /** 法律法规依据: the law, regulation or national document the exemption claim cites. */
  @Column({ type: 'text', nullable: true })
  exemptionLegalBasis: string | null;

  @Column({ type: 'date', nullable: true })
  exemptionClaimedOn: string | null;

  @Column({ type: 'text', nullable: true })
  exemptionDecision: OffCloudExemptionDecision | null;

  @Column({ type: 'text', nullable: true })
  exemptionDecisionReason: string | null;

  @Column({ type: 'date', nullable: true })
  exemptionDecidedOn: string | null;

  @Column({ type: 'text', nullable: true })
  exemptionDecidedBy: string | null;

  @Column({ type: 'date', nullable: true })
  movedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  replacementSystemId: string | null;

  @ManyToOne(() => InformationSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replacement_system_id', foreignKeyConstraintName: 'off_cloud_system_replacement_system_id_fkey' })
  replacementSystem?: InformationSystemEntity | null;

  @Column({ type: 'uuid', nullable: true })
  replacementApplicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replacement_application_id', foreignKeyConstraintName: 'off_cloud_system_replacement_application_id_fkey' })
  replacementApplication?: ApplicationEntity | null;

  @Column({ type: 'date' })
  registeredOn: string;

  @Column({ type: 'timestamptz' })
  registeredAt: Date;

  @Column({ type: 'text' })
  registeredBy: string;

  /** Raised by every change; a stale version is a CONFLICT. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
