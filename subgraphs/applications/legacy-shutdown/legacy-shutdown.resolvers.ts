// LEGACY_3M (第十四条): the old system's shutdown, recorded by the unit and confirmed by the centre.
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { legacyShutdownDaysLate, legacyShutdownDue } from '../lifecycle/deadlines.rules';
import { optionalReason } from '../lifecycle/lifecycle.inputs';
import type {
  InformationSystemResolvers,
  LegacyShutdownResolvers,
  MutationConfirmLegacyShutdownArgs,
  MutationRecordLegacyShutdownArgs,
  Resolvers,
} from '../generated/graphql';
import { alwaysVisible, type ApplicationsContext } from '../loaders';
import type { InformationSystemEntity } from '../systems/information-system.entity';
import type { LegacyShutdownEntity } from './legacy-shutdown.entity';
import type { LegacyShutdownClaim } from './legacy-shutdown.rules';
import { confirmLegacyShutdown, recordLegacyShutdown, systemTarget } from './legacy-shutdown.service';

type RecordInput = LegacyShutdownClaim & { systemId: string };

const Mutation = {
  recordLegacyShutdown: mutation<
    ApplicationsContext,
    MutationRecordLegacyShutdownArgs,
    RecordInput,
    InformationSystemEntity,
    LegacyShutdownEntity
  >({
    roles: [Role.USER_UNIT],
    input: ({ input }) => ({
      systemId: input.systemId,
      shutdownOn: input.shutdownOn,
      note: optionalReason(input.note, 'note', '说明'),
      evidenceReference: optionalReason(input.evidenceReference, 'evidenceReference', '证明材料编号'),
    }),
    targets: (input) => [input.systemId],
    lock: (input, ctx) => systemTarget(input.systemId, ctx.scope),
    run: (tx, { systemId: _, ...claim }, system) => recordLegacyShutdown(tx, system, claim),
  }),

  confirmLegacyShutdown: mutation<
    ApplicationsContext,
    MutationConfirmLegacyShutdownArgs,
    MutationConfirmLegacyShutdownArgs,
    InformationSystemEntity,
    LegacyShutdownEntity
  >({
    roles: [Role.CENTER],
    targets: (input) => [input.systemId],
    lock: (input, ctx) => systemTarget(input.systemId, ctx.scope),
    run: (tx, input, system) => confirmLegacyShutdown(tx, system, input.version ?? null),
  }),
};

/** The system's due date gives the record its lateness; the system is the record's parent or its key. */
async function systemOf(shutdown: LegacyShutdownEntity, ctx: ApplicationsContext): Promise<InformationSystemEntity | null> {
  return ctx.loaders.systemById.load(shutdown.systemId);
}

const LegacyShutdown = {
  // A shutdown is reached through its visible system, so that system is always visible.
  system: (shutdown, _, ctx) => alwaysVisible(systemOf(shutdown, ctx)),
  dueOn: async (shutdown: LegacyShutdownEntity, _: unknown, ctx: ApplicationsContext) =>
    legacyShutdownDue('MIGRATION', (await systemOf(shutdown, ctx))?.goLiveOn ?? null),
  late: async (shutdown: LegacyShutdownEntity, _: unknown, ctx: ApplicationsContext) => {
    const due = legacyShutdownDue('MIGRATION', (await systemOf(shutdown, ctx))?.goLiveOn ?? null);
    return due !== null && shutdown.shutdownOn > due;
  },
  daysLate: async (shutdown: LegacyShutdownEntity, _: unknown, ctx: ApplicationsContext) =>
    legacyShutdownDaysLate(legacyShutdownDue('MIGRATION', (await systemOf(shutdown, ctx))?.goLiveOn ?? null), shutdown.shutdownOn) ?? 0,
} satisfies LegacyShutdownResolvers;

const InformationSystem = {
  legacyShutdown: (system: InformationSystemEntity, _: unknown, ctx: ApplicationsContext) =>
    ctx.loaders.legacyShutdownBySystemId.load(system.id),
} satisfies InformationSystemResolvers;

export const legacyShutdownResolvers = { Mutation, LegacyShutdown, InformationSystem } satisfies Resolvers;
