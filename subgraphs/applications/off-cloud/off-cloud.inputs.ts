// Reading and checking the off-cloud mutations' arguments (第三条): BAD_USER_INPUT naming the field,
// before anything is read or written. The ON_CLOUD rules that need no database are checked here too.
import { BadUserInputError } from '../../kit/errors';
import { parseOptionalId, requireUuid } from '../../kit/ids';
import type {
  MutationClaimOffCloudExemptionArgs,
  MutationDecideOffCloudExemptionArgs,
  MutationRecordOffCloudSystemMovedArgs,
  MutationSetOffCloudMigrationPlanArgs,
  RegisterOffCloudSystemInput,
} from '../generated/graphql';
import { optionalReason, requireReason } from '../lifecycle/lifecycle.inputs';
import { assertPlanOrExemption, requireLegalBasis } from './off-cloud.rules';

function requireText(value: string, field: string, label: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new BadUserInputError(`须填写${label}（${field}）`, field);
  if (text.length > max) throw new BadUserInputError(`${label}（${field}）不能超过 ${max} 字`, field);
  return text;
}

export interface ParsedRegistration {
  unitId: string | null;
  name: string;
  description: string;
  currentLocation: string;
  targetOn: string | null;
  plan: string | null;
  /** As given: checked by the rule (registrationClaim) once the caller's scope is. */
  exemptionLegalBasis: string | null;
}

export function parseRegistration(input: RegisterOffCloudSystemInput): ParsedRegistration {
  return {
    unitId: parseOptionalId(input.unitId, 'unitId'),
    name: requireText(input.name, 'name', '系统名称', 200),
    description: requireText(input.description, 'description', '系统说明', 1000),
    currentLocation: requireText(input.currentLocation, 'currentLocation', '现运行环境', 200),
    targetOn: input.targetOn ?? null,
    plan: optionalReason(input.plan, 'plan', '迁移计划说明'),
    exemptionLegalBasis: input.exemptionLegalBasis ?? null,
  };
}

/** ON_CLOUD: a plan or a claim, and a claim given cites its basis; the citation, or null when none is claimed. */
export function registrationClaim(input: ParsedRegistration): string | null {
  assertPlanOrExemption(input.targetOn, input.exemptionLegalBasis);
  return input.exemptionLegalBasis === null ? null : requireLegalBasis(input.exemptionLegalBasis);
}

export const parsePlan = (args: MutationSetOffCloudMigrationPlanArgs) => ({
  ...args,
  plan: optionalReason(args.plan, 'plan', '迁移计划说明'),
});

export const parseClaim = (args: MutationClaimOffCloudExemptionArgs) => ({ ...args, legalBasis: requireLegalBasis(args.legalBasis) });

export const parseDecision = (args: MutationDecideOffCloudExemptionArgs) => ({
  ...args,
  reason: args.accept ? optionalReason(args.reason, 'reason', '认定理由') : requireReason(args.reason, 'reason', '不予认可的理由'),
});

export function parseMove(args: MutationRecordOffCloudSystemMovedArgs) {
  const systemId = parseOptionalId(args.systemId, 'systemId');
  const applicationId = parseOptionalId(args.applicationId, 'applicationId');
  if ((systemId === null) === (applicationId === null)) {
    throw new BadUserInputError('须指明替代它的政务信息系统（systemId）或上云申请（applicationId），二者给一', 'systemId');
  }
  return { id: requireUuid(args.id, 'id'), version: args.version, systemId, applicationId, movedOn: args.movedOn };
}
