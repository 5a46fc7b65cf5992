// SETTLEMENT_JAN5 (第十六条): the pure arithmetic of the yearly fee settlement, with no database, so
// unit tests pin every boundary. Money is integer fen; the rounding happens once per line.
import { addDays, daysBetween, FIRST_POLICY_YEAR } from '../../kit/dates';
import { RuleViolationError } from '../../kit/errors';
import { UTILISATION_FEE_FACTORS_PERMILLE } from '../../contracts/local-choices';
import { SettlementUtilisationFlag, type SettlementStatus } from '../generated/graphql';

type UtilisationFlag = SettlementUtilisationFlag;

/** The utilisation flag supervision gives a system for a year (its `yearUtilisation(year).flag`). */
export const UTILISATION_FLAGS: readonly UtilisationFlag[] = Object.values(SettlementUtilisationFlag);

/**
 * The fee adjustment for a system's utilisation in the year, in permille (integer maths):
 * an idle system pays half, an under-used one 80 %; normal, excluded (disaster recovery, standby)
 * and unmeasured systems pay in full — a missing measurement never lowers a provider's fee.
 * A local choice, not the policy's figure (contracts/local-choices.ts).
 */
export const IDLE_FACTOR_PERMILLE = UTILISATION_FEE_FACTORS_PERMILLE.idle;
export const UNDER_USED_FACTOR_PERMILLE = UTILISATION_FEE_FACTORS_PERMILLE.underUsed;
export const FULL_FACTOR_PERMILLE = UTILISATION_FEE_FACTORS_PERMILLE.full;

export function utilisationFactorPermille(flag: UtilisationFlag): number {
  switch (flag) {
    case 'IDLE':
      return IDLE_FACTOR_PERMILLE;
    case 'UNDER_USED':
      return UNDER_USED_FACTOR_PERMILLE;
    case 'NORMAL':
    case 'EXCLUDED':
    case 'NO_DATA':
      return FULL_FACTOR_PERMILLE;
  }
}

/** "0.50" from 500. */
export function factorText(permille: number): string {
  return (permille / 1000).toFixed(2);
}

/** Catalog prices are per month (台·月, GB·月…): a full year is twelve months. */
export const MONTHS_PER_YEAR = 12;

export function daysInYear(year: number): number {
  return daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
}

export interface ServicePeriod {
  /** First billed day (ISO date). */
  from: string;
  /** Last billed day (ISO date, inclusive). */
  until: string;
  days: number;
}

/**
 * The days of `year` a system was in service: from its go-live day (billed) up to the day its
 * application was terminated or the system retired (that day not billed: resources are recovered
 * on it), clipped to the year. Null when there is no such day in the year.
 */
export function servicePeriodInYear(year: number, goLiveOn: string | null, endedOn: string | null): ServicePeriod | null {
  if (!goLiveOn) return null;
  const yearStart = `${year}-01-01`;
  const nextYear = `${year + 1}-01-01`;
  const from = goLiveOn > yearStart ? goLiveOn : yearStart;
  const endExclusive = endedOn && endedOn < nextYear ? endedOn : nextYear;
  const days = daysBetween(from, endExclusive);
  if (days <= 0) return null;
  return { from, until: addDays(endExclusive, -1), days };
}

/**
 * The days of a system's service period in the year (`servicePeriodInYear`) on which one version of
 * a resource line is in force (第十五条、第十六条): from `effectiveFrom` (null: from the start of the
 * service) to `effectiveUntil` inclusive (null: open). A change carried out on day D closes the old
 * version on D − 1 and opens the new one on D, so every day is billed once, at one quantity.
 */
export function linePeriodInYear(
  servicePeriod: ServicePeriod | null,
  effectiveFrom: string | null,
  effectiveUntil: string | null,
): ServicePeriod | null {
  if (!servicePeriod) return null;
  const from = effectiveFrom !== null && effectiveFrom > servicePeriod.from ? effectiveFrom : servicePeriod.from;
  const until = effectiveUntil !== null && effectiveUntil < servicePeriod.until ? effectiveUntil : servicePeriod.until;
  const days = daysBetween(from, until) + 1;
  if (days <= 0) return null;
  return { from, until, days };
}

/** The earlier of two optional end dates (termination of the application, retirement of the system). */
export function earliestEnd(...dates: Array<string | null>): string | null {
  const present = dates.filter((date): date is string => date !== null);
  return present.length === 0 ? null : present.reduce((a, b) => (a < b ? a : b));
}

/**
 * For an elastic request (ELASTIC_RESOURCES) the lower bound is billed: it is what the unit is
 * always allocated; use above it is not measured per catalog entry, and a correction can bill it.
 */
export function billedQuantity(quantity: number, _quantityMax: number): number {
  return quantity;
}

export interface LineAmountInput {
  /** Agreed monthly unit price in fen. */
  unitPriceFen: number;
  quantity: number;
  days: number;
  daysInYear: number;
  factorPermille: number;
}

/**
 * price × quantity × 12 months × days/daysInYear × factor, rounded half up to the fen once.
 * BigInt, so no product of large figures loses a fen.
 */
export function lineAmountFen(input: LineAmountInput): number {
  const numerator =
    BigInt(input.unitPriceFen) * BigInt(input.quantity) * BigInt(MONTHS_PER_YEAR) * BigInt(input.days) * BigInt(input.factorPermille);
  const denominator = BigInt(input.daysInYear) * 1000n;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** A delivery billed once (套·次): price × quantity, whatever the days in service or the utilisation. */
export function onceAmountFen(unitPriceFen: number, quantity: number): number {
  return Number(BigInt(unitPriceFen) * BigInt(quantity));
}

/** 第十六条 "每年1月5日前": confirmed by 4 January of the following year; the 5th is already late. */
export function dueBefore(year: number): string {
  return `${year + 1}-01-05`;
}

/** Not confirmed and the 5th of January has come. */
export function isOverdue(year: number, confirmed: boolean, today: string): boolean {
  return !confirmed && today >= dueBefore(year);
}

/** Confirmed, but on or after the 5th of January. */
export function wasConfirmedLate(year: number, confirmedOn: string | null): boolean | null {
  return confirmedOn === null ? null : confirmedOn >= dueBefore(year);
}

/**
 * Fees are settled after the fact (按年度后付费): only a year that has ended, and none before the
 * policy's first, the same floor the settlement lists and totals read by (kit/dates requirePolicyYear).
 */
export function assertYearSettleable(year: number, today: string): void {
  const currentYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year >= currentYear) {
    throw new RuleViolationError(
      'SETTLEMENT_JAN5',
      `云服务费按年度后付费结算，只能结算已结束的年度（${FIRST_POLICY_YEAR} 年至 ${currentYear - 1} 年），不能结算 ${year} 年`,
      { year },
    );
  }
}

/** A confirmed settlement never changes; corrections are new settlements (correctSettlement). */
export function assertNotConfirmed(status: SettlementStatus, number: string): void {
  if (status === 'CONFIRMED') {
    throw new RuleViolationError(
      'SETTLEMENT_JAN5',
      `结算单 ${number} 已由各方确认，不可更改；如需更正，请以 correctSettlement 建立新的更正结算单`,
      { number },
    );
  }
}

/**
 * CATALOG_CAP (第八条): the unit price billed for a concluded price. A price the providers subgraph
 * refused as above the cap in force (a stale copy of the caps let it through) is billed at no more
 * than that cap until the unit renegotiates it; any other concluded price is billed as concluded.
 */
export function billedWithinCap(concludedFen: number, refusedCapFen: number | null): { fen: number; capped: boolean } {
  if (refusedCapFen === null || concludedFen <= refusedCapFen) return { fen: concludedFen, capped: false };
  return { fen: refusedCapFen, capped: true };
}
