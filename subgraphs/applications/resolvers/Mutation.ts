// Lifecycle mutations: thin. Each checks the role first (FORBIDDEN), then runs its service in one
// transaction, where input, ownership, version (CONFLICT), state and rules are checked before any write.
import type { EntityManager } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import type { Principal } from '../../kit/principal';
import type { ApplicationEntity } from '../entities/application.entity';
import type { ApplicationsContext } from '../loaders';
import { assertRoleMay, type LifecycleAction } from '../rules/lifecycle';
import type { ProviderCatalogPort } from '../services/catalog-port';
import type { DesignationPortFor } from '../services/designation-port';
import type { SecurityAgreementPortFor } from '../services/security-agreement-port';
import { decideApplication, fileApplication } from '../services/decision.service';
import {
  createApplication,
  submitApplication,
  updateApplicationDraft,
  withdrawApplication,
  type CreateApplicationInput,
  type DraftPatch,
} from '../services/draft.service';
import { confirmTerminationStep, decideChange, reportTermination, requestChange } from '../services/ending.service';
import type { ConcludedPriceInput } from '../services/inputs';
import {
  checkAndRecordProcurement,
  confirmGoLive,
  deliverTestEnvironment,
  recordTestExtension,
  requestGoLive,
} from '../services/operation.service';

interface Target {
  id: string;
  version: number;
}

type Work = (manager: EntityManager, principal: Principal, today: string) => Promise<ApplicationEntity>;

/** Role first, then everything else in one transaction. */
function run(ctx: ApplicationsContext, action: LifecycleAction, work: Work): Promise<ApplicationEntity> {
  assertRoleMay(ctx.principal.role, action);
  return inTransaction(ctx.dataSource, (manager) => work(manager, ctx.principal, todayInChina()));
}

type Resolver<A> = (_: unknown, args: A, ctx: ApplicationsContext) => Promise<ApplicationEntity>;

function step<A extends Target>(
  action: LifecycleAction,
  work: (m: EntityManager, p: Principal, a: A, today: string) => Promise<ApplicationEntity>,
): Resolver<A> {
  return (_, args, ctx) => run(ctx, action, (manager, principal, today) => work(manager, principal, args, today));
}

/** The ports reach the providers subgraph, per request: caps and CAP_LOWERS (第八条), DESIGNATED_PROVIDER (第十一条). */
export interface MutationPorts {
  catalogPortFor: (principal: Principal) => ProviderCatalogPort;
  designationPortFor: DesignationPortFor;
  /** The security subgraph's answer for SECURITY_AGREEMENT (第二十二条). */
  securityAgreementPortFor: SecurityAgreementPortFor;
}

export function createMutation({ catalogPortFor, designationPortFor, securityAgreementPortFor }: MutationPorts) {
  return {
    createApplication: (_: unknown, args: { input: CreateApplicationInput }, ctx: ApplicationsContext) =>
      run(ctx, 'CREATE', (manager, principal, today) =>
        createApplication(manager, principal, args.input, today, designationPortFor(principal)),
      ),
    updateApplicationDraft: step<Target & { input: DraftPatch }>('UPDATE_DRAFT', (m, p, a) =>
      updateApplicationDraft(m, p, a.id, a.version, a.input),
    ),
    submitApplication: step<Target>('SUBMIT', (m, p, a, today) => submitApplication(m, p, a.id, a.version, today, designationPortFor(p))),
    withdrawApplication: step<Target & { reason: string }>('WITHDRAW', (m, p, a) => withdrawApplication(m, p, a.id, a.version, a.reason)),
    fileApplication: step<Target>('FILE', (m, p, a, today) => fileApplication(m, p, a.id, a.version, today)),
    acceptApplication: step<Target>('ACCEPT', (m, p, a, today) =>
      decideApplication(m, p, a.id, a.version, today, { accept: true, securityAgreements: securityAgreementPortFor(p) }),
    ),
    rejectApplication: step<Target & { reason: string }>('REJECT', (m, p, a, today) =>
      decideApplication(m, p, a.id, a.version, today, { accept: false, reason: a.reason }),
    ),
    recordProcurement: step<Target & { prices: ConcludedPriceInput[] }>('RECORD_PROCUREMENT', (m, p, a, today) =>
      checkAndRecordProcurement(m, p, a.id, a.version, a.prices, today, catalogPortFor(p)),
    ),
    deliverTestEnvironment: step<Target>('DELIVER_TEST_ENVIRONMENT', (m, p, a, today) =>
      deliverTestEnvironment(m, p, a.id, a.version, today),
    ),
    recordTestExtension: step<Target & { reason: string }>('RECORD_TEST_EXTENSION', (m, p, a) =>
      recordTestExtension(m, p, a.id, a.version, a.reason),
    ),
    requestGoLive: step<Target>('REQUEST_GO_LIVE', (m, p, a, today) => requestGoLive(m, p, a.id, a.version, today)),
    confirmGoLive: step<Target>('CONFIRM_GO_LIVE', (m, p, a, today) => confirmGoLive(m, p, a.id, a.version, today)),
    requestChange: step<Target & { description: string }>('REQUEST_CHANGE', (m, p, a) =>
      requestChange(m, p, a.id, a.version, a.description),
    ),
    approveChange: (_: unknown, a: { changeRequestId: string; version: number; reason?: string | null }, ctx: ApplicationsContext) =>
      run(ctx, 'APPROVE_CHANGE', (m, p) => decideChange(m, p, a.changeRequestId, a.version, { approve: true, reason: a.reason })),
    rejectChange: (_: unknown, a: { changeRequestId: string; version: number; reason: string }, ctx: ApplicationsContext) =>
      run(ctx, 'REJECT_CHANGE', (m, p) => decideChange(m, p, a.changeRequestId, a.version, { approve: false, reason: a.reason })),
    reportTermination: step<Target & { reason: string }>('REPORT_TERMINATION', (m, p, a, today) =>
      reportTermination(m, p, a.id, a.version, a.reason, today),
    ),
    confirmShutdown: step<Target>('CONFIRM_SHUTDOWN', (m, p, a, today) => confirmTerminationStep(m, p, a.id, a.version, 'SHUTDOWN', today)),
    confirmDataClearance: step<Target>('CONFIRM_DATA_CLEARANCE', (m, p, a, today) =>
      confirmTerminationStep(m, p, a.id, a.version, 'DATA_CLEARANCE', today),
    ),
    confirmResourceRecovery: step<Target>('CONFIRM_RESOURCE_RECOVERY', (m, p, a, today) =>
      confirmTerminationStep(m, p, a.id, a.version, 'RESOURCE_RECOVERY', today),
    ),
  };
}
