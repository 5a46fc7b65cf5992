// Lifecycle mutations (第十条–第十五条), each declared with the kit's pipeline: the step's roles from
// the lifecycle table (FORBIDDEN), its arguments (BAD_USER_INPUT), the application locked at the
// caller's version in one transaction (NOT_FOUND out of scope, CONFLICT when stale), then the
// service's rules and writes, and the audit entry. The services never lock or check a version.
import { mutation, type MutationTransaction } from '../../kit/mutation';
import type { Principal } from '../../kit/principal';
import type {
  CreateApplicationInput,
  MutationCreateApplicationArgs,
  MutationRecordProcurementArgs,
  MutationRenegotiateResourceLinePriceArgs,
  MutationResolvers,
  MutationUpdateApplicationDraftArgs,
  LifecycleAction,
  TerminationStep,
} from '../generated/graphql';
import type { ApplicationEntity } from './application.entity';
import type { ApplicationsContext } from '../loaders';
import { rolesOf } from './lifecycle.rules';
import { applicationTarget } from './application-write.service';
import type { ProviderCatalogPort } from './catalog-port';
import { decideApplication, fileApplication } from './decision.service';
import type { DesignationPortFor } from './designation-port';
import {
  createApplication,
  discardApplicationDraft,
  parseCreateApplication,
  parseDraftPatch,
  submitApplication,
  updateApplicationDraft,
  withdrawApplication,
} from './draft.service';
import { confirmTerminationStep, reportTermination, TERMINATION_STEP_ACTIONS } from './termination.service';
import { parseConcludedPrices, requireReason } from './lifecycle.inputs';
import { checkAndRecordProcurement, confirmGoLive, deliverTestEnvironment, recordTestExtension, requestGoLive } from './operation.service';
import type { SecurityAgreementPortFor } from './security-agreement-port';
import { renegotiateLinePrice } from './price-above-cap.service';

export interface Target {
  id: string;
  version: number;
}

/**
 * A step on one application: `input` checks the arguments beyond the target (defaults to none),
 * `run` gets the locked application. The trail names the application even when the step is refused.
 */
export function step<Args extends Target, Input extends Target = Args>(
  action: LifecycleAction,
  definition: {
    input?: (args: Args) => Input;
    run: (tx: MutationTransaction, input: Input, application: ApplicationEntity) => Promise<ApplicationEntity>;
  },
) {
  return mutation<ApplicationsContext, Args, Input, ApplicationEntity, ApplicationEntity>({
    roles: rolesOf(action),
    input: definition.input ?? ((args) => args as unknown as Input),
    targets: (input) => [input.id],
    lock: (input, ctx) => applicationTarget(input, ctx.scope),
    run: definition.run,
  });
}

/** A step whose only argument besides the target is a text the policy asks for (BAD_USER_INPUT when blank). */
export function reasonedStep<Field extends 'reason' | 'description'>(
  action: LifecycleAction,
  field: Field,
  label: string,
  run: (tx: MutationTransaction, application: ApplicationEntity, text: string) => Promise<ApplicationEntity>,
) {
  return step<Target & Record<Field, string>, Target & { text: string }>(action, {
    input: (args) => ({ id: args.id, version: args.version, text: requireReason(args[field], field, label) }),
    run: (tx, input, application) => run(tx, application, input.text),
  });
}

function terminationStep(which: TerminationStep) {
  return step<Target>(TERMINATION_STEP_ACTIONS[which], {
    run: (tx, _input, application) => confirmTerminationStep(tx, application, which),
  });
}

/** The ports reach the providers subgraph, per request: caps and CAP_LOWERS (第八条), DESIGNATED_PROVIDER (第十一条). */
export interface LifecyclePorts {
  catalogPortFor: (principal: Principal) => ProviderCatalogPort;
  designationPortFor: DesignationPortFor;
  /** The security subgraph's answer for SECURITY_AGREEMENT (第二十二条). */
  securityAgreementPortFor: SecurityAgreementPortFor;
}

export function createLifecycleMutations({ catalogPortFor, designationPortFor, securityAgreementPortFor }: LifecyclePorts) {
  return {
    createApplication: mutation<ApplicationsContext, MutationCreateApplicationArgs, CreateApplicationInput, undefined, ApplicationEntity>({
      roles: rolesOf('CREATE'),
      input: (args) => parseCreateApplication(args.input),
      targets: (input) => [input.systemId, input.providerId],
      run: (tx, input) => createApplication(tx, input, designationPortFor(tx.principal)),
    }),
    updateApplicationDraft: step<MutationUpdateApplicationDraftArgs, Target & { lines: ReturnType<typeof parseDraftPatch> }>(
      'UPDATE_DRAFT',
      {
        input: (args) => ({ id: args.id, version: args.version, lines: parseDraftPatch(args.input) }),
        run: (tx, input, application) =>
          updateApplicationDraft(tx, application, input.lines, designationPortFor(tx.principal), catalogPortFor(tx.principal)),
      },
    ),
    submitApplication: step<Target>('SUBMIT', {
      run: (tx, _input, application) => submitApplication(tx, application, designationPortFor(tx.principal)),
    }),
    withdrawApplication: reasonedStep('WITHDRAW', 'reason', '撤回理由', withdrawApplication),
    discardApplicationDraft: reasonedStep('DISCARD_DRAFT', 'reason', '放弃理由', discardApplicationDraft),
    fileApplication: step<Target>('FILE', { run: (tx, _input, application) => fileApplication(tx, application) }),
    acceptApplication: step<Target>('ACCEPT', {
      run: (tx, _input, application) =>
        decideApplication(tx, application, {
          accept: true,
          securityAgreements: securityAgreementPortFor(tx.principal),
          designations: designationPortFor(tx.principal),
        }),
    }),
    rejectApplication: reasonedStep('REJECT', 'reason', '不予受理理由', (tx, application, reason) =>
      decideApplication(tx, application, { accept: false, reason }),
    ),
    recordProcurement: step<MutationRecordProcurementArgs, Target & { byLine: Map<string, number> }>('RECORD_PROCUREMENT', {
      input: (args) => ({ id: args.id, version: args.version, byLine: parseConcludedPrices(args.prices) }),
      run: (tx, input, application) => checkAndRecordProcurement(tx, application, input.byLine, catalogPortFor(tx.principal)),
    }),
    renegotiateResourceLinePrice: step<MutationRenegotiateResourceLinePriceArgs, Target & { lineId: string; fen: number }>(
      'RENEGOTIATE_PRICE',
      {
        input: (args) => {
          const [[lineId, fen]] = [...parseConcludedPrices([args.price]).entries()] as [[string, number]];
          return { id: args.id, version: args.version, lineId, fen };
        },
        run: (tx, input, application) => renegotiateLinePrice(tx, application, input, catalogPortFor(tx.principal)),
      },
    ),
    deliverTestEnvironment: step<Target>('DELIVER_TEST_ENVIRONMENT', {
      run: (tx, _input, application) => deliverTestEnvironment(tx, application),
    }),
    recordTestExtension: reasonedStep('RECORD_TEST_EXTENSION', 'reason', '测试期延长理由', recordTestExtension),
    requestGoLive: step<Target>('REQUEST_GO_LIVE', { run: (tx, _input, application) => requestGoLive(tx, application) }),
    confirmGoLive: step<Target>('CONFIRM_GO_LIVE', {
      run: (tx, _input, application) => confirmGoLive(tx, application, securityAgreementPortFor(tx.principal)),
    }),
    reportTermination: reasonedStep('REPORT_TERMINATION', 'reason', '终止理由', reportTermination),
    confirmShutdown: terminationStep('SHUTDOWN'),
    confirmDataClearance: terminationStep('DATA_CLEARANCE'),
    confirmResourceRecovery: terminationStep('RESOURCE_RECOVERY'),
  } satisfies MutationResolvers;
}
