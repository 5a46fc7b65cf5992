// DESIGNATED_PROVIDER (第十一条): a unit chooses its provider among the designated ones — one that
// takes new applications (designated, not exiting) and holds an agreement in force at the unit's
// level: the city's (371600) for a city unit, its county's for a county unit. A designated provider
// whose qualification lapsed takes none either, refused under PROVIDER_QUALIFIED (第七条、第二十条);
// nor does one exiting the unit's county (第九条), though designated for the city.
import { RuleViolationError } from '../../kit/errors';
import { regionByCode } from '../../kit/regions';

/** What the providers subgraph says of a provider, as the caller may see it. */
export interface ProviderDesignation {
  id: string;
  name: string;
  status: string;
  acceptsNewApplications: boolean;
  /** Its qualifications hold (PROVIDER_QUALIFIED); absent where a test's port does not say. */
  qualified?: boolean;
  qualificationValidUntil?: string | null;
  /** The provider's agreements at one level (the caller's scope applies). */
  agreements: ReadonlyArray<{
    number: string;
    regionCode: string;
    active: boolean;
    startsOn: string;
    endsOn: string;
    /** TEST_30D: working days to deliver the test environment (第十三条). */
    testEnvironmentDeliveryDays?: number;
  }>;
}

const NOT_ACCEPTING: Record<string, string> = {
  CANDIDATE: '尚未被确定为定点服务商',
  RECTIFYING: '正在限期整改，暂不承接新申请',
  EXITING: '处于退出过渡期，不承接新申请',
  EXITED: '已退出，不承接新申请',
};

/** "县级（滨城区，371602）" or "市级（滨州市，371600）". */
export function levelLabel(regionCode: string): string {
  const region = regionByCode(regionCode);
  if (!region) return `区域 ${regionCode}`;
  return `${region.level === 'CITY' ? '市级' : '县级'}（${region.name}，${regionCode}）`;
}

/**
 * Throws DESIGNATED_PROVIDER unless `provider` takes new applications and holds an agreement at
 * `regionCode` that is active and whose term covers `today`. `null` is a provider nobody knows.
 */
export function assertDesignatedProvider(provider: ProviderDesignation | null, regionCode: string, today: string): void {
  if (!provider) {
    throw new RuleViolationError('DESIGNATED_PROVIDER', '所选服务商（providerId）不在定点服务商名录中', { regionCode });
  }
  const details = { providerId: provider.id, regionCode };
  if (!provider.acceptsNewApplications) {
    assertQualificationHolds(provider);
    // Designated and qualified, yet not taking applications here: it is exiting this county (第九条).
    const exitingCounty =
      provider.status === 'DESIGNATED' ? `在${levelLabel(regionCode)}处于退出过渡期（该地协议期满未延续），不承接该地新申请` : null;
    const why = exitingCounty ?? NOT_ACCEPTING[provider.status] ?? '不承接新申请';
    throw new RuleViolationError('DESIGNATED_PROVIDER', `服务商「${provider.name}」${why}，不能选择`, details);
  }
  const inForce = provider.agreements.some(
    (agreement) => agreement.regionCode === regionCode && agreement.active && agreement.startsOn <= today && today <= agreement.endsOn,
  );
  if (!inForce) {
    throw new RuleViolationError(
      'DESIGNATED_PROVIDER',
      `服务商「${provider.name}」在${levelLabel(regionCode)}没有生效的定点服务协议，不能选择`,
      details,
    );
  }
}

/**
 * DESIGNATED_PROVIDER when the bureau accepts (第九条、第十一条): the chosen provider is not exiting,
 * neither the city (EXITING, EXITED) nor the applicant's county. A qualification that lapsed after
 * the submission is flagged (PROVIDER_QUALIFIED) and left to the bureau's decision, as is a
 * provider in rectification: neither is an exit.
 */
export function assertNotExiting(provider: ProviderDesignation | null, regionCode: string): void {
  if (!provider) {
    throw new RuleViolationError('DESIGNATED_PROVIDER', '所选服务商（providerId）不在定点服务商名录中', { regionCode });
  }
  const exitingCounty = provider.status === 'DESIGNATED' && !provider.acceptsNewApplications && provider.qualified !== false;
  if (provider.status === 'EXITING' || provider.status === 'EXITED' || exitingCounty) {
    const why = exitingCounty ? `在${levelLabel(regionCode)}处于退出过渡期` : NOT_ACCEPTING[provider.status];
    throw new RuleViolationError(
      'DESIGNATED_PROVIDER',
      `服务商「${provider.name}」${why}，不能受理选择它的申请；请使用单位改选服务商后重新提交`,
      {
        providerId: provider.id,
        regionCode,
      },
    );
  }
}

/** A provider's exit as the applications subgraph heard of it (its exit_notice). */
export interface ExitHeard {
  providerId: string;
  /** The county exited; null for a city-wide exit. */
  regionCode: string | null;
  transitionEndsOn: string;
}

/**
 * DESIGNATED_PROVIDER after acceptance (第九条、第十一条): an exiting provider takes on no new
 * systems, so an application accepted before its provider's exit — city-wide, or of the
 * application's county — is neither procured, nor tested, nor taken live on it once the exit is heard
 * of here (its systems are being migrated away). The unit reports the application terminated
 * (reportTermination) and applies again with another provider. `step` names the refused action.
 */
export function assertNoExitHeard(exit: ExitHeard | null, application: { providerId: string; regionCode: string }, step: string): void {
  if (!exit) return;
  const where = exit.regionCode ? `在${levelLabel(exit.regionCode)}` : '';
  throw new RuleViolationError(
    'DESIGNATED_PROVIDER',
    `所选服务商已${where}开始退出（第九条，过渡期至 ${exit.transitionEndsOn}），不承接新上云系统，不能再${step}；` +
      '请报备终止本申请 (reportTermination) 后，另选定点服务商重新申请',
    { providerId: application.providerId, regionCode: application.regionCode, transitionEndsOn: exit.transitionEndsOn },
  );
}

/** A designated provider that takes no applications only because its qualification lapsed is refused under that rule. */
function assertQualificationHolds(provider: ProviderDesignation): void {
  if (provider.status !== 'DESIGNATED' || provider.qualified !== false) return;
  const lapse = provider.qualificationValidUntil ? `已于 ${provider.qualificationValidUntil} 到期` : '不完整';
  throw new RuleViolationError('PROVIDER_QUALIFIED', `服务商「${provider.name}」的资质${lapse}，资质恢复前不承接新申请，不能选择`, {
    providerId: provider.id,
    qualificationValidUntil: provider.qualificationValidUntil ?? null,
  });
}
