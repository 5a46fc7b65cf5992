// Signing and ending cloud security agreements (云安全协议, 第二十二条, SECURITY_AGREEMENT). The unit,
// region and hosting provider of a system come from the security subgraph's replica of system
// facts, never from the client. Each function runs inside the mutation's transaction, on the row the
// mutation pipeline (kit/mutation.ts) has locked and checked for scope.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../kit/errors';
import { isUuid, requireUuid } from '../../kit/ids';
import { Role, type Principal } from '../../kit/principal';
import type { SystemFactEntity } from '../../contracts/system-fact.entity';
import { SecurityAgreementEntity } from './security-agreement.entity';
import { assertUnitMayTerminate, providerToSignWith, requireAgreementDate, requireAgreementNumber } from './agreements.rules';
import { requireSystemFact } from '../../contracts/system-facts-replica';
import type { MutationTerminateSecurityAgreementArgs, SecurityAgreementTerminator, SignSecurityAgreementInput } from '../generated/graphql';

export type ParsedSignInput = Required<Omit<SignSecurityAgreementInput, 'providerId'>> & { providerId: string | null };

/** BAD_USER_INPUT naming the field, before anything is read. */
export function parseSignInput(input: SignSecurityAgreementInput, today: string): ParsedSignInput {
  return {
    applicationId: requireUuid(input.applicationId, 'applicationId'),
    systemId: requireUuid(input.systemId, 'systemId'),
    providerId: input.providerId == null ? null : requireUuid(input.providerId, 'providerId'),
    number: requireAgreementNumber(input.number),
    signedOn: requireAgreementDate(input.signedOn, 'signedOn', '签订日期', today),
  };
}

/**
 * The unit that owns the system records the agreement it signed with the provider its application
 * chose. `system` is the system's replica row, locked, so two signings for one system are taken one
 * after the other; one agreement is in force per system and provider.
 */
export async function signSecurityAgreement(
  manager: EntityManager,
  principal: Principal,
  input: ParsedSignInput,
  system: SystemFactEntity,
): Promise<SecurityAgreementEntity> {
  const providerId = providerToSignWith(system, input.providerId);
  const repository = manager.getRepository(SecurityAgreementEntity);

  const inForce = await repository.findOne({ where: { systemId: system.systemId, providerId, status: 'SIGNED' } });
  if (inForce) {
    throw new ConflictError(
      `系统「${system.name}」与该服务商已有有效的云安全协议 ${inForce.number}（${inForce.signedOn} 签订），无须重复签订`,
    );
  }
  // Only an agreement in force holds the application: one ended (say, recorded for the wrong system)
  // does not, or the unit could never sign the right one and the application could never be accepted.
  const citing = await repository.findOne({ where: { applicationId: input.applicationId, status: 'SIGNED' } });
  if (citing && citing.systemId !== system.systemId) {
    throw new BadUserInputError(
      `该上云申请已关联另一系统的有效云安全协议 ${citing.number}；如关联有误，请先终止该协议再签订（第二十二条）`,
      'applicationId',
    );
  }
  if (await repository.exists({ where: { number: input.number } })) {
    throw new ConflictError(`协议编号 ${input.number} 已被使用`);
  }

  const agreement: SecurityAgreementEntity = {
    id: randomUUID(),
    number: input.number,
    systemId: system.systemId,
    unitId: system.unitId,
    providerId,
    regionCode: system.regionCode,
    applicationId: input.applicationId,
    signedOn: input.signedOn,
    status: 'SIGNED',
    terminatedOn: null,
    terminationReason: null,
    terminatedByRole: null,
    terminatedBySubject: null,
    signedBySubject: principal.subject,
    createdAt: new Date(),
  };
  await repository.insert(agreement);
  return repository.findOneByOrFail({ id: agreement.id });
}

/** The reason is required (1–1000 characters); the date defaults to today. */
export function parseTerminateArgs(args: MutationTerminateSecurityAgreementArgs, today: string) {
  if (!isUuid(args.id)) throw new BadUserInputError('id 须为有效的标识 (UUID)', 'id');
  const reason = typeof args.reason === 'string' ? args.reason.trim() : '';
  if (!reason) throw new BadUserInputError('须填写终止理由（reason）', 'reason');
  if (reason.length > 1000) throw new BadUserInputError('终止理由（reason）不能超过 1000 字', 'reason');
  const terminatedOn = args.terminatedOn == null ? today : requireAgreementDate(args.terminatedOn, 'terminatedOn', '终止日期', today);
  return { id: args.id, reason, terminatedOn };
}

/**
 * Ends an agreement: by its unit once the system no longer runs on that provider's platform, or by
 * the bureau at any time (a correction, a replacement). `agreement` is locked, so a second attempt
 * sees it ended.
 */
export async function terminateSecurityAgreement(
  manager: EntityManager,
  principal: Principal,
  agreement: SecurityAgreementEntity,
  args: { reason: string; terminatedOn: string },
): Promise<SecurityAgreementEntity> {
  const repository = manager.getRepository(SecurityAgreementEntity);
  const byUnit = principal.role === Role.USER_UNIT;
  if (agreement.status === 'TERMINATED') {
    throw new BadUserInputError(`云安全协议 ${agreement.number} 已于 ${agreement.terminatedOn} 终止`, 'id');
  }
  if (args.terminatedOn < agreement.signedOn) {
    throw new BadUserInputError(`终止日期（terminatedOn）不能早于签订日期（${agreement.signedOn}）`, 'terminatedOn');
  }
  if (byUnit) assertUnitMayTerminate(await requireSystemFact(manager, agreement.systemId), agreement);

  const terminatedByRole: SecurityAgreementTerminator = byUnit ? 'USER_UNIT' : 'BUREAU';
  await repository.update(
    { id: agreement.id },
    {
      status: 'TERMINATED',
      terminatedOn: args.terminatedOn,
      terminationReason: args.reason,
      terminatedByRole,
      terminatedBySubject: principal.subject,
    },
  );
  return repository.findOneByOrFail({ id: agreement.id });
}
