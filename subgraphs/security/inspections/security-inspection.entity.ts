import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InspectionTargetKind, type InspectingAuthority } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A security inspection (安全检查, 第十九条) the bureau or the centre conducts together with the
 * cybersecurity authority: of a provider's platform or of one unit's system. Either authority records it and the
 * other is noted as its partner. Scope columns: a platform inspection belongs to the provider at
 * city level (no unit); a system inspection copies the system's unit, region and provider.
 */
@Entity({ name: 'security_inspection' })
@Index('security_inspection_provider_id_idx', ['providerId'])
@Index('security_inspection_system_id_idx', ['systemId'])
@Index('security_inspection_unit_id_idx', ['unitId'])
@Index('security_inspection_region_code_idx', ['regionCode'])
@enumCheck('security_inspection', 'target_kind', Object.values(InspectionTargetKind))
@Check(
  'security_inspection_target_check',
  `("target_kind" = 'PLATFORM' AND "provider_id" IS NOT NULL AND "system_id" IS NULL AND "unit_id" IS NULL) OR ("target_kind" = 'SYSTEM' AND "system_id" IS NOT NULL AND "unit_id" IS NOT NULL)`,
)
@Check(
  'security_inspection_roles_check',
  // The city side (bureau or centre) with the cybersecurity authority (会同, 第十九条).
  `"recorded_by_role" IN ('BUREAU', 'CENTER', 'CYBERSEC') AND "joint_role" IN ('BUREAU', 'CENTER', 'CYBERSEC') AND "recorded_by_role" <> "joint_role" AND 'CYBERSEC' IN ("recorded_by_role", "joint_role")`,
)
export class SecurityInspectionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'security_inspection_pkey' })
  id: string;

  @Column({ type: 'text' })
  targetKind: InspectionTargetKind;

  /** The inspected platform's provider, or the inspected system's hosting provider (null if exempt). */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  systemId: string | null;

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'date' })
  conductedOn: string;

  /** What was inspected (检查范围), in the inspectors' words. */
  @Column({ type: 'text' })
  scope: string;

  @Column({ type: 'text' })
  recordedByRole: InspectingAuthority;

  /** The other authority of the joint inspection (会同). */
  @Column({ type: 'text' })
  jointRole: InspectingAuthority;

  @Column({ type: 'text' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
