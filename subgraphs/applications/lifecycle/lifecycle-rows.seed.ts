// The lifecycle rows of the demo applications, derived from the world's timelines: resource lines,
// materials with their files, the audit trail, change requests and termination steps.
// Deterministic: ids come from stableId, times from the world's dates, file bytes from the world.
import type { ApplicationRecord, World } from '../../../seed/world';
import { addDays, todayInChina } from '../../kit/dates';
import { yuanToFen } from '../../kit/money';
import { Role } from '../../kit/principal';
import { stableId } from '../../kit/stable-id';
import type { ApplicationEventEntity } from './application-event.entity';
import type { ChangeRequestEntity } from '../changes/change-request.entity';
import type { MaterialFileEntity } from '../materials/material-file.entity';
import type { MaterialEntity } from '../materials/material.entity';
import type { ResourceLineEntity } from './resource-line.entity';
import type { TerminationStepEntity } from './termination-step.entity';
import { sha256Of } from '../materials/material-file.service';
import { demoMaterialDocument } from '../materials/materials.seed';
import type { ApplicationStatus, LifecycleAction } from '../generated/graphql';

/** A time on `isoDate` in Binzhou; `minute` keeps same-day events in order. */
export function atChinaTime(isoDate: string, minute = 0): Date {
  return new Date(new Date(`${isoDate}T09:00:00+08:00`).getTime() + minute * 60_000);
}

interface Actor {
  subject: string;
  role: Role;
}

/** Change requests of the demo: one approved, one rejected, two pending, in testing and production. */
const CHANGE_PLAN: Record<string, { status: 'PENDING' | 'APPROVED' | 'REJECTED'; description: string; reason: string | null }> = {
  'A-2025-0029': { status: 'APPROVED', description: '业务量增长，申请将云主机由 4 台扩容至 6 台。', reason: '扩容依据充分，同意变更。' },
  'A-2025-0030': { status: 'PENDING', description: '增加数据库审计服务一套。', reason: null },
  'A-2025-0031': {
    status: 'REJECTED',
    description: '申请增加 10TB 对象存储用于历史影像归档。',
    reason: '历史影像归档应使用全市统一的政务数据备份服务，不单独配置。',
  },
  'A-2026-0025': { status: 'PENDING', description: '测试发现内存不足，申请将云主机规格由 4C8G 调整为 8C16G。', reason: null },
};

export interface LifecycleRows {
  lines: ResourceLineEntity[];
  materials: MaterialEntity[];
  /** The materials' files (the PostgreSQL material store's rows), one per material. */
  files: Array<MaterialFileEntity & { store: 'postgres'; content: Buffer }>;
  events: ApplicationEventEntity[];
  changeRequests: ChangeRequestEntity[];
  steps: TerminationStepEntity[];
  /** The version each application reaches: one per recorded event. */
  versions: Map<string, number>;
}

export function buildLifecycleRows(world: World): LifecycleRows {
  const unitCodes = new Map(world.units.map((unit) => [unit.id, unit.code]));
  const providerCodes = new Map(world.providers.map((provider) => [provider.id, provider.code]));
  const entries = new Map(world.basicCatalog.map((entry) => [`${entry.providerId}:${entry.serviceItemCode}`, entry.id]));
  const rows: LifecycleRows = { lines: [], materials: [], files: [], events: [], changeRequests: [], steps: [], versions: new Map() };
  const today = todayInChina();

  for (const application of world.applications) {
    const unit: Actor = { subject: `unit:${unitCodes.get(application.unitId)}`, role: Role.USER_UNIT };
    const provider: Actor = { subject: `provider:${providerCodes.get(application.providerId)}`, role: Role.PROVIDER };
    const actors = {
      unit,
      provider,
      county: { subject: `county:${application.regionCode}`, role: Role.COUNTY_AUTHORITY },
      bureau: { subject: 'bureau', role: Role.BUREAU },
      center: { subject: 'center', role: Role.CENTER },
    } satisfies Record<string, Actor>;

    application.resources.forEach((line, index) => {
      rows.lines.push({
        id: stableId('application-resource-line', `${application.code}:${index}`),
        applicationId: application.id,
        position: index + 1,
        catalogEntryId: entries.get(`${application.providerId}:${line.serviceItemCode}`)!,
        quantity: line.quantity,
        quantityMax: line.quantityMax,
        concludedPriceFen: line.concludedPriceYuan === null ? null : yuanToFen(line.concludedPriceYuan),
        providerId: application.providerId,
        effectiveFrom: null,
        // A terminated application's lines end with it (termination.service.ts endLinesWith).
        effectiveUntil: application.terminatedOn,
        changeRequestId: null,
        refusedCapFen: null,
      });
    });

    for (const material of application.materials) {
      // A real file, stored as an upload stores it: the bytes in material_file, their hash and size on the row.
      const document = demoMaterialDocument(application, material.kind, material.fileName);
      const fileId = stableId('application-material-file', `${application.code}:${material.kind}`);
      const uploadedAt = atChinaTime(application.createdOn, 30);
      // Demo files are always PostgreSQL's, whatever MATERIAL_STORE says: the seed needs no bucket.
      rows.files.push({
        id: fileId,
        applicationId: application.id,
        kind: material.kind,
        store: 'postgres',
        content: document.bytes,
        objectKey: null,
        createdAt: uploadedAt,
      });
      rows.materials.push({
        id: stableId('application-material', `${application.code}:${material.kind}`),
        applicationId: application.id,
        kind: material.kind,
        fileName: material.fileName,
        contentHash: sha256Of(document.bytes),
        sizeBytes: document.bytes.length,
        uploadedBy: unit.subject,
        uploadedAt,
        contentType: document.contentType,
        fileId,
      });
    }

    const events = lifecycleEvents(application, actors);
    const change = CHANGE_PLAN[application.code];
    if (change) {
      const requestedOn = addDays(application.goLiveOn ?? application.testStartedOn!, 20);
      const decidedOn = change.status === 'PENDING' ? null : addDays(requestedOn, 3);
      const id = stableId('change-request', application.code);
      rows.changeRequests.push({
        id,
        applicationId: application.id,
        description: change.description,
        status: change.status,
        requestedBy: unit.subject,
        requestedAt: atChinaTime(requestedOn),
        decidedBy: decidedOn ? actors.bureau.subject : null,
        decidedAt: decidedOn ? atChinaTime(decidedOn) : null,
        decisionReason: change.reason,
      });
      events.push(['REQUEST_CHANGE', requestedOn, unit, change.description]);
      if (decidedOn)
        events.push([change.status === 'APPROVED' ? 'APPROVE_CHANGE' : 'REJECT_CHANGE', decidedOn, actors.bureau, change.reason]);
    }

    const stepDates: Array<[TerminationStepEntity['step'], string | null, Actor]> = [
      ['SHUTDOWN', application.shutdownConfirmedOn, unit],
      ['DATA_CLEARANCE', application.dataClearedOn, provider],
      ['RESOURCE_RECOVERY', application.resourcesRecoveredOn, actors.center],
    ];
    for (const [step, on, actor] of stepDates) {
      if (!on) continue;
      rows.steps.push({
        id: stableId('termination-step', `${application.code}:${step}`),
        applicationId: application.id,
        step,
        confirmedBy: actor.subject,
        confirmedByRole: actor.role,
        confirmedOn: on,
        confirmedAt: atChinaTime(on, 90),
      });
    }

    // Same-day events keep the order they were listed in; none is after today.
    const ordered = events.filter(([, on]) => on <= today).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    let status: ApplicationStatus | null = null;
    ordered.forEach(([action, on, actor, reason], index) => {
      const to = statusAfter(action, status, application);
      rows.events.push({
        id: stableId('application-event', `${application.code}:${index}`),
        applicationId: application.id,
        action,
        fromStatus: status,
        toStatus: to,
        actorSubject: actor.subject,
        actorRole: actor.role,
        reason,
        occurredAt: atChinaTime(on, index),
      });
      status = to;
    });
    rows.versions.set(application.id, ordered.length);
  }
  return rows;
}

type PlannedEvent = [LifecycleAction, string, Actor, string | null];

function lifecycleEvents(
  a: ApplicationRecord,
  actors: Record<'unit' | 'provider' | 'county' | 'bureau' | 'center', Actor>,
): PlannedEvent[] {
  const events: PlannedEvent[] = [['CREATE', a.createdOn, actors.unit, null]];
  const add = (action: LifecycleAction, on: string | null, actor: Actor, reason: string | null = null) => {
    if (on) events.push([action, on, actor, reason]);
  };
  add('SUBMIT', a.submittedOn, actors.unit);
  add('FILE', a.filedOn, actors.county);
  if (a.decidedOn) add(a.state === 'REJECTED' ? 'REJECT' : 'ACCEPT', a.decidedOn, actors.bureau, a.rejectionReason);
  add('RECORD_PROCUREMENT', a.procuredOn, actors.unit);
  add('DELIVER_TEST_ENVIRONMENT', a.testEnvironmentDeliveredOn, actors.provider);
  if (a.testExtensionReason && a.testEnvironmentDeliveredOn) {
    add('RECORD_TEST_EXTENSION', addDays(a.testEnvironmentDeliveredOn, 28), actors.unit, a.testExtensionReason);
  }
  add('REQUEST_GO_LIVE', a.testEndedOn, actors.unit);
  add('CONFIRM_GO_LIVE', a.goLiveOn, actors.center);
  add('REPORT_TERMINATION', a.terminationReportedOn, actors.unit, a.terminationReason);
  add('CONFIRM_SHUTDOWN', a.shutdownConfirmedOn, actors.unit);
  add('CONFIRM_DATA_CLEARANCE', a.dataClearedOn, actors.provider);
  add('CONFIRM_RESOURCE_RECOVERY', a.resourcesRecoveredOn, actors.center);
  return events;
}

const MOVES: Partial<Record<LifecycleAction, ApplicationStatus>> = {
  CREATE: 'DRAFT',
  SUBMIT: 'SUBMITTED',
  FILE: 'FILED',
  ACCEPT: 'ACCEPTED',
  REJECT: 'REJECTED',
  RECORD_PROCUREMENT: 'PROCURED',
  DELIVER_TEST_ENVIRONMENT: 'TESTING',
  CONFIRM_GO_LIVE: 'IN_PRODUCTION',
  REPORT_TERMINATION: 'TERMINATING',
};

function statusAfter(action: LifecycleAction, status: ApplicationStatus | null, a: ApplicationRecord): ApplicationStatus {
  if (action === 'CONFIRM_RESOURCE_RECOVERY' && a.terminatedOn) return 'TERMINATED';
  return MOVES[action] ?? status ?? 'DRAFT';
}
