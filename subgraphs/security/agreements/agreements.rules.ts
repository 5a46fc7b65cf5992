// SECURITY_AGREEMENT (第二十二条) on the security side: which system a unit may sign an agreement
// for, and when a unit may end one. Pure checks on the system's replicated facts, tested alone.
import { requireRecordedDay } from '../../kit/dates';
import { BadUserInputError, RuleViolationError } from '../../kit/errors';

/** The facts of a system these checks need (contracts/system-fact.entity.ts). */
export interface AgreementSystemFacts {
  systemId: string;
  name: string;
  providerId: string | null;
  deploymentMode: 'ON_CLOUD' | 'MIGRATING' | 'EXEMPT';
  goLiveOn: string | null;
  retiredOn: string | null;
}

/**
 * The provider a new agreement is signed with: the one named (the provider the application chose,
 * which may differ from the system's current host, e.g. before a move), else the system's host.
 * An exempt or retired system uses no cloud service and signs none.
 */
export function providerToSignWith(system: AgreementSystemFacts, named: string | null): string {
  if (system.deploymentMode === 'EXEMPT') {
    throw new BadUserInputError(`系统「${system.name}」依法豁免上云，不使用政务云服务，无须签订云安全协议`, 'systemId');
  }
  if (system.retiredOn) {
    throw new BadUserInputError(`系统「${system.name}」已于 ${system.retiredOn} 停止使用，不能签订新的云安全协议`, 'systemId');
  }
  const providerId = named ?? system.providerId;
  if (!providerId) throw new BadUserInputError('须指明签订协议的服务商（providerId）', 'providerId');
  return providerId;
}

/** True while the system runs on this provider's platform, so the agreement must stay in force (第二十二条). */
export function runsOnProvider(system: AgreementSystemFacts, providerId: string): boolean {
  return system.goLiveOn !== null && system.retiredOn === null && system.providerId === providerId;
}

/**
 * A unit may end its own agreement only once its system no longer runs on that provider's
 * platform (retired, moved away, or never went live there); while it runs there only the bureau
 * may end it, e.g. to correct a record or when another agreement replaces it.
 */
export function assertUnitMayTerminate(system: AgreementSystemFacts, agreement: { number: string; providerId: string }): void {
  if (runsOnProvider(system, agreement.providerId)) {
    throw new RuleViolationError(
      'SECURITY_AGREEMENT',
      `系统「${system.name}」仍在该服务商云平台上运行，须有云安全协议明确安全责任，使用单位不能终止协议 ${agreement.number}；系统下线或迁出后再终止，或由市大数据局终止`,
      { systemId: system.systemId, providerId: agreement.providerId, number: agreement.number },
    );
  }
}

/** An agreement number as written on the document: trimmed, 1–64 characters. */
export function requireAgreementNumber(value: string): string {
  const number = typeof value === 'string' ? value.trim() : '';
  if (!number) throw new BadUserInputError('须填写协议编号（number）', 'number');
  if (number.length > 64) throw new BadUserInputError('协议编号（number）不能超过 64 个字符', 'number');
  return number;
}

/** A date of signing or ending: a valid ISO date, not after today and not before `notBefore`. */
export function requireAgreementDate(value: string, field: string, label: string, today: string, notBefore?: string): string {
  requireRecordedDay(value, field, label, today);
  if (notBefore && value < notBefore) throw new BadUserInputError(`${label}（${field}）不能早于签订日期（${notBefore}）`, field);
  return value;
}
