// Mutations on providers, agreements and exits. Each: role, then input, then rules and writes in one transaction.
import { inTransaction } from '../../kit/data-source';
import { ForbiddenError } from '../../kit/errors';
import { Role } from '../../kit/principal';
import { todayInChina } from '../../kit/dates';
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
import { completeProviderExit, startProviderExit } from '../services/provider-exit.service';
import { designateProvider, updateProviderQualification } from '../services/provider.service';
import { actorOf, requireRole, type ProvidersContext } from './context';

/** `migrationProgressFor` asks the applications subgraph, which owns migrations, how far an exit's are. */
export function createProviderMutations(migrationProgressFor: MigrationProgressPortFor) {
  return {
    designateProvider: (_: unknown, args: { id: string }, context: ProvidersContext) => {
      requireRole(context.principal, Role.BUREAU);
      return inTransaction(context.dataSource, (manager) => designateProvider(manager, args.id, todayInChina()));
    },

    updateProviderQualification: (_: unknown, args: { id: string; input: QualificationInput }, context: ProvidersContext) => {
      requireRole(context.principal, Role.BUREAU);
      const patch = parseQualificationInput(args.input);
      return inTransaction(context.dataSource, (manager) => updateProviderQualification(manager, args.id, patch));
    },

    signCityAgreement: (_: unknown, args: { input: CityAgreementInput }, context: ProvidersContext) => {
      requireRole(context.principal, Role.BUREAU);
      const input = parseCityAgreementInput(args.input);
      return inTransaction(context.dataSource, (manager) => signCityAgreement(manager, input, actorOf(context), todayInChina()));
    },

    /** Only the county's own authority signs for the county. */
    signCountyAgreement: (_: unknown, args: { input: CountyAgreementInput }, context: ProvidersContext) => {
      requireRole(context.principal, Role.COUNTY_AUTHORITY);
      if (context.principal.regionCode !== args.input.regionCode) throw new ForbiddenError();
      const input = parseCountyAgreementInput(args.input);
      return inTransaction(context.dataSource, (manager) => signCountyAgreement(manager, input, actorOf(context), todayInChina()));
    },

    startProviderExit: (_: unknown, args: { input: ExitArgs }, context: ProvidersContext) => {
      requireRole(context.principal, Role.BUREAU);
      const input = parseExitInput(args.input);
      return inTransaction(context.dataSource, (manager) => startProviderExit(manager, input, actorOf(context)));
    },

    completeProviderExit: (_: unknown, args: { exitId: string }, context: ProvidersContext) => {
      requireRole(context.principal, Role.BUREAU, Role.CENTER);
      return inTransaction(context.dataSource, (manager) =>
        completeProviderExit(manager, args.exitId, actorOf(context), todayInChina(), migrationProgressFor(context.principal)),
      );
    },
  };
}
