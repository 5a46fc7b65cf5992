// Security inspections and their findings/rectifications (安全检查与整改, 第十九条, INSPECTION_RECTIFY):
// reads within one principal's scope, and the recording of an inspection with its findings.
import { childConnectionLoader } from '../../kit/child-connection';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { Connection } from '../../kit/connection';
import { pageWithinDays } from '../../kit/dated-list';
import { parseIsoDate, requireRecordedDay } from '../../kit/dates';
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import { isUuid, requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Principal, Scope } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { InspectionFindingEntity } from './inspection-finding.entity';
import { ProviderSecurityProfileEntity } from '../platform/provider-security-profile.entity';
import { SecurityInspectionEntity } from './security-inspection.entity';
import { MAX_FINDINGS_PER_INSPECTION, assertDeadlineAfterInspection, inspectingAuthorityOf, requireText } from './inspections.rules';
import { scopeSecurityRows } from '../security-scope';
import { requireSystemFact } from '../../contracts/system-facts-replica';
import type {
  InspectionFindingInput,
  QueryOverdueRectificationsArgs,
  QuerySecurityInspectionsArgs,
  SecurityInspectionInput,
} from '../generated/graphql';
import { filterRectifications } from './rectification-list';

/** Reads inspections and findings; `scope` null: the principal may see no security records. */
export class InspectionService {
  private readonly inspections: Repository<SecurityInspectionEntity>;
  private readonly findings: Repository<InspectionFindingEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {
    this.inspections = dataSource.getRepository(SecurityInspectionEntity);
    this.findings = dataSource.getRepository(InspectionFindingEntity);
  }

  private scopedInspections() {
    return scopeSecurityRows(this.inspections.createQueryBuilder('inspection'), this.scope, 'inspection');
  }

  private scopedFindings() {
    return scopeSecurityRows(this.findings.createQueryBuilder('finding'), this.scope, 'finding');
  }

  /** Latest inspection first unless asked otherwise, filtered; the deprecated arguments still work. */
  list(args: QuerySecurityInspectionsArgs): Promise<Connection<SecurityInspectionEntity>> {
    const query = this.scopedInspections();
    const filter = args.filter ?? {};
    if (args.targetKind != null) query.andWhere('inspection.target_kind = :targetKind', { targetKind: args.targetKind });
    if (filter.targetKind != null) query.andWhere('inspection.target_kind = :filterTargetKind', { filterTargetKind: filter.targetKind });
    if (args.providerId != null)
      query.andWhere('inspection.provider_id = :providerId', { providerId: requireUuid(args.providerId, 'providerId') });
    if (args.systemId != null) query.andWhere('inspection.system_id = :systemId', { systemId: requireUuid(args.systemId, 'systemId') });
    if (filter.providerId != null) {
      query.andWhere('inspection.provider_id = :filterProviderId', {
        filterProviderId: requireUuid(filter.providerId, 'filter.providerId'),
      });
    }
    if (filter.systemId != null) {
      query.andWhere('inspection.system_id = :filterSystemId', { filterSystemId: requireUuid(filter.systemId, 'filter.systemId') });
    }
    return pageWithinDays(query, args, {
      alias: 'inspection',
      column: 'conducted_on',
      type: 'date',
      range: { from: filter.conductedFrom, to: filter.conductedTo },
      name: 'conducted',
      direction: args.orderBy === 'CONDUCTED_ON_ASC' ? 'ASC' : 'DESC',
      sortValueOf: (inspection) => inspection.conductedOn,
    });
  }

  /**
   * Rectifications past their deadline and not closed (INSPECTION_RECTIFY), decided in SQL against
   * `today`; the longest overdue first.
   */
  overdue(args: QueryOverdueRectificationsArgs, today: string): Promise<Connection<InspectionFindingEntity>> {
    const query = this.scopedFindings()
      .andWhere(`finding.status <> 'CLOSED'`)
      .andWhere('finding.deadline < CAST(:today AS date)', { today });
    const filter = args.filter ?? {};
    filterRectifications(query, filter);
    return pageWithinDays(query, args, {
      alias: 'finding',
      column: 'deadline',
      type: 'date',
      range: { from: filter.deadlineFrom, to: filter.deadlineTo },
      name: 'deadline',
      direction: 'ASC',
      sortValueOf: (finding) => finding.deadline,
    });
  }

  inspectionsByIds(ids: readonly string[]): Promise<SecurityInspectionEntity[]> {
    return fetchByIds(this.scopedInspections(), 'inspection.id', ids);
  }

  findingsByIds(ids: readonly string[]): Promise<InspectionFindingEntity[]> {
    return fetchByIds(this.scopedFindings(), 'finding.id', ids);
  }

  /** Pages of many inspections' findings by number: one statement a batch (kit/child-connection.ts). */
  findingPagesByInspection() {
    return childConnectionLoader({
      query: () => this.scopedFindings(),
      alias: 'finding',
      parentColumn: 'inspection_id',
      parentOf: (finding) => finding.inspectionId,
      sortExpression: `lpad(finding.seq::text, 5, '0')`,
      sortValueOf: (finding) => String(finding.seq).padStart(5, '0'),
    });
  }

  /** Pages of many providers' open platform rectifications by deadline: one statement a batch (kit/child-connection.ts). */
  openRectificationPagesByProvider() {
    return this.openRectificationPages('provider_id', (finding) => finding.providerId, `finding.owner_kind = 'PROVIDER'`);
  }

  /** Pages of many systems' open rectifications by deadline: one statement a batch (kit/child-connection.ts). */
  openRectificationPagesBySystem() {
    return this.openRectificationPages('system_id', (finding) => finding.systemId);
  }

  /** The findings not closed under a parent column, by deadline (then id). */
  private openRectificationPages(parentColumn: string, parentOf: (finding: InspectionFindingEntity) => string | null, where = 'TRUE') {
    return childConnectionLoader({
      query: () => this.scopedFindings().andWhere(`finding.status <> 'CLOSED'`).andWhere(where),
      alias: 'finding',
      parentColumn,
      parentOf,
      sortExpression: 'finding.deadline::text',
      sortValueOf: (finding) => finding.deadline,
    });
  }
}

/** An inspection's input, read and checked (BAD_USER_INPUT naming the field) before anything is read. */
export interface ParsedInspection {
  target: { targetKind: 'PLATFORM'; providerId: string } | { targetKind: 'SYSTEM'; systemId: string };
  conductedOn: string;
  scope: string;
  findings: InspectionFindingInput[];
}

export function parseInspectionInput(input: SecurityInspectionInput, today: string): ParsedInspection {
  const conductedOn = requireRecordedDay(input.conductedOn, 'conductedOn', '检查日期', today);
  const scope = requireText(input.scope, 'scope', '检查范围');
  if (input.findings.length > MAX_FINDINGS_PER_INSPECTION) {
    throw new BadUserInputError(`一次最多记录 ${MAX_FINDINGS_PER_INSPECTION} 个发现问题（findings）`, 'findings');
  }
  const findings = input.findings.map((finding, index) => {
    const field = `findings[${index}]`;
    const deadline = parseIsoDate(finding.deadline, `${field}.deadline`, '整改期限');
    assertDeadlineAfterInspection(deadline, conductedOn, `${field}.deadline`);
    return { ...finding, description: requireText(finding.description, `${field}.description`, '问题描述'), deadline };
  });
  return { target: parseTarget(input), conductedOn, scope, findings };
}

function parseTarget(input: SecurityInspectionInput): ParsedInspection['target'] {
  if (input.targetKind === 'PLATFORM') {
    if (input.systemId != null) throw new BadUserInputError('平台检查不指定系统（systemId），请只填写 providerId', 'systemId');
    return { targetKind: 'PLATFORM', providerId: requireUuid(input.providerId ?? '', 'providerId') };
  }
  if (input.providerId != null) throw new BadUserInputError('系统检查的服务商取自系统信息，请只填写 systemId', 'providerId');
  if (input.systemId == null || !isUuid(input.systemId)) throw new BadUserInputError('systemId 须为有效的标识 (UUID)', 'systemId');
  return { targetKind: 'SYSTEM', systemId: input.systemId };
}

/**
 * Records an inspection the bureau and the cybersecurity authority conducted together, each finding
 * becoming an OPEN rectification owned by the inspected party: the provider for its platform, the
 * unit for its system (whose unit, region and provider come from the system facts, never the client).
 */
export async function recordInspection(
  manager: EntityManager,
  principal: Principal,
  input: ParsedInspection,
): Promise<SecurityInspectionEntity> {
  const { recordedBy, jointWith } = inspectingAuthorityOf(principal);
  const target = await inspectedTarget(manager, input.target);
  const inspection: SecurityInspectionEntity = {
    id: randomUUID(),
    ...target,
    conductedOn: input.conductedOn,
    scope: input.scope,
    recordedByRole: recordedBy,
    jointRole: jointWith,
    recordedBy: principal.subject,
    createdAt: new Date(),
  };
  await manager.getRepository(SecurityInspectionEntity).insert(inspection);
  if (input.findings.length > 0) {
    const rows = input.findings.map((finding, index) => findingRow(inspection, index + 1, finding));
    await manager.getRepository(InspectionFindingEntity).insert(rows);
  }
  return inspection;
}

type InspectedTarget = Pick<SecurityInspectionEntity, 'targetKind' | 'providerId' | 'systemId' | 'unitId' | 'regionCode'>;

async function inspectedTarget(manager: EntityManager, target: ParsedInspection['target']): Promise<InspectedTarget> {
  if (target.targetKind === 'PLATFORM') {
    const known = await manager.getRepository(ProviderSecurityProfileEntity).exists({ where: { providerId: target.providerId } });
    if (!known) throw new NotFoundError('服务商云平台');
    // A provider's platform serves the whole city.
    return { targetKind: 'PLATFORM', providerId: target.providerId, systemId: null, unitId: null, regionCode: CITY_REGION_CODE };
  }
  const fact = await requireSystemFact(manager, target.systemId);
  return { targetKind: 'SYSTEM', providerId: fact.providerId, systemId: fact.systemId, unitId: fact.unitId, regionCode: fact.regionCode };
}

export function findingRow(inspection: SecurityInspectionEntity, seq: number, finding: InspectionFindingInput): InspectionFindingEntity {
  return {
    id: randomUUID(),
    inspectionId: inspection.id,
    seq,
    severity: finding.severity,
    description: finding.description,
    ownerKind: inspection.targetKind === 'PLATFORM' ? 'PROVIDER' : 'UNIT',
    systemId: inspection.systemId,
    unitId: inspection.unitId,
    providerId: inspection.providerId,
    regionCode: inspection.regionCode,
    deadline: finding.deadline,
    status: 'OPEN',
    submittedAt: null,
    submittedBy: null,
    submissionNote: null,
    closedAt: null,
    closedBy: null,
    verificationNote: null,
    returnedAt: null,
    returnedBy: null,
    returnReason: null,
    version: 1,
    createdAt: inspection.createdAt,
  };
}
