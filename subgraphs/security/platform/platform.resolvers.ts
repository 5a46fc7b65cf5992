// Provider platform security (第二十条): the profile's computed compliance and history, drills and
// bulletins, Provider's platform fields, and the mutations, each through the mutation pipeline
// (kit/mutation.ts): role, input, the locked record at the caller's version, the work and its audit
// entry in one transaction, so a refusal changes nothing.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { requireUuid } from '../../kit/ids';
import { findInScope } from '../../kit/lookup';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type {
  BulletinIssuer,
  MutationAcknowledgeSecurityBulletinArgs,
  MutationIssueSecurityBulletinArgs,
  MutationRecordCybersecurityReviewArgs,
  MutationRecordDisasterRecoveryDrillArgs,
  MutationRecordPlatformMlpsArgs,
  MutationResolvers,
  Resolvers,
} from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { recordDrill } from './disaster-recovery-drill.service';
import { audienceSeesProvider, platformAudienceOf } from './platform-audience';
import { parseBulletinInput, parseCybersecurityReviewInput, parseDrillInput, parsePlatformMlpsInput } from './platform.inputs';
import { article20GapsOf, drilledWithinInterval, nextDrillDueOn, reviewIsValid, reviewValidUntil } from './platform.rules';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import { recordCybersecurityReview, recordPlatformMlps } from './provider-security-profile.service';
import { SecurityBulletinEntity } from './security-bulletin.entity';
import { acknowledgeBulletin, isAddressee, issueBulletin, SecurityBulletinService } from './security-bulletin.service';

interface ProviderReference {
  id: string;
}

/** The last drill of a provider the caller may see; undefined when it may not (the fields then read null). */
async function lastDrillSeenBy(provider: ProviderReference, ctx: SecurityContext): Promise<string | null | undefined> {
  if (!audienceSeesProvider(platformAudienceOf(ctx.principal, ctx.scope), provider.id)) return undefined;
  return (await ctx.loaders.lastDrillByProviderId.load(provider.id))?.lastOn ?? null;
}

/** The platform's own MLPS record and review are the authorities' findings, never the provider's say. */
const RECORDERS = [Role.BUREAU, Role.CYBERSEC];

/**
 * The profile a record changes, at the version the caller read. The recorders are city-wide roles,
 * so every platform's profile is within their scope.
 */
const lockProfile = (input: { providerId: string; version: number }): LockTarget<ProviderSecurityProfileEntity> => ({
  entity: ProviderSecurityProfileEntity,
  id: input.providerId,
  what: '服务商平台安全资质',
  version: input.version,
  conflictMessage: '平台安全资质已被他人修改，请刷新后按最新版本重试',
});

const platformMutations = {
  recordPlatformMlps: mutation({
    roles: RECORDERS,
    input: (args: MutationRecordPlatformMlpsArgs) => parsePlatformMlpsInput(args.input, todayInChina()),
    lock: lockProfile,
    run: (tx, input, profile) => recordPlatformMlps(tx.manager, profile, input, tx.principal),
  }),

  recordCybersecurityReview: mutation({
    roles: RECORDERS,
    input: (args: MutationRecordCybersecurityReviewArgs) => parseCybersecurityReviewInput(args.input, todayInChina()),
    lock: lockProfile,
    run: (tx, input, profile) => recordCybersecurityReview(tx.manager, profile, input, tx.principal),
  }),

  /** A provider, for its own platform: the provider is the caller's, never an argument. */
  recordDisasterRecoveryDrill: mutation({
    roles: [Role.PROVIDER],
    input: (args: MutationRecordDisasterRecoveryDrillArgs) => parseDrillInput(args.input, todayInChina()),
    run: (tx, input) => recordDrill(tx.manager, tx.principal.providerId!, input, tx.principal.subject),
  }),

  issueSecurityBulletin: mutation({
    roles: RECORDERS,
    input: (args: MutationIssueSecurityBulletinArgs) => parseBulletinInput(args.input),
    targets: (input) => [input.providerId],
    run: (tx, input) =>
      issueBulletin(tx.manager, input, { subject: tx.principal.subject, role: tx.principal.role as BulletinIssuer }, tx.today),
  }),

  /** Only an addressee acknowledges; a bulletin to another provider is NOT_FOUND, as for one that does not exist. */
  acknowledgeSecurityBulletin: mutation({
    roles: [Role.PROVIDER],
    input: (args: MutationAcknowledgeSecurityBulletinArgs) => ({ id: requireUuid(args.id, 'id') }),
    lock: (input, ctx: SecurityContext) => ({
      entity: SecurityBulletinEntity,
      id: input.id,
      what: '安全通报',
      visible: (bulletin: SecurityBulletinEntity) => isAddressee(bulletin, ctx.principal.providerId),
    }),
    run: (tx, _input, bulletin) =>
      acknowledgeBulletin(tx.manager, bulletin, { providerId: tx.principal.providerId!, subject: tx.principal.subject }),
  }),
} satisfies MutationResolvers;

const bulletinsOf = (ctx: SecurityContext) => new SecurityBulletinService(ctx.dataSource, platformAudienceOf(ctx.principal, ctx.scope));

export const platformResolvers = {
  Query: {
    securityBulletins: (_, args, ctx) => bulletinsOf(ctx).list(args),

    securityBulletin: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.securityBulletinById.load(key)),
  },

  Mutation: platformMutations,

  /**
   * The providers subgraph owns Provider; here it gains its platform's security profile (第七条), its
   * disaster-recovery drills and its security bulletins (第二十条), each through a per-request loader.
   */
  Provider: {
    securityProfile: (provider, _, ctx) => ctx.loaders.securityProfileByProviderId.load(provider.id),

    disasterRecoveryDrills: (provider, args, ctx) => ctx.loaders.drillPagesByProviderId.load(childPage(provider.id, args)),

    lastDisasterRecoveryDrillOn: async (provider, _, ctx) => (await lastDrillSeenBy(provider, ctx)) ?? null,

    drilledWithinLast12Months: async (provider, _, ctx) => {
      const last = await lastDrillSeenBy(provider, ctx);
      return last === undefined ? null : drilledWithinInterval(last, todayInChina());
    },

    nextDisasterRecoveryDrillDueOn: async (provider, _, ctx) => {
      const last = await lastDrillSeenBy(provider, ctx);
      return last === undefined ? null : nextDrillDueOn(last);
    },

    securityBulletins: (provider, args, ctx) => ctx.loaders.bulletinPagesByProviderId.load(childPage(provider.id, args)),

    unacknowledgedSecurityBulletins: (provider, args, ctx) =>
      ctx.loaders.unacknowledgedBulletinPagesByProviderId.load(childPage(provider.id, args)),
  },

  ProviderSecurityProfile: {
    provider: (profile) => ({ id: profile.providerId }),
    platformMlpsAssessedOn: (profile) => profile.platformMlpsAssessedOn ?? null,
    platformMlpsAssessmentConclusion: (profile) => profile.platformMlpsAssessmentConclusion ?? null,
    cybersecurityReviewValidUntil: (profile) =>
      reviewValidUntil(profile.cybersecurityReviewPassedOn, profile.cybersecurityReviewValidUntil),
    cybersecurityReviewValid: (profile) =>
      reviewIsValid(profile.cybersecurityReviewPassedOn, profile.cybersecurityReviewValidUntil, todayInChina()),
    meetsArticle20: (profile) => article20GapsOf(profile, todayInChina()).length === 0,
    article20Gaps: (profile) => article20GapsOf(profile, todayInChina()),
    version: (profile) => profile.version ?? 1,
    // In version order: each change bumps the version, so it is the order they happened in.
    changes: (profile, args, ctx) => ctx.loaders.platformChangePagesByProviderId.load(childPage(profile.providerId, args)),
  },

  DisasterRecoveryDrill: {
    provider: (drill) => ({ id: drill.providerId }),
  },

  SecurityBulletin: {
    __resolveReference: (reference, ctx) => ctx.loaders.securityBulletinById.load(reference.id),
    addressee: (bulletin) => (bulletin.providerId ? { id: bulletin.providerId } : null),
    toAllProviders: (bulletin) => bulletin.providerId === null,
    issuer: (bulletin) => bulletin.issuerRole,
    acknowledgements: (bulletin, args, ctx) => ctx.loaders.acknowledgementPagesByBulletinId.load(childPage(bulletin.id, args)),
  },

  BulletinAcknowledgement: {
    provider: (ack) => ({ id: ack.providerId }),
  },
} satisfies Resolvers;
