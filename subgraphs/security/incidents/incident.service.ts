// Security incidents (网络安全事件, 第十八条, INCIDENT_REPORT): reads within one principal's scope, the
// report itself and the updates of its timeline. No approval step: a recorded incident is in the
// cybersecurity authority's (city-wide) list at once.
import { childConnectionLoader, instantSortText } from '../../kit/child-connection';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { Connection } from '../../kit/connection';
import { pageWithinDays } from '../../kit/dated-list';
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import { isUuid, requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Principal, Scope } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { applyScope } from '../../kit/scope-filter';
import { IncidentSystemEntity } from './incident-system.entity';
import { IncidentUpdateEntity } from './incident-update.entity';
import { ProviderSecurityProfileEntity } from '../platform/provider-security-profile.entity';
import { SecurityIncidentEntity } from './security-incident.entity';
import {
  INCIDENT_REPORT_DEADLINE_MINUTES,
  MAX_AFFECTED_SYSTEMS,
  assertIncidentOpen,
  assertCityWideReportNamesTarget,
  assertMayUpdateIncident,
  assertReportableSystems,
  detectionToReportMinutes,
  reporterRoleOf,
} from './incidents.rules';
import { requireText } from '../inspections/inspections.rules';
import { seesSecurityRow } from '../security-scope';
import { systemFactsOf } from '../../contracts/system-facts-replica';
import type { IncidentSeverity, QuerySecurityIncidentsArgs, SecurityIncidentInput } from '../generated/graphql';
import { formatInstant, requireInstant } from '../../kit/instants';

/**
 * Which incidents a scope sees: the city all; a provider those it reported or that hit systems on
 * its platform (provider_id); a unit or a county those it reported or whose affected systems are
 * its own (so a provider's report on a unit's system reaches that unit).
 */
export function scopeIncidents<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope | null,
  alias: string,
): SelectQueryBuilder<T> {
  if (!scope) return query.andWhere('FALSE');
  const affected = (column: string, parameter: string) =>
    `EXISTS (SELECT 1 FROM "security"."incident_system" scoped_system WHERE scoped_system.incident_id = ${alias}.id AND scoped_system.${column} = :${parameter})`;
  switch (scope.kind) {
    case 'CITY':
      return query;
    case 'PROVIDER':
      return query.andWhere(`${alias}.provider_id = :scopeProvider`, { scopeProvider: scope.providerId });
    case 'UNIT':
      return query.andWhere(`(${alias}.unit_id = :scopeUnit OR ${affected('unit_id', 'scopeUnit')})`, { scopeUnit: scope.unitId });
    case 'REGION':
      return query.andWhere(`(${alias}.region_code = :scopeRegion OR ${affected('region_code', 'scopeRegion')})`, {
        scopeRegion: scope.regionCode,
      });
  }
}

/**
 * Which of an incident's affected systems a scope is shown. A provider's report may name systems of
 * several units and counties: each unit or county sees the incident (scopeIncidents) but only its
 * own systems in it, as the applications subgraph would show them; a system it may not see is left
 * out rather than named by its id. The city sees all, and the reporting provider its platform's.
 */
export function scopeAffectedSystems<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: Scope | null,
  alias: string,
): SelectQueryBuilder<T> {
  if (!scope) return query.andWhere('FALSE');
  if (scope.kind === 'PROVIDER') return query;
  return applyScope(query, scope, alias, { region: 'region_code', unit: 'unit_id' });
}

/** SQL for "reported later than its severity allows" (INCIDENT_REPORT_DEADLINE_MINUTES), exact as isReportedLate. */
function lateCondition(alias: string): string {
  const limits = Object.entries(INCIDENT_REPORT_DEADLINE_MINUTES).filter(([, limit]) => limit !== null);
  const cases = limits
    .map(([severity, limit]) => `WHEN '${severity}' THEN ${alias}.reported_at - ${alias}.detected_at > interval '${limit} minutes'`)
    .join(' ');
  return `(CASE ${alias}.severity ${cases} ELSE FALSE END)`;
}

export class IncidentService {
  private readonly incidents: Repository<SecurityIncidentEntity>;
  private readonly systems: Repository<IncidentSystemEntity>;
  private readonly updates: Repository<IncidentUpdateEntity>;

  /** `scope` null: the principal may see no security records. */
  constructor(
    dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {
    this.incidents = dataSource.getRepository(SecurityIncidentEntity);
    this.systems = dataSource.getRepository(IncidentSystemEntity);
    this.updates = dataSource.getRepository(IncidentUpdateEntity);
  }

  private scoped() {
    return scopeIncidents(this.incidents.createQueryBuilder('incident'), this.scope, 'incident');
  }

  /** In report order (newest first unless asked otherwise), filtered; the deprecated arguments still work. */
  list(args: QuerySecurityIncidentsArgs): Promise<Connection<SecurityIncidentEntity>> {
    const query = this.scoped();
    const filter = args.filter ?? {};
    if (args.severity != null) query.andWhere('incident.severity = :severity', { severity: args.severity });
    if (args.status != null) query.andWhere('incident.status = :status', { status: args.status });
    if (args.lateOnly || filter.lateOnly) query.andWhere(lateCondition('incident'));
    if (filter.severity) query.andWhere('incident.severity IN (:...severities)', { severities: [...filter.severity, ''] });
    if (filter.status) query.andWhere('incident.status IN (:...statuses)', { statuses: [...filter.status, ''] });
    return pageWithinDays(query, args, {
      alias: 'incident',
      column: 'reported_at',
      type: 'timestamptz',
      range: { from: filter.reportedFrom, to: filter.reportedTo },
      name: 'reported',
      direction: args.orderBy === 'REPORTED_AT_ASC' ? 'ASC' : 'DESC',
      sortValueOf: (incident) => formatInstant(incident.reportedAt),
    });
  }

  byIds(ids: readonly string[]): Promise<SecurityIncidentEntity[]> {
    return fetchByIds(this.scoped(), 'incident.id', ids);
  }

  /** Pages of many providers' incidents, newest first: one statement a batch (kit/child-connection.ts). */
  providerPages() {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'incident',
      parentColumn: 'provider_id',
      parentOf: (incident) => incident.providerId,
      sortExpression: instantSortText('incident.reported_at'),
      sortValueOf: (incident) => incident.reportedAt.toISOString(),
      direction: 'DESC',
    });
  }

  /** Pages of many systems' incidents, newest first (an incident may affect several): one statement a batch (kit/child-connection.ts). */
  systemPages() {
    return childConnectionLoader({
      query: () => this.scoped().innerJoin(IncidentSystemEntity, 'link', 'link.incident_id = incident.id'),
      alias: 'incident',
      parentColumn: 'link.system_id',
      sortExpression: instantSortText('incident.reported_at'),
      sortValueOf: (incident) => incident.reportedAt.toISOString(),
      direction: 'DESC',
    });
  }

  /** The affected systems of incidents the caller may see (the loader asks only for those). */
  systemsByIncidentIds(incidentIds: readonly string[]): Promise<IncidentSystemEntity[]> {
    return fetchByIds(scopeAffectedSystems(this.systems.createQueryBuilder('link'), this.scope, 'link'), 'link.incident_id', incidentIds);
  }

  /** Pages of many incidents' timelines by number: one statement a batch (kit/child-connection.ts). */
  timelinePages() {
    return childConnectionLoader({
      query: () => this.updates.createQueryBuilder('entry'),
      alias: 'entry',
      parentColumn: 'incident_id',
      parentOf: (entry) => entry.incidentId,
      sortExpression: `lpad(entry.seq::text, 6, '0')`,
      sortValueOf: (entry) => String(entry.seq).padStart(6, '0'),
    });
  }
}

/** A report's input, read and checked (BAD_USER_INPUT naming the field) at the server's time `now`. */
export interface ParsedIncident {
  title: string;
  description: string;
  severity: IncidentSeverity;
  detectedAt: Date;
  reportedAt: Date;
  detectionToReportMinutes: number;
  systemIds: string[];
  /** The platform a city-wide reporter names (assertCityWideReportNamesTarget). */
  providerId: string | null;
}

export function parseIncidentInput(input: SecurityIncidentInput, now: Date): ParsedIncident {
  const title = requireText(input.title, 'title', '事件标题', 200);
  const description = requireText(input.description, 'description', '事件描述');
  const detectedAt = requireInstant(input.detectedAt, 'detectedAt', '发现时间');
  const minutes = detectionToReportMinutes(detectedAt, now);
  const systemIds = [...new Set(input.systemIds ?? [])];
  if (systemIds.length > MAX_AFFECTED_SYSTEMS) {
    throw new BadUserInputError(`一次报告最多指明 ${MAX_AFFECTED_SYSTEMS} 个涉及系统（systemIds）`, 'systemIds');
  }
  if (systemIds.some((id) => !isUuid(id))) throw new BadUserInputError('systemIds 须为有效的标识 (UUID)', 'systemIds');
  const providerId = input.providerId == null ? null : requireUuid(input.providerId, 'providerId');
  return {
    title,
    description,
    severity: input.severity,
    detectedAt,
    reportedAt: now,
    detectionToReportMinutes: minutes,
    systemIds,
    providerId,
  };
}

/**
 * Records a report: a provider on its platform (naming, optionally, systems it hosts), a unit on its
 * own systems, a city-wide party (bureau, centre, monitoring agency) on a platform and/or any
 * systems. The first timeline entry is the report itself.
 */
export async function reportIncident(manager: EntityManager, principal: Principal, input: ParsedIncident): Promise<SecurityIncidentEntity> {
  const reporterRole = reporterRoleOf(principal);
  const facts = await systemFactsOf(manager, input.systemIds);
  if (facts.size !== input.systemIds.length) throw new NotFoundError('政务信息系统');
  const systems = input.systemIds.map((id) => facts.get(id)!);
  assertReportableSystems(principal, systems);
  assertCityWideReportNamesTarget(reporterRole, input.providerId, systems);
  if (
    input.providerId !== null &&
    !(await manager.getRepository(ProviderSecurityProfileEntity).exists({ where: { providerId: input.providerId } }))
  ) {
    throw new NotFoundError('服务商云平台');
  }

  const first = systems[0];
  const incident: SecurityIncidentEntity = {
    id: randomUUID(),
    title: input.title,
    description: input.description,
    severity: input.severity,
    status: 'REPORTED',
    reporterRole,
    reportedBy: principal.subject,
    // A unit's report belongs to its unit and region, on the platform of its (first named) system.
    providerId: reporterRole === 'PROVIDER' ? principal.providerId! : (input.providerId ?? first?.providerId ?? null),
    unitId: reporterRole === 'USER_UNIT' ? first!.unitId : null,
    regionCode: reporterRole === 'USER_UNIT' ? first!.regionCode : CITY_REGION_CODE,
    detectedAt: input.detectedAt,
    reportedAt: input.reportedAt,
    detectionToReportMinutes: input.detectionToReportMinutes,
    version: 1,
  };
  await manager.getRepository(SecurityIncidentEntity).insert(incident);
  if (systems.length > 0) {
    await manager
      .getRepository(IncidentSystemEntity)
      .insert(
        systems.map((fact) => ({ incidentId: incident.id, systemId: fact.systemId, unitId: fact.unitId, regionCode: fact.regionCode })),
      );
  }
  await manager.getRepository(IncidentUpdateEntity).insert({
    id: randomUUID(),
    incidentId: incident.id,
    seq: 1,
    recordedAt: input.reportedAt,
    authorRole: principal.role,
    author: principal.subject,
    status: 'REPORTED',
    note: input.description,
  });
  return incident;
}

/**
 * Which incidents a mutation may act on, judged by the row alone (the pipeline's `visible`): the
 * city all; a provider those on its platform; a unit or a county those of its own unit or region.
 * Unlike scopeIncidents this does not reach through the affected systems: only the reporter and
 * the authorities may update an incident (assertMayUpdateIncident), never a party it merely names.
 */
export function incidentInScope(principal: Principal, scope: Scope, incident: SecurityIncidentEntity): boolean {
  return seesSecurityRow(principal, scope, incident);
}

/**
 * Appends an entry to the timeline (HANDLING or RESOLVED) and moves the incident to that status.
 * `incident` is locked at the version the caller saw.
 */
export async function appendIncidentUpdate(
  manager: EntityManager,
  principal: Principal,
  incident: SecurityIncidentEntity,
  update: { status: 'HANDLING' | 'RESOLVED'; note: string },
  now: Date,
): Promise<SecurityIncidentEntity> {
  assertMayUpdateIncident(principal, incident);
  assertIncidentOpen(incident.status);
  const [{ seq }] = (await manager.query(
    `SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM "security"."incident_update" WHERE incident_id = $1`,
    [incident.id],
  )) as Array<{ seq: number }>;
  await manager.getRepository(IncidentUpdateEntity).insert({
    id: randomUUID(),
    incidentId: incident.id,
    seq: Number(seq),
    recordedAt: now,
    authorRole: principal.role,
    author: principal.subject,
    status: update.status,
    note: update.note,
  });
  const next = { status: update.status, version: incident.version + 1 };
  await manager.getRepository(SecurityIncidentEntity).update({ id: incident.id }, next);
  return Object.assign(incident, next);
}
