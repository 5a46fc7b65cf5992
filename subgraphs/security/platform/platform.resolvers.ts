// Provider platform security (第二十条): the profile's computed compliance and history, drills and
// bulletins, Provider's platform fields, and the mutations, each through the mutation pipeline
// (kit/mutation.ts): role, input, the locked record at the caller's version, the work and its audit
// entry in one transaction, so a refusal changes nothing.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { requireUuid } from '../../kit/ids';
import { findInScope } from '../../kit/lookup';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import type { SecurityContext } from '../loaders';
import type { DisasterRecoveryDrillEntity } from './disaster-recovery-drill.entity';
import { recordDrill } from './disaster-recovery-drill.service';
import type { PlatformSecurityChangeEntity } from './platform-security-change.entity';
import { audienceSeesProvider, platformAudienceOf } from './platform-audience';
import {
  parseBulletinInput,
  parseCybersecurityReviewInput,
  parseDrillInput,
  parsePlatformMlpsInput,
  type BulletinInput,
  type CybersecurityReviewInput,
  type DrillInput,
  type PlatformMlpsInput,
} from './platform.inputs';
import { article20GapsOf, drilledWithinInterval, lastDrillOn, nextDrillDueOn, reviewIsValid, reviewValidUntil } from './platform.rules';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import { recordCybersecurityReview, recordPlatformMlps } from './provider-security-profile.service';
import type { SecurityBulletinAcknowledgementEntity } from './security-bulletin-acknowledgement.entity';
import { SecurityBulletinEntity, type BulletinIssuer } from './security-bulletin.entity';
import {
  acknowledgeBulletin,
  isAddressee,
  issueBulletin,
  SecurityBulletinService,
  type BulletinListArgs,
} from './security-bulletin.service';

interface ProviderReference {
  id: string;
}

/** The last drill of a provider the caller may see; undefined when it may not (the fields then read null). */
async function lastDrillSeenBy(provider: ProviderReference, ctx: SecurityContext): Promise<string | null | undefined> {
  if (!audienceSeesProvider(platformAudienceOf(ctx.principal, ctx.scope), provider.id)) return undefined;
  return lastDrillOn(await ctx.loaders.drillsByProviderId.load(provider.id));
}

/** The platform's own MLPS record and review are the authorities' findings, never the provider's say. */
const RECORDERS = [Role.BUREAU, Role.CYBERSEC];

type Input<T> = { input: { [K in keyof T]?: T[K] | null } };

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
    input: (args: Input<PlatformMlpsInput>) => parsePlatformMlpsInput(args.input, todayInChina()),
    lock: lockProfile,
    run: (tx, input, profile) => recordPlatformMlps(tx.manager, profile, input, tx.principal),
  }),

  recordCybersecurityReview: mutation({
    roles: RECORDERS,
    input: (args: Input<CybersecurityReviewInput>) => parseCybersecurityReviewInput(args.input, todayInChina()),
    lock: lockProfile,
    run: (tx, input, profile) => recordCybersecurityReview(tx.manager, profile, input, tx.principal),
  }),

  /** A provider, for its own platform: the provider is the caller's, never an argument. */
  recordDisasterRecoveryDrill: mutation({
    roles: [Role.PROVIDER],
    input: (args: Input<DrillInput>) => parseDrillInput(args.input, todayInChina()),
    run: (tx, input) => recordDrill(tx.manager, tx.principal.providerId!, input, tx.principal.subject),
  }),

  issueSecurityBulletin: mutation({
    roles: RECORDERS,
    input: (args: Input<BulletinInput>) => parseBulletinInput(args.input),
    targets: (input) => [input.providerId],
    run: (tx, input) =>
      issueBulletin(tx.manager, input, { subject: tx.principal.subject, role: tx.principal.role as BulletinIssuer }, tx.today),
  }),

  /** Only an addressee acknowledges; a bulletin to another provider is NOT_FOUND, as for one that does not exist. */
  acknowledgeSecurityBulletin: mutation({
    roles: [Role.PROVIDER],
    input: (args: { id: string }) => ({ id: requireUuid(args.id, 'id') }),
    lock: (input, ctx: SecurityContext) => ({
      entity: SecurityBulletinEntity,
      id: input.id,
      what: '安全通报',
      visible: (bulletin: SecurityBulletinEntity) => isAddressee(bulletin, ctx.principal.providerId),
    }),
    run: (tx, _input, bulletin) =>
      acknowledgeBulletin(tx.manager, bulletin, { providerId: tx.principal.providerId!, subject: tx.principal.subject }),
  }),
};

const bulletinsOf = (ctx: SecurityContext) => new SecurityBulletinService(ctx.dataSource, platformAudienceOf(ctx.principal, ctx.scope));

export const platformResolvers = {
  Query: {
    securityBulletins: (_: unknown, args: BulletinListArgs, ctx: SecurityContext) => bulletinsOf(ctx).list(args),

    securityBulletin: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.securityBulletinById.load(key)),
  },

  Mutation: platformMutations,

  /**
   * The providers subgraph owns Provider; here it gains its platform's security profile (第七条), its
   * disaster-recovery drills and its security bulletins (第二十条), each through a per-request loader.
   */
  Provider: {
    securityProfile: (provider: ProviderReference, _: unknown, ctx: SecurityContext) =>
      ctx.loaders.securityProfileByProviderId.load(provider.id),

    disasterRecoveryDrills: async (provider: ProviderReference, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.drillsByProviderId.load(provider.id), args, (drill) => drill.drilledOn),

    lastDisasterRecoveryDrillOn: async (provider: ProviderReference, _: unknown, ctx: SecurityContext) =>
      (await lastDrillSeenBy(provider, ctx)) ?? null,

    drilledWithinLast12Months: async (provider: ProviderReference, _: unknown, ctx: SecurityContext) => {
      const last = await lastDrillSeenBy(provider, ctx);
      return last === undefined ? null : drilledWithinInterval(last, todayInChina());
    },

    nextDisasterRecoveryDrillDueOn: async (provider: ProviderReference, _: unknown, ctx: SecurityContext) => {
      const last = await lastDrillSeenBy(provider, ctx);
      return last === undefined ? null : nextDrillDueOn(last);
    },

    securityBulletins: async (provider: ProviderReference, args: ConnectionArgs, ctx: SecurityContext) => {
      const rows = await ctx.loaders.bulletinsByProviderId.load(provider.id);
      return connectionFromArray(
        rows.map((row) => row.bulletin),
        args,
        (bulletin) => bulletin.number,
      );
    },

    unacknowledgedSecurityBulletins: async (provider: ProviderReference, args: ConnectionArgs, ctx: SecurityContext) => {
      const rows = await ctx.loaders.bulletinsByProviderId.load(provider.id);
      return connectionFromArray(
        rows.filter((row) => !row.acknowledged).map((row) => row.bulletin),
        args,
        (bulletin) => bulletin.number,
      );
    },
  },

  ProviderSecurityProfile: {
    provider: (profile: ProviderSecurityProfileEntity) => ({ id: profile.providerId }),
    platformMlpsAssessedOn: (profile: ProviderSecurityProfileEntity) => profile.platformMlpsAssessedOn ?? null,
    platformMlpsAssessmentConclusion: (profile: ProviderSecurityProfileEntity) => profile.platformMlpsAssessmentConclusion ?? null,
    cybersecurityReviewValidUntil: (profile: ProviderSecurityProfileEntity) =>
      reviewValidUntil(profile.cybersecurityReviewPassedOn, profile.cybersecurityReviewValidUntil),
    cybersecurityReviewValid: (profile: ProviderSecurityProfileEntity) =>
      reviewIsValid(profile.cybersecurityReviewPassedOn, profile.cybersecurityReviewValidUntil, todayInChina()),
    meetsArticle20: (profile: ProviderSecurityProfileEntity) => article20GapsOf(profile, todayInChina()).length === 0,
    article20Gaps: (profile: ProviderSecurityProfileEntity) => article20GapsOf(profile, todayInChina()),
    version: (profile: ProviderSecurityProfileEntity) => profile.version ?? 1,
    // In version order: each change bumps the version, so it is the order they happened in.
    changes: async (profile: ProviderSecurityProfileEntity, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.platformChangesByProviderId.load(profile.providerId), args, (change) =>
        String(change.version).padStart(10, '0'),
      ),
  },

  PlatformSecurityChange: {
    recordedAt: (change: PlatformSecurityChangeEntity) => change.recordedAt.toISOString(),
  },

  DisasterRecoveryDrill: {
    provider: (drill: DisasterRecoveryDrillEntity) => ({ id: drill.providerId }),
    recordedAt: (drill: DisasterRecoveryDrillEntity) => drill.recordedAt.toISOString(),
  },

  SecurityBulletin: {
    __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.securityBulletinById.load(reference.id),
    addressee: (bulletin: SecurityBulletinEntity) => (bulletin.providerId ? { id: bulletin.providerId } : null),
    toAllProviders: (bulletin: SecurityBulletinEntity) => bulletin.providerId === null,
    issuedAt: (bulletin: SecurityBulletinEntity) => bulletin.issuedAt.toISOString(),
    issuer: (bulletin: SecurityBulletinEntity) => bulletin.issuerRole,
    acknowledgements: async (bulletin: SecurityBulletinEntity, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.acknowledgementsByBulletinId.load(bulletin.id), args, (ack) =>
        ack.acknowledgedAt.toISOString(),
      ),
  },

  BulletinAcknowledgement: {
    provider: (ack: SecurityBulletinAcknowledgementEntity) => ({ id: ack.providerId }),
    acknowledgedAt: (ack: SecurityBulletinAcknowledgementEntity) => ack.acknowledgedAt.toISOString(),
  },
};
