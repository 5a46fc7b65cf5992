// The receiving host of an exit migration (第九条): the system lands on a platform its unit has a
// security agreement with (SECURITY_AGREEMENT, 第二十二条) and whose MLPS level is not below the
// system's (MLPS_PLATFORM_LEVEL, 第二十一条); the lines in force end the day before the move and the
// new ones, priced on the new provider's catalog, start on it (第八条、第十六条). Pure: the service asks
// the ports and the database, then these decide.
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import type { SignedSecurityAgreement } from '../lifecycle/security-agreement.rules';
import type { HostingLevels } from '../lifecycle/mlps-platform-port';

interface Move {
  systemId: string;
  targetProviderId: string;
}

/** SECURITY_AGREEMENT: the unit signs with the new host before its system runs there. */
export function assertHostSecurityAgreement(agreement: SignedSecurityAgreement | null, move: Move): void {
  if (agreement) return;
  throw new RuleViolationError(
    'SECURITY_AGREEMENT',
    '使用单位尚未就该系统与迁入的服务商签订云安全协议：系统迁入新的云平台前须签订云安全协议、明确安全责任（第二十二条）',
    { systemId: move.systemId, providerId: move.targetProviderId },
  );
}

/**
 * MLPS_PLATFORM_LEVEL: a graded system moves only onto a platform whose filed level is at least its
 * own; a platform with no filed level proves nothing and is refused (fail safe). A system not yet
 * graded has no level to meet.
 */
export function assertPlatformMeetsSystemLevel(levels: HostingLevels, move: Move): void {
  const { systemLevel, platformLevel } = levels;
  if (systemLevel === null) return;
  const details = { systemId: move.systemId, providerId: move.targetProviderId, level: systemLevel, platformLevel };
  if (platformLevel === null) {
    throw new RuleViolationError('MLPS_PLATFORM_LEVEL', `迁入的云平台没有等级保护备案记录，不能承载第${systemLevel}级系统`, details);
  }
  if (systemLevel > platformLevel) {
    throw new RuleViolationError(
      'MLPS_PLATFORM_LEVEL',
      `系统定级（第${systemLevel}级）高于迁入的云平台的安全保护等级（第${platformLevel}级），不能迁入该平台`,
      details,
    );
  }
}

/**
 * The day of the move: not after today (it is recorded, not planned), and after the first day each
 * line it replaces was billed to the old host, so that host keeps at least a day and the new one
 * starts the day after it ends.
 */
export function assertMigratedOn(migratedOn: string, today: string, inForceSince: string | null): void {
  if (migratedOn > today) throw new BadUserInputError(`迁移日期 ${migratedOn} 晚于今天（${today}），须登记已完成的迁移`, 'migratedOn');
  if (inForceSince !== null && migratedOn <= inForceSince) {
    throw new BadUserInputError(`迁移日期 ${migratedOn} 须晚于被替换的资源明细开始计费之日（${inForceSince}）`, 'migratedOn');
  }
}

/**
 * Each new line replaces a line in force on the day of the move (its position on the form, its
 * history); a line in force with no replacement ends with the move, like every other line there.
 */
export function assertReplacesLinesInForce(
  inForce: ReadonlyArray<{ id: string }>,
  replacing: ReadonlyArray<{ resourceLineId: string }>,
): void {
  const known = new Set(inForce.map((line) => line.id));
  const unknown = replacing.filter((line) => !known.has(line.resourceLineId)).map((line) => line.resourceLineId);
  if (unknown.length > 0) {
    throw new BadUserInputError(`资源明细 ${unknown.join('、')} 不是该系统在用申请在迁移日仍在用的资源明细`, 'lines');
  }
}
