// Mutations of provider platform security (第二十条), each through the mutation pipeline
// (kit/mutation.ts): role, input, the locked record at the caller's version, the work and its audit
// entry in one transaction, so a refusal changes nothing.
import { todayInChina } from '../../kit/dates';
import { requireUuid } from '../../kit/ids';
import { mutation, type LockTarget } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { ProviderSecurityProfileEntity } from '../entities/provider-security-profile.entity';
import { SecurityBulletinEntity, type BulletinIssuer } from '../entities/security-bulletin.entity';
import type { SecurityContext } from '../loaders';
import { recordDrill } from '../services/disaster-recovery-drill.service';
import {
  parseBulletinInput,
  parseCybersecurityReviewInput,
  parseDrillInput,
  parsePlatformMlpsInput,
  type BulletinInput,
  type CybersecurityReviewInput,
  type DrillInput,
  type PlatformMlpsInput,
} from '../services/platform-inputs';
import { recordCybersecurityReview, recordPlatformMlps } from '../services/provider-security-profile.service';
import { acknowledgeBulletin, isAddressee, issueBulletin } from '../services/security-bulletin.service';

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

export const platformMutations = {
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
