import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { SecurityAgreementStatus, type SecurityAgreementTerminator } from '../generated/graphql';
import { enumCheck } from '../../kit/enum-check';

/**
 * A cloud security agreement (云安全协议, 第二十二条) between a unit and the provider hosting one of
 * its systems. Unit, provider, system and application belong to other subgraphs and are kept by
 * id; region, unit and provider are the scope columns.
 */
@Index('security_agreement_system_number_idx', ['systemId', 'number'])
@Entity({ name: 'security_agreement' })
@Unique('security_agreement_number_key', ['number'])
@Index('security_agreement_system_id_idx', ['systemId'])
@Index('security_agreement_unit_id_idx', ['unitId'])
@Index('security_agreement_provider_id_idx', ['providerId'])
@Index('security_agreement_region_code_idx', ['regionCode'])
// securityAgreements(filter:) (security-agreement-list.ts): indexes the migration creates.
@Index('security_agreement_status_idx', { synchronize: false })
@Index('security_agreement_signed_on_idx', { synchronize: false })
@enumCheck('security_agreement', 'status', Object.values(SecurityAgreementStatus))
@Check('security_agreement_terminated_check', `("status" = 'TERMINATED') = ("terminated_on" IS NOT NULL)`)
@Check('security_agreement_termination_reason_check', `"status" <> 'TERMINATED' OR "termination_reason" IS NOT NULL`)
@Check('security_agreement_terminated_by_role_check', `"terminated_by_role" IS NULL OR "terminated_by_role" IN ('USER_UNIT', 'BUREAU')`)
// One agreement in force per system and provider: the one the bureau's accept looks for (SECURITY_AGREEMENT).
@Index('security_agreement_signed_key', ['systemId', 'providerId'], { unique: true, where: `"status" = 'SIGNED'` })
export class SecurityAgreementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'security_agreement_pkey' })
  id: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'uuid' })
  systemId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** The application that cites this agreement, when there is one. */
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ type: 'date' })
  signedOn: string;

  @Column({ type: 'text' })
  status: SecurityAgreementStatus;

  @Column({ type: 'date', nullable: true })
  terminatedOn: string | null;

  /** Why it ended (第十五条 shutdown, a migration away, a correction by the bureau); set with `terminatedOn`. */
  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  /** The role that ended it; null for agreements ended before the graph recorded it (the seed). */
  @Column({ type: 'text', nullable: true })
  terminatedByRole: SecurityAgreementTerminator | null;

  /** The subject (token `sub`) that ended it, for the audit trail. */
  @Column({ type: 'text', name: 'terminated_by', nullable: true })
  terminatedBySubject: string | null;

  /** The subject that recorded the signing through the graph; null for seeded agreements. */
  @Column({ type: 'text', name: 'signed_by', nullable: true })
  signedBySubject: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
