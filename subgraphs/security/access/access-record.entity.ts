import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { AccessResourceKind } from './access.rules';
import { AccessGrantEntity } from './access-grant.entity';

/**
 * One access by a provider's staff to a unit's resources, as the provider submitted it from its
 * logs (访问记录, 第二十三条). `grantId` is the grant that authorised it, decided when it was
 * submitted; a record without one is a violation (违规访问, AUTHORIZED_ACCESS). The provider's own
 * log id (`externalId`) is unique per provider, so a resubmitted record is not counted twice.
 * `providerId` is the submitter, which is the system's hosting provider at submission.
 */
@Entity({ name: 'access_record' })
@Unique('access_record_provider_external_key', ['providerId', 'externalId'])
@Index('access_record_system_id_idx', ['systemId'])
@Index('access_record_unit_id_idx', ['unitId'])
@Index('access_record_region_code_idx', ['regionCode'])
@Index('access_record_submission_id_idx', ['submissionId'])
@Index('access_record_accessed_at_idx', ['accessedAt'])
@Index('access_record_violation_accessed_at_idx', ['violation', 'accessedAt'])
@Check('access_record_resource_kind_check', `"resource_kind" IN ('HOST', 'DATABASE', 'STORAGE')`)
@Check('access_record_violation_check', `"violation" = ("grant_id" IS NULL)`)
export class AccessRecordEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'access_record_pkey' })
  id: string;

  /** The submission (one call of submitAccessRecords) that brought it. */
  @Column({ type: 'uuid', name: 'submission_id' })
  submissionId: string;

  @Column({ type: 'uuid', name: 'provider_id' })
  providerId: string;

  @Column({ type: 'uuid', name: 'system_id' })
  systemId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId: string;

  @Column({ type: 'varchar', length: 6, name: 'region_code' })
  regionCode: string;

  @Column({ type: 'text', name: 'resource_kind' })
  resourceKind: AccessResourceKind;

  @Column({ type: 'text', name: 'staff_account' })
  staffAccount: string;

  @Column({ type: 'timestamptz', name: 'accessed_at' })
  accessedAt: Date;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', name: 'external_id' })
  externalId: string;

  @Column({ type: 'uuid', name: 'grant_id', nullable: true })
  grantId: string | null;

  @ManyToOne(() => AccessGrantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grant_id', foreignKeyConstraintName: 'access_record_grant_id_fkey' })
  grant?: AccessGrantEntity;

  @Column({ type: 'boolean' })
  violation: boolean;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;

  @Column({ type: 'text', name: 'submitted_by' })
  submittedBy: string;
}
