// SECURITY_AGREEMENT (第二十二条): 使用单位申请云平台资源时，应同时签订云安全协议，明确安全责任 — the
// bureau accepts no application whose unit has no agreement in force with the chosen provider for
// the system. The agreement is the security subgraph's answer (security-agreement-port.ts).
import { RuleViolationError } from '../../kit/errors';

/** The agreement in force the security subgraph found, as the caller may see it. */
export interface SignedSecurityAgreement {
  id: string;
  number: string;
  signedOn: string;
}

/**
 * Throws SECURITY_AGREEMENT when `agreement` is null: no signed agreement covers the application.
 * Asked when the bureau accepts and again when the centre confirms go-live (`step`), since a unit may
 * end its agreement while its system is not yet live.
 */
export function assertSecurityAgreementSigned(
  agreement: SignedSecurityAgreement | null,
  application: { id: string; number: string; systemId: string; providerId: string },
  step: '受理' | '确认上线' = '受理',
): void {
  if (agreement) return;
  const why =
    step === '受理'
      ? '尚未与所选服务商就该系统签订云安全协议：申请云平台资源时应同时签订云安全协议、明确安全责任，未签订的不予受理'
      : '与所选服务商就该系统已没有有效的云安全协议（已终止）：系统须有云安全协议明确安全责任方可在云平台上运行，请使用单位重新签订后再确认上线';
  throw new RuleViolationError('SECURITY_AGREEMENT', `上云申请 ${application.number} 的使用单位${why}（第二十二条）`, {
    applicationId: application.id,
    systemId: application.systemId,
    providerId: application.providerId,
  });
}
