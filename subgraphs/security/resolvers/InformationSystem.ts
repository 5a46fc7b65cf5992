import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import type { SecurityContext } from '../loaders';
import { assessmentDueOf } from './mlps-schedule';

interface SystemReference {
  id: string;
}

/**
 * The applications subgraph owns systems and decides which a principal may see; here a reference
 * is only a key, and each field below is scoped by its own loader, so an out-of-scope system shows
 * no MLPS record and no agreements.
 */
export const InformationSystem = {
  __resolveReference: (reference: SystemReference): SystemReference => ({ id: reference.id }),
  mlps: (system: SystemReference, _: unknown, ctx: SecurityContext) => ctx.loaders.mlpsRecordBySystemId.load(system.id),
  /** MLPS_6M: null when the system is out of scope or nothing is due. */
  nextAssessmentDueOn: async (system: SystemReference, _: unknown, ctx: SecurityContext) =>
    (await assessmentDueOf(ctx, system.id))?.nextAssessmentDueOn ?? null,
  assessmentOverdue: async (system: SystemReference, _: unknown, ctx: SecurityContext) =>
    (await assessmentDueOf(ctx, system.id))?.assessmentOverdue ?? null,
  securityAgreements: async (system: SystemReference, args: ConnectionArgs, ctx: SecurityContext) =>
    connectionFromArray(await ctx.loaders.securityAgreementsBySystemId.load(system.id), args, (agreement) => agreement.number),
};
