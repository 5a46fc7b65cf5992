import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { AccessGrantEntity } from './access-grant.entity';
import { AccessResourceKind } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

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
@enumCheck('access_record', 'resource_kind', Object.values(AccessResourceKind))
@Check('access_record_violation_check', `"violation" = ("grant_id" IS NULL)`)
export class AccessRecordEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'access_record_pkey' })
  id: string;

  /** The submission (one call of submitAccessRecords) that brought it. */
  @Column({ type: 'uuid' })
  submissionId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'text' })
  resourceKind: AccessResourceKind;

  @Column({ type: 'text' })
  staffAccount: string;

  @Column({ type: 'timestamptz' })
  accessedAt: Date;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  externalId: string;

  @Column({ type: 'uuid', nullable: true })
  grantId: string | null;

  @ManyToOne(() => AccessGrantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grant_id', foreignKeyConstraintName: 'access_record_grant_id_fkey' })
  grant?: AccessGrantEntity;

  @Column({ type: 'boolean' })
  violation: boolean;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'text' })
  submittedBy: string;
}
