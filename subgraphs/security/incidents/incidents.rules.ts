// INCIDENT_REPORT (第十八条): providers, units, the bureau, the centre and the monitoring agency report
// security incidents to the cybersecurity authority promptly. Pure checks and figures, no database.
import { dateInChina, FIRST_POLICY_DAY } from '../../kit/dates';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../kit/errors';
import { Role, type Principal } from '../../kit/principal';
import { formatInstant } from '../../kit/instants';
import type { IncidentReporterRole, IncidentSeverity, IncidentStatus } from '../generated/graphql';

/** The city-wide parties 第十八条 also obliges to report: the bureau, the centre, the monitoring agency. */
export type CityWideReporter = Extract<IncidentReporterRole, 'BUREAU' | 'CENTER' | 'MONITOR'>;

/**
 * Minutes from detection within which an incident must be reported, by severity; null: no limit
 * is flagged. The 暂行管理办法 says only "及时汇报" (第十八条). We take the bar of 《国家网络安全事件
 * 报告管理办法》(国家互联网信息办公室, 2025-09-11, in force 2025-11-01) 第四条: incidents of 较大
 * (LARGER) and above are reported, for critical information infrastructure — which a city's
 * e-government cloud commonly is — within 1 hour at the latest. 一般 (GENERAL) incidents have no
 * statutory limit there, so none is flagged.
 */
export const INCIDENT_REPORT_DEADLINE_MINUTES: Readonly<Record<IncidentSeverity, number | null>> = {
  PARTICULARLY_SERIOUS: 60,
  SERIOUS: 60,
  LARGER: 60,
  GENERAL: null,
};

/** At most this many affected systems are named in one report. */
export const MAX_AFFECTED_SYSTEMS = 100;

/**
 * Whole minutes from detection to the report (the server's time of recording). A detection in the
 * future, i.e. after the report, cannot be true (第十八条, INCIDENT_REPORT).
 */
export function detectionToReportMinutes(detectedAt: Date, reportedAt: Date): number {
  if (detectedAt.getTime() > reportedAt.getTime()) {
    throw new BadUserInputError(
      `发现时间（detectedAt）不能晚于报告时间 ${formatInstant(reportedAt)}（INCIDENT_REPORT，第十八条）`,
      'detectedAt',
    );
  }
  if (dateInChina(detectedAt) < FIRST_POLICY_DAY) {
    throw new BadUserInputError(`发现时间（detectedAt）不能早于 ${FIRST_POLICY_DAY}（INCIDENT_REPORT，第十八条）`, 'detectedAt');
  }
  return Math.floor((reportedAt.getTime() - detectedAt.getTime()) / 60_000);
}

/**
 * Reported later than its severity's limit (INCIDENT_REPORT_DEADLINE_MINUTES), to the millisecond:
 * 60 minutes and 58 seconds is late for a 60-minute limit, though its whole minutes read 60.
 */
export function isReportedLate(severity: IncidentSeverity, detectedAt: Date, reportedAt: Date): boolean {
  const limit = INCIDENT_REPORT_DEADLINE_MINUTES[severity];
  return limit !== null && reportedAt.getTime() - detectedAt.getTime() > limit * 60_000;
}

/**
 * Providers report on their platform, units on their systems, and the bureau, the centre and the
 * monitoring agency (第十八条 names them too) on any platform or system; the cybersecurity
 * authority receives reports and the county authorities are not named.
 */
export function reporterRoleOf(principal: Principal): IncidentReporterRole {
  if (principal.role === Role.PROVIDER) return 'PROVIDER';
  if (principal.role === Role.USER_UNIT) return 'USER_UNIT';
  if (principal.role === Role.BUREAU || principal.role === Role.CENTER || principal.role === Role.MONITOR) return principal.role;
  throw new ForbiddenError();
}

/** Reporters who see the whole city and so may report on any platform or system. */
export function isCityWideReporter(role: IncidentReporterRole): role is CityWideReporter {
  return role === 'BUREAU' || role === 'CENTER' || role === 'MONITOR';
}

/**
 * Only a city-wide reporter names a platform (providerId): a provider's is its own, a unit's is its
 * system's host. It must name something — the platform, systems, or both, the platform then hosting
 * every system — so that the report reaches the parties it concerns.
 */
export function assertCityWideReportNamesTarget(
  reporterRole: IncidentReporterRole,
  providerId: string | null,
  systems: readonly SystemOwnership[],
): void {
  if (!isCityWideReporter(reporterRole)) {
    if (providerId !== null)
      throw new BadUserInputError('服务商或使用单位报告时不填写平台（providerId），平台取自报告方或系统', 'providerId');
    return;
  }
  if (providerId === null && systems.length === 0) {
    throw new BadUserInputError('请指明事件所在的服务商平台（providerId）或涉及的系统（systemIds）', 'systemIds');
  }
  if (providerId !== null && systems.some((system) => system.providerId !== providerId)) {
    throw new BadUserInputError('所列系统（systemIds）不在所指服务商平台（providerId）上', 'providerId');
  }
}

interface SystemOwnership {
  systemId: string;
  unitId: string;
  providerId: string | null;
}

/**
 * The systems a report names: a unit names at least one, each its own; a provider may name none
 * (its platform as a whole) or systems it hosts. Anything else is someone else's system, which the
 * reporter cannot see: NOT_FOUND, exactly like a system that does not exist.
 */
export function assertReportableSystems(principal: Principal, systems: readonly SystemOwnership[]): void {
  if (isCityWideReporter(reporterRoleOf(principal))) return;
  if (principal.role === Role.USER_UNIT) {
    if (systems.length === 0) throw new BadUserInputError('使用单位报告安全事件须指明涉及的本单位系统（systemIds）', 'systemIds');
    if (systems.some((system) => system.unitId !== principal.unitId)) throw new NotFoundError('政务信息系统');
    return;
  }
  if (systems.some((system) => system.providerId !== principal.providerId)) throw new NotFoundError('政务信息系统');
}

/** Who may add to an incident's timeline: its reporter, the cybersecurity authority and the bureau. */
export function assertMayUpdateIncident(
  principal: Principal,
  incident: { reporterRole: IncidentReporterRole; providerId: string | null; unitId: string | null },
): void {
  if (principal.role === Role.CYBERSEC || principal.role === Role.BUREAU) return;
  if (principal.role === Role.PROVIDER && incident.reporterRole === 'PROVIDER' && principal.providerId === incident.providerId) return;
  if (principal.role === Role.USER_UNIT && incident.reporterRole === 'USER_UNIT' && principal.unitId === incident.unitId) return;
  // The centre and the monitoring agency are one body each: either follows up its own reports.
  if ((principal.role === Role.CENTER || principal.role === Role.MONITOR) && incident.reporterRole === principal.role) return;
  throw new ForbiddenError();
}

/** A resolved incident's timeline is complete. */
export function assertIncidentOpen(status: IncidentStatus): void {
  if (status === 'RESOLVED') throw new BadUserInputError('该安全事件已处置完毕（RESOLVED），不能再追加进展', 'incidentId');
}
