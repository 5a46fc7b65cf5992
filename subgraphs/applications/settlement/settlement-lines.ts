// The lines of a settlement (第十六条): every resource line version of the level's applications
// whose system was in service during the year, billed to the line's own provider at the price
// concluded at procurement (第八条), for the days in service on which that version was in force
// (第十五条), adjusted by the year's utilisation flag. One query for the candidates, one
// request to supervision for the flags, whatever the number of lines.
import type { EntityManager } from 'typeorm';
import { fenColumn } from '../../kit/money';
import type { SettlementLineEntity } from './settlement-line.entity';
import {
  billedQuantity,
  billedWithinCap,
  daysInYear,
  earliestEnd,
  FULL_FACTOR_PERMILLE,
  lineAmountFen,
  onceAmountFen,
  linePeriodInYear,
  servicePeriodInYear,
  utilisationFactorPermille,
  type ServicePeriod,
} from './settlement.rules';
import type { UtilisationPort } from './utilisation-port';
import type { SettlementUtilisationFlag as UtilisationFlag, SettlementPriceSource as PriceSource } from '../generated/graphql';

/** A resource line version of an application in service at some time before the year ended. */
export interface SettlementCandidate {
  applicationId: string;
  applicationNumber: string;
  /** The line's own provider (the one billed for it), not necessarily the application's. */
  providerId: string;
  goLiveOn: string | null;
  terminatedOn: string | null;
  unitId: string;
  unitCode: string;
  unitName: string;
  systemId: string;
  systemCode: string;
  systemName: string;
  retiredOn: string | null;
  resourceLineId: string;
  position: number;
  catalogEntryId: string;
  quantity: number;
  quantityMax: number;
  /** First day the version is in force (ISO date); null: from go-live. */
  effectiveFrom: string | null;
  /** Last day the version is in force, inclusive (ISO date); null: open. */
  effectiveUntil: string | null;
  /** numeric(12,2) text, or null before procurement. */
  concludedPrice: string | null;
  /** The cap replica's price in fen (bigint text), or null when the entry is unknown here. */
  capFen: string | null;
  /** CATALOG_CAP: the cap in force (fen, integer text) when providers refused the concluded price; null otherwise. */
  refusedCapFen?: string | null;
  /** Its catalog entry is billed once per delivery (contracts/billing-cycle.ts); absent: per month. */
  billedOnce?: boolean;
}

/** Applications that reached production are billed; a draft, a refusal or a test never is. */
const BILLED_STATUSES = ['IN_PRODUCTION', 'TERMINATING', 'TERMINATED'];

export async function settlementCandidates(manager: EntityManager, year: number, regionCode: string): Promise<SettlementCandidate[]> {
  return manager.query(
    `SELECT a.id AS "applicationId", a.number AS "applicationNumber", l.provider_id AS "providerId",
            a.go_live_on::text AS "goLiveOn", a.terminated_on::text AS "terminatedOn",
            u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
            s.id AS "systemId", s.code AS "systemCode", s.name AS "systemName", s.retired_on::text AS "retiredOn",
            l.id AS "resourceLineId", l.position, l.catalog_entry_id AS "catalogEntryId", l.quantity, l.quantity_max AS "quantityMax",
            l.effective_from::text AS "effectiveFrom", l.effective_until::text AS "effectiveUntil",
            l.concluded_price_yuan::text AS "concludedPrice", c.cap_fen::text AS "capFen", l.refused_cap_fen::text AS "refusedCapFen",
            coalesce(c.billed_once, se.billed_once, false) AS "billedOnce"
       FROM "applications"."application" a
       JOIN "applications"."unit" u ON u.id = a.unit_id
       JOIN "applications"."information_system" s ON s.id = a.system_id
       JOIN "applications"."application_resource_line" l ON l.application_id = a.id
       LEFT JOIN "applications"."catalog_cap" c ON c.entry_id = l.catalog_entry_id
       LEFT JOIN "applications"."supplementary_entry" se ON se.entry_id = l.catalog_entry_id
      WHERE u.region_code = $1 AND a.status = ANY($2) AND a.go_live_on < $3
        AND (l.effective_from IS NULL OR l.effective_from < $3) AND (l.effective_until IS NULL OR l.effective_until >= $4)
      ORDER BY l.provider_id, u.code, s.code, a.number, l.position, l.effective_from NULLS FIRST`,
    [regionCode, BILLED_STATUSES, `${year + 1}-01-01`, `${year}-01-01`],
  );
}

/**
 * The concluded price, or the cap in force when providers refused it as above that cap (billedWithinCap);
 * else (a line recorded before prices were) the cap replica's; else none.
 */
export function agreedPrice(candidate: SettlementCandidate): { fen: number; source: PriceSource } {
  if (candidate.concludedPrice !== null) {
    const refusedCap = candidate.refusedCapFen == null ? null : Number(candidate.refusedCapFen);
    const billed = billedWithinCap(fenColumn.from(candidate.concludedPrice)!, refusedCap);
    return { fen: billed.fen, source: billed.capped ? 'CATALOG_CAP' : 'CONCLUDED' };
  }
  if (candidate.capFen !== null) return { fen: Number(candidate.capFen), source: 'CATALOG_CAP' };
  return { fen: 0, source: 'MISSING' };
}

/** The systems whose utilisation the settlement needs. */
export function systemsInService(candidates: readonly SettlementCandidate[], year: number): string[] {
  const ids = candidates.filter((candidate) => billedPeriod(candidate, year)).map((candidate) => candidate.systemId);
  return [...new Set(ids)];
}

/** The days of the year the candidate's version is billed: its system's service met with its own dates. */
function billedPeriod(candidate: SettlementCandidate, year: number): ServicePeriod | null {
  const service = servicePeriodInYear(year, candidate.goLiveOn, earliestEnd(candidate.terminatedOn, candidate.retiredOn));
  return linePeriodInYear(service, candidate.effectiveFrom, candidate.effectiveUntil);
}

/** Lines from candidates and flags (pure: the same inputs give the same lines, ids from `idOf`). */
export function buildSettlementLines(
  candidates: readonly SettlementCandidate[],
  flags: ReadonlyMap<string, UtilisationFlag>,
  settlement: { id: string; year: number; regionCode: string },
  idOf: (candidate: SettlementCandidate) => string,
): SettlementLineEntity[] {
  const yearDays = daysInYear(settlement.year);
  const lines: SettlementLineEntity[] = [];
  for (const candidate of candidates) {
    const period = billedPeriod(candidate, settlement.year);
    if (!period) continue;
    const billedOnce = candidate.billedOnce === true;
    // Once per delivery: in the year the version came into service, and only then (deliveredInYear).
    if (billedOnce && !deliveredInYear(candidate, period)) continue;
    const price = agreedPrice(candidate);
    const flag = flags.get(candidate.systemId) ?? 'NO_DATA';
    // A delivery is not a resource left idle: the utilisation factor is for what is billed per month.
    const factorPermille = billedOnce ? FULL_FACTOR_PERMILLE : utilisationFactorPermille(flag);
    const quantity = billedQuantity(candidate.quantity, candidate.quantityMax);
    const amountFen = billedOnce
      ? onceAmountFen(price.fen, quantity)
      : lineAmountFen({ unitPriceFen: price.fen, quantity, days: period.days, daysInYear: yearDays, factorPermille });
    lines.push({
      id: idOf(candidate),
      settlementId: settlement.id,
      regionCode: settlement.regionCode,
      providerId: candidate.providerId,
      unitId: candidate.unitId,
      unitCode: candidate.unitCode,
      unitName: candidate.unitName,
      systemId: candidate.systemId,
      systemCode: candidate.systemCode,
      systemName: candidate.systemName,
      applicationId: candidate.applicationId,
      applicationNumber: candidate.applicationNumber,
      resourceLineId: candidate.resourceLineId,
      position: candidate.position,
      catalogEntryId: candidate.catalogEntryId,
      unitPriceFen: price.fen,
      priceSource: price.source,
      quantity: candidate.quantity,
      quantityMax: candidate.quantityMax,
      billedQuantity: quantity,
      serviceFrom: period.from,
      serviceUntil: period.until,
      daysInService: period.days,
      daysInYear: yearDays,
      utilisationFlag: flag,
      factorPermille,
      billedOnce,
      amountFen,
    });
  }
  return lines;
}

/**
 * A version billed once is billed in the year its service began: its first day in this year's
 * period is its own first day (the later of the system's go-live and the version's effectiveFrom).
 */
function deliveredInYear(candidate: SettlementCandidate, period: ServicePeriod): boolean {
  const firstDay =
    candidate.effectiveFrom !== null && candidate.effectiveFrom > candidate.goLiveOn! ? candidate.effectiveFrom : candidate.goLiveOn!;
  return period.from === firstDay;
}

/** Candidates, then one request for the flags, then the lines. */
export async function computeSettlementLines(
  manager: EntityManager,
  settlement: { id: string; year: number; regionCode: string },
  utilisation: UtilisationPort,
  idOf: (candidate: SettlementCandidate) => string,
): Promise<SettlementLineEntity[]> {
  const candidates = await settlementCandidates(manager, settlement.year, settlement.regionCode);
  const flags = await utilisation.yearFlags(systemsInService(candidates, settlement.year), settlement.year);
  return buildSettlementLines(candidates, flags, settlement, idOf);
}
