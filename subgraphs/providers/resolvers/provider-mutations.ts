// Mutations on providers, agreements and exits, each through the kit's pipeline (kit/mutation.ts):
// role, input, scope, the locked provider or exit, the rules and writes, and the audit entry.
import { ForbiddenError } from '../../kit/errors';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { ProviderEntity, ProviderExitEntity } from '../entities';
import { signCityAgreement, signCountyAgreement, type CityAgreementInput, type CountyAgreementInput } from '../services/agreement.service';
import {
  parseCityAgreementInput,
  parseCountyAgreementInput,
  parseExitInput,
  parseQualificationInput,
  type ExitArgs,
  type QualificationInput,
} from '../services/mutation-inputs';
import type { MigrationProgressPortFor } from '../services/migration-progress-port';
import { completeProviderExit, PROVIDER_EXIT, startProviderExit } from '../services/provider-exit.service';
import { designateProvider, PROVIDER, updateProviderQualification } from '../services/provider.service';
import { actorOf, type ProvidersContext } from './context';

const providerTarget = (id: string) => ({ entity: ProviderEntity, id, what: PROVIDER });

/** `migrationProgressFor` asks the applications subgraph, which owns migrations, how far an exit's are. */
export function createProviderMutations(migrationProgressFor: MigrationProgressPortFor) {
  return {
    designateProvider: mutation({
      roles: [Role.BUREAU],
      lock: (args: { id: string }) => providerTarget(args.id),
      run: (tx, _args, provider) => designateProvider(tx.manager, provider, tx.today),
    }),

    updateProviderQualification: mutation({
      roles: [Role.BUREAU],
      input: (args: { id: string; input: QualificationInput }) => ({ id: args.id, patch: parseQualificationInput(args.input) }),
      lock: (input) => providerTarget(input.id),
      run: (tx, input, provider) => updateProviderQualification(tx.manager, provider, input.patch),
    }),

    /** The provider is locked so that two signings with it serialise (overlap and number checks). */
    signCityAgreement: mutation({
      roles: [Role.BUREAU],
      input: (args: { input: CityAgreementInput }) => parseCityAgreementInput(args.input),
      lock: (input) => providerTarget(input.providerId),
      run: (tx, input, provider) => signCityAgreement(tx.manager, provider, input, actorOf(tx), tx.today),
    }),

    /** Only the county's own authority signs for the county (COUNTY_MATCHES_CITY does the rest). */
    signCountyAgreement: mutation({
      roles: [Role.COUNTY_AUTHORITY],
      input: (args: { input: CountyAgreementInput }) => parseCountyAgreementInput(args.input),
      authorize: (input, ctx: ProvidersContext) => {
        if (ctx.scope.kind !== 'REGION' || ctx.scope.regionCode !== input.regionCode) {
          throw new ForbiddenError(
            `县级主管部门只能为本县签订协议，不能为 ${input.regionCode} 签订 (a county signs for its own county only)`,
          );
        }
      },
      targets: (input) => [input.cityAgreementId],
      run: (tx, input) => signCountyAgreement(tx.manager, input, actorOf(tx), tx.today),
    }),

    startProviderExit: mutation({
      roles: [Role.BUREAU],
      input: (args: { input: ExitArgs }) => parseExitInput(args.input),
      lock: (input) => providerTarget(input.providerId),
      run: (tx, input, provider) => startProviderExit(tx.manager, provider, input, actorOf(tx)),
    }),

    completeProviderExit: mutation({
      roles: [Role.BUREAU, Role.CENTER],
      lock: (args: { exitId: string }) => ({ entity: ProviderExitEntity, id: args.exitId, what: PROVIDER_EXIT }),
      run: (tx, _args, exit, ctx: ProvidersContext) =>
        completeProviderExit(tx.manager, exit, actorOf(tx), tx.today, migrationProgressFor(ctx.principal)),
    }),
  };
}
