// Drafting and submitting an application (第十一条): the unit creates a draft, fills in its resource
// lines, uploads its materials as files (materials/, POST /materials), submits it (MATERIALS,
// ELASTIC_RESOURCES), and may withdraw it to DRAFT, or discard a draft it no longer wants (DISCARDED).
import { randomUUID } from 'node:crypto';
import { In, Not, type EntityManager } from 'typeorm';
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import type { MutationTransaction } from '../../kit/mutation';
import { inScope } from '../../kit/scope-filter';
import { ApplicationEntity } from './application.entity';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { MaterialEntity } from '../materials/material.entity';
import { ResourceLineEntity } from './resource-line.entity';
import { UnitEntity } from '../units/unit.entity';
import { assertResourcesEditable } from '../changes/changes.rules';
import { assertDesignatedProvider } from './designated-provider.rules';
import { deliveryDaysInForce } from './test-delivery.rules';
import { decisionDeadline } from './deadlines.rules';
import { nextStatus } from './lifecycle.rules';
import { assertNoOpenApplication, CLOSED_APPLICATION_STATUSES, type OpenApplication } from './open-application.rules';
import { assertMaterialsComplete, assertResourceRequest } from '../materials/materials.rules';
import { insertEvent, recordStep } from './application-write.service';
import { entriesOnCatalog, type ProviderCatalogPort } from './catalog-port';
import { assertLinesOfProvider } from './catalog-lines.rules';
import type { DesignationPort } from './designation-port';
import { parseResourceLines, type ParsedResourceLine } from './lifecycle.inputs';
import type { ApplicationDraftInput, CreateApplicationInput } from '../generated/graphql';

/** The draft's arguments, checked before anything is read (BAD_USER_INPUT). */
export function parseCreateApplication(input: CreateApplicationInput): CreateApplicationInput {
  return {
    systemId: requireUuid(input.systemId, 'systemId'),
    kind: input.kind,
    providerId: input.providerId == null ? null : requireUuid(input.providerId, 'providerId'),
  };
}

/**
 * A new draft for one of the unit's systems, numbered `A-<year>-<sequence>`; its provider is checked
 * (DESIGNATED_PROVIDER). Another unit's system is answered like a missing one: the unit learns
 * nothing about what it may not see.
 */
export async function createApplication(
  tx: MutationTransaction,
  input: CreateApplicationInput,
  designations: DesignationPort,
): Promise<ApplicationEntity> {
  const { manager, principal, today } = tx;
  // Held to the end of the transaction, so two drafts for one system are made one after the other.
  const system = await manager
    .getRepository(InformationSystemEntity)
    .findOne({ where: { id: input.systemId }, lock: { mode: 'pessimistic_write' } });
  if (!system || !inScope(tx.scope, system)) throw new BadUserInputError('政务信息系统（systemId）不存在', 'systemId');
  if (system.deploymentMode === 'EXEMPT') {
    throw new RuleViolationError('ON_CLOUD', `该系统依法豁免上云（${system.exemptionLegalBasis}），不能申请政务云服务`, {
      systemId: system.id,
    });
  }
  assertNoOpenApplication(await openApplicationOf(manager, system.id));
  if (input.kind === 'MIGRATION' && !system.legacySystemName) {
    throw new BadUserInputError('迁移上云（MIGRATION）须针对有原自建系统的政务信息系统', 'kind');
  }
  const chosenProvider = input.providerId ?? system.providerId;
  if (!chosenProvider) throw new BadUserInputError('须选择定点服务商（providerId）', 'providerId');
  await assertProviderDesignated(manager, designations, chosenProvider, system.unitId, today);
  const application: ApplicationEntity = manager.getRepository(ApplicationEntity).create({
    id: randomUUID(),
    number: await nextNumber(manager, today),
    kind: input.kind,
    status: 'DRAFT',
    unitId: system.unitId,
    systemId: system.id,
    providerId: chosenProvider,
    regionCode: system.regionCode,
    version: 1,
    createdAt: new Date(),
  });
  await manager.getRepository(ApplicationEntity).insert(application);
  await insertEvent(manager, application.id, principal, { action: 'CREATE', from: null, to: 'DRAFT', reason: null });
  return manager.getRepository(ApplicationEntity).findOneOrFail({ where: { id: application.id } });
}

/** The system's application not yet rejected, discarded or terminated, if any (the latest). */
async function openApplicationOf(manager: EntityManager, systemId: string): Promise<OpenApplication | null> {
  return manager.getRepository(ApplicationEntity).findOne({
    select: { id: true, number: true, status: true },
    where: { systemId, status: Not(In([...CLOSED_APPLICATION_STATUSES])) },
    order: { number: 'DESC' },
  });
}

/**
 * DESIGNATED_PROVIDER at the unit's level: the city's agreements for a city unit, its county's for
 * a county unit, as the providers subgraph answers now (SERVICE_UNAVAILABLE when it cannot).
 */
export async function assertProviderDesignated(
  manager: EntityManager,
  designations: DesignationPort,
  providerId: string,
  unitId: string,
  today: string,
): Promise<number | null> {
  const unit = await manager.getRepository(UnitEntity).findOneOrFail({ where: { id: unitId } });
  const provider = await designations.designationOf(providerId, unit.regionCode);
  assertDesignatedProvider(provider, unit.regionCode, today);
  return deliveryDaysInForce(provider, unit.regionCode, today);
}

/** The next number; two drafts created at once collide on the unique number and one gets CONFLICT. */
async function nextNumber(manager: EntityManager, today: string): Promise<string> {
  const [row] = (await manager.query(
    `SELECT coalesce(max(substring("number" from '[0-9]+$')::int), 0) + 1 AS next FROM "applications"."application"`,
  )) as Array<{ next: number }>;
  return `A-${today.slice(0, 4)}-${String(row!.next).padStart(4, '0')}`;
}

/** The patch's resource lines, checked (BAD_USER_INPUT); null when the patch leaves them as they are. */
export function parseDraftPatch(patch: ApplicationDraftInput): ParsedResourceLine[] | null {
  return patch.resourceLines == null ? null : parseResourceLines(patch.resourceLines);
}

/**
 * Replaces the draft's resource lines when given. Materials are files, uploaded by
 * materials/material-file.service.ts. The provider is checked again (DESIGNATED_PROVIDER,
 * PROVIDER_QUALIFIED, an exit): a draft is not worked on for a provider that takes no new application.
 */
export async function updateApplicationDraft(
  tx: MutationTransaction,
  application: ApplicationEntity,
  lines: readonly ParsedResourceLine[] | null,
  designations: DesignationPort,
  catalog: ProviderCatalogPort,
): Promise<ApplicationEntity> {
  const { manager } = tx;
  assertResourcesEditable(application.status);
  const to = nextStatus(application, 'UPDATE_DRAFT');
  if (lines) await assertDraftLinesOfProvider(manager, catalog, lines, application.providerId);
  await assertProviderDesignated(manager, designations, application.providerId, application.unitId, tx.today);
  if (lines) {
    await manager.getRepository(ResourceLineEntity).delete({ applicationId: application.id });
    await manager.getRepository(ResourceLineEntity).insert(
      lines.map((line, index) => ({
        id: randomUUID(),
        applicationId: application.id,
        position: index + 1,
        ...line,
        concludedPriceFen: null,
        // The provider billed for the line: the application's, whose catalog the entry is from.
        providerId: application.providerId,
        effectiveFrom: null,
        effectiveUntil: null,
        changeRequestId: null,
      })),
    );
  }
  return recordStep(manager, application, tx.principal, { action: 'UPDATE_DRAFT', to });
}

/** CATALOG_CAP: the lines' entries, as the catalog replica knows them, are the chosen provider's own (catalog-lines.rules.ts). */
async function assertDraftLinesOfProvider(
  manager: EntityManager,
  catalog: ProviderCatalogPort,
  lines: readonly ParsedResourceLine[],
  providerId: string,
): Promise<void> {
  const entries = await entriesOnCatalog(
    catalog,
    manager,
    lines.map((line) => line.catalogEntryId),
  );
  assertLinesOfProvider(
    lines.map((line, index) => ({ position: index + 1, catalogEntryId: line.catalogEntryId })),
    providerId,
    entries,
  );
}

/** MATERIALS, ELASTIC_RESOURCES and DESIGNATED_PROVIDER are checked; the DECISION_5WD deadline is fixed now. */
export async function submitApplication(
  tx: MutationTransaction,
  application: ApplicationEntity,
  designations: DesignationPort,
): Promise<ApplicationEntity> {
  const { manager, today } = tx;
  const to = nextStatus(application, 'SUBMIT');
  const materials = await manager.getRepository(MaterialEntity).find({ where: { applicationId: application.id } });
  assertMaterialsComplete(materials.map((material) => material.kind));
  const lines = await manager.getRepository(ResourceLineEntity).find({ where: { applicationId: application.id } });
  const system = await manager.getRepository(InformationSystemEntity).findOneOrFail({ where: { id: application.systemId } });
  assertResourceRequest(lines, system.loadVariesWidely);
  // Last, after the local checks: the provider may have left since the draft was made.
  const testDeliveryDays = await assertProviderDesignated(manager, designations, application.providerId, application.unitId, today);
  const deadline = decisionDeadline(today);
  return recordStep(manager, application, tx.principal, {
    action: 'SUBMIT',
    to,
    set: { submittedOn: today, filedOn: null, decisionDueOn: deadline.date, decisionDueEstimated: deadline.estimated, testDeliveryDays },
  });
}

/** Back to DRAFT, with the reason in the application's history; the submission's dates are cleared. */
export async function withdrawApplication(
  tx: MutationTransaction,
  application: ApplicationEntity,
  reason: string,
): Promise<ApplicationEntity> {
  const to = nextStatus(application, 'WITHDRAW');
  return recordStep(tx.manager, application, tx.principal, {
    action: 'WITHDRAW',
    to,
    reason,
    set: { submittedOn: null, filedOn: null, decisionDueOn: null, decisionDueEstimated: false },
  });
}

/** The draft ends as DISCARDED; its lines, materials and history stay, with the reason in its events. */
export function discardApplicationDraft(
  tx: MutationTransaction,
  application: ApplicationEntity,
  reason: string,
): Promise<ApplicationEntity> {
  const to = nextStatus(application, 'DISCARD_DRAFT');
  return recordStep(tx.manager, application, tx.principal, { action: 'DISCARD_DRAFT', to, reason });
}
