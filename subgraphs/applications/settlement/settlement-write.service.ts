// Writing settlements (第十六条, SETTLEMENT_JAN5): created by the level's authority for a year that
// has ended, recalculated while awaiting confirmation, confirmed by each party, and once confirmed
// never changed again — a correction is a new settlement naming the one it corrects.
import { formatInstant } from '../../kit/instants';
import { optionalText, requiredText } from '../../kit/text-input';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../kit/errors';
import { requireRegionCode } from '../../kit/ids';
import { insertAll } from '../../kit/insert-all';
import type { LockTarget, MutationTransaction } from '../../kit/mutation';
import { Role, type Principal } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { SettlementConfirmationEntity } from './settlement-party.entity';
import { SettlementLineEntity } from './settlement-line.entity';
import { SettlementProviderTotalEntity } from './settlement-provider-total.entity';
import { providerTotalsOf } from './settlement-totals';
import { computeSettlementLines } from './settlement-lines';
import { SettlementEntity } from './settlement.entity';
import { settlementScopeOf } from './settlement-scope';
import { assertNotConfirmed, assertYearSettleable } from './settlement.rules';
import type { UtilisationPort } from './utilisation-port';
import type { SettlementParty, CreateSettlementInput } from '../generated/graphql';

const SETTLEMENT = '费用结算单';
const MAX_TEXT = 500;

/** Who creates, recalculates and corrects a level's settlement: the bureau or a county authority (FORBIDDEN for anyone else). */
export const SETTLING_ROLES: readonly Role[] = [Role.BUREAU, Role.COUNTY_AUTHORITY];

/** Who confirms one: the level's authority, the centre, and the units and providers with lines (第十六条). */
export const CONFIRMING_ROLES: readonly Role[] = [Role.BUREAU, Role.COUNTY_AUTHORITY, Role.CENTER, Role.USER_UNIT, Role.PROVIDER];

/** The bureau settles the city level; a county authority its own county (第十六条 "参照市级模式"). */
export function assertSettlingAuthority(principal: Principal, regionCode: string): void {
  const authority =
    (principal.role === Role.BUREAU && regionCode === CITY_REGION_CODE) ||
    (principal.role === Role.COUNTY_AUTHORITY && principal.regionCode === regionCode);
  if (!authority) throw new ForbiddenError();
}

export function numberOf(year: number, regionCode: string, revision: number): string {
  return `JS-${year}-${regionCode}-${revision}`;
}

/** The new settlement's arguments, checked before anything is read (BAD_USER_INPUT). */
export function parseCreateSettlement(input: CreateSettlementInput): CreateSettlementInput {
  return { year: input.year, regionCode: requireRegionCode(input.regionCode), note: optionalText(input.note, 'note', '备注', MAX_TEXT) };
}

/** `input` is parsed, and its level the caller's to settle (assertSettlingAuthority). */
export async function createSettlement(
  tx: MutationTransaction,
  input: CreateSettlementInput,
  utilisation: UtilisationPort,
): Promise<SettlementEntity> {
  const { manager } = tx;
  const { year, regionCode } = input;
  assertYearSettleable(year, tx.today);
  const existing = await manager.getRepository(SettlementEntity).findOne({ where: { year, regionCode, revision: 1 } });
  if (existing) {
    throw new ConflictError(`${year} 年度 ${regionCode} 已有费用结算单 ${existing.number}；如需更正已确认的结算，请使用 correctSettlement`);
  }
  return insertSettlement(
    manager,
    tx.principal,
    { year, regionCode, revision: 1, correctsId: null, correctionReason: null, note: input.note ?? null },
    utilisation,
  );
}

interface NewSettlement {
  year: number;
  regionCode: string;
  revision: number;
  correctsId: string | null;
  correctionReason: string | null;
  note: string | null;
}

async function insertSettlement(
  manager: EntityManager,
  principal: Principal,
  fields: NewSettlement,
  utilisation: UtilisationPort,
): Promise<SettlementEntity> {
  const settlement: SettlementEntity = {
    id: randomUUID(),
    number: numberOf(fields.year, fields.regionCode, fields.revision),
    ...fields,
    status: 'AWAITING_CONFIRMATION',
    version: 1,
    createdBy: principal.subject,
    createdAt: new Date(),
    confirmedAt: null,
    confirmedOn: null,
  };
  // Supervision is asked before anything is written: unavailable, and nothing is created.
  const lines = await computeSettlementLines(manager, settlement, utilisation, () => randomUUID());
  await manager.getRepository(SettlementEntity).insert(settlement);
  await writeLinesAndParties(manager, settlement, lines);
  return settlement;
}

async function writeLinesAndParties(manager: EntityManager, settlement: SettlementEntity, lines: SettlementLineEntity[]): Promise<void> {
  await writeLines(manager, lines);
  await insertAll(manager, SettlementConfirmationEntity, partiesOf(settlement, lines));
}

/** A settlement's lines and, from them, its totals per provider: every writer of lines goes through here. */
export async function writeLines(manager: EntityManager, lines: readonly SettlementLineEntity[]): Promise<void> {
  await insertAll(manager, SettlementLineEntity, lines);
  await insertAll(manager, SettlementProviderTotalEntity, providerTotalsOf(lines));
}

/** The level's authority, the centre, and each unit and provider with a line (第十六条). */
export function partiesOf(
  settlement: { id: string; regionCode: string },
  lines: readonly SettlementLineEntity[],
): SettlementConfirmationEntity[] {
  const keys: Array<[SettlementParty, string]> = [
    ['AUTHORITY', settlement.regionCode],
    ['CENTER', 'CENTER'],
    ...[...new Set(lines.map((line) => line.unitId))].map((unitId): [SettlementParty, string] => ['UNIT', unitId]),
    ...[...new Set(lines.map((line) => line.providerId))].map((providerId): [SettlementParty, string] => ['PROVIDER', providerId]),
  ];
  return keys.map(([party, partyKey]) => ({
    id: randomUUID(),
    settlementId: settlement.id,
    party,
    partyKey,
    confirmedBy: null,
    confirmedAt: null,
  }));
}

/**
 * The settlement a mutation acts on, for the pipeline to lock at the caller's version. One of a
 * level the caller does not see answers NOT_FOUND, like a missing one; whether a unit or a provider
 * sees it depends on its lines, so that is decided with them (partyOf).
 */
export function settlementTarget(target: { id: string; version: number }, principal: Principal): LockTarget<SettlementEntity> {
  const scope = settlementScopeOf(principal);
  return {
    entity: SettlementEntity,
    id: target.id,
    what: SETTLEMENT,
    version: target.version,
    visible: (settlement) => (scope.kind === 'LEVEL' ? scope.regionCode === settlement.regionCode : scope.kind !== 'NONE'),
  };
}

/** The confirmation the principal gives for this settlement, or FORBIDDEN when it is none of its parties. */
function partyOf(principal: Principal, settlement: SettlementEntity): [SettlementParty, string] {
  switch (principal.role) {
    case Role.BUREAU:
    case Role.COUNTY_AUTHORITY:
      assertSettlingAuthority(principal, settlement.regionCode);
      return ['AUTHORITY', settlement.regionCode];
    case Role.CENTER:
      return ['CENTER', 'CENTER'];
    case Role.USER_UNIT:
      return ['UNIT', principal.unitId ?? ''];
    case Role.PROVIDER:
      return ['PROVIDER', principal.providerId ?? ''];
    default:
      throw new ForbiddenError();
  }
}

export async function confirmSettlement(tx: MutationTransaction, settlement: SettlementEntity): Promise<SettlementEntity> {
  const { manager, principal } = tx;
  const [party, partyKey] = partyOf(principal, settlement);
  const confirmations = manager.getRepository(SettlementConfirmationEntity);
  const mine = await confirmations.findOne({ where: { settlementId: settlement.id, party, partyKey } });
  // A unit or provider is a party exactly when it has lines, which is when it sees the settlement.
  if (!mine)
    throw principal.role === Role.USER_UNIT || principal.role === Role.PROVIDER ? new NotFoundError(SETTLEMENT) : new ForbiddenError();
  assertNotConfirmed(settlement.status, settlement.number);
  if (mine.confirmedAt) throw new ConflictError(`您已于 ${formatInstant(mine.confirmedAt)} 确认结算单 ${settlement.number}，无需重复确认`);
  const now = new Date();
  await confirmations.update({ id: mine.id }, { confirmedAt: now, confirmedBy: principal.subject });
  const outstanding: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM "applications"."settlement_confirmation" WHERE settlement_id = $1 AND confirmed_at IS NULL`,
    [settlement.id],
  );
  const patch: Partial<SettlementEntity> = { version: settlement.version + 1 };
  if (outstanding[0]!.n === 0) Object.assign(patch, { status: 'CONFIRMED', confirmedAt: now, confirmedOn: tx.today });
  await manager.getRepository(SettlementEntity).update({ id: settlement.id }, patch);
  return Object.assign(settlement, patch);
}

/** Recomputes an unconfirmed settlement from today's data and utilisation; every confirmation starts over. */
export async function recalculateSettlement(
  tx: MutationTransaction,
  settlement: SettlementEntity,
  utilisation: UtilisationPort,
): Promise<SettlementEntity> {
  const { manager } = tx;
  assertSettlingAuthority(tx.principal, settlement.regionCode);
  assertNotConfirmed(settlement.status, settlement.number);
  const lines = await computeSettlementLines(manager, settlement, utilisation, () => randomUUID());
  await manager.getRepository(SettlementLineEntity).delete({ settlementId: settlement.id });
  await manager.getRepository(SettlementProviderTotalEntity).delete({ settlementId: settlement.id });
  await manager.getRepository(SettlementConfirmationEntity).delete({ settlementId: settlement.id });
  await writeLinesAndParties(manager, settlement, lines);
  const patch = { version: settlement.version + 1 };
  await manager.getRepository(SettlementEntity).update({ id: settlement.id }, patch);
  return Object.assign(settlement, patch);
}

/** The correction's reason: required, at most 500 characters (BAD_USER_INPUT). */
export function parseCorrectionReason(value: string | null | undefined): string {
  return requiredText(value, 'reason', '更正理由', MAX_TEXT);
}

/** A new settlement correcting a confirmed one, which stays exactly as it was; it is confirmed anew. */
export async function correctSettlement(
  tx: MutationTransaction,
  original: SettlementEntity,
  reason: string,
  utilisation: UtilisationPort,
): Promise<SettlementEntity> {
  const { manager } = tx;
  assertSettlingAuthority(tx.principal, original.regionCode);
  if (original.status !== 'CONFIRMED') {
    throw new RuleViolationError(
      'SETTLEMENT_JAN5',
      `结算单 ${original.number} 尚未确认，可直接重新核算 (recalculateSettlement)，无需更正`,
      {
        number: original.number,
      },
    );
  }
  const correction = await manager.getRepository(SettlementEntity).findOne({ where: { correctsId: original.id } });
  if (correction) throw new ConflictError(`结算单 ${original.number} 已由 ${correction.number} 更正，请在最新的结算单上更正`);
  return insertSettlement(
    manager,
    tx.principal,
    {
      year: original.year,
      regionCode: original.regionCode,
      revision: original.revision + 1,
      correctsId: original.id,
      correctionReason: reason,
      note: null,
    },
    utilisation,
  );
}
