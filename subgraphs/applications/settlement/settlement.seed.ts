// The demo's 2025 settlements (第十六条): the city's, confirmed by every party on 4 January 2026, and
// 滨城区 (371602)'s, awaiting confirmation (so overdue on the demo's today). Computed by the same code
// as createSettlement from the seeded applications; the flags are NO_DATA because the supervision
// seed holds no 2025 monitoring (factor 1). Deterministic ids and times.
import type { DataSource, EntityManager } from 'typeorm';
import { insertAll } from '../../kit/insert-all';
import { CITY_REGION_CODE } from '../../kit/regions';
import { stableId } from '../../kit/stable-id';
import { SettlementConfirmationEntity } from './settlement-party.entity';
import { computeSettlementLines } from './settlement-lines';
import { numberOf, partiesOf, writeLines } from './settlement-write.service';
import { SettlementEntity } from './settlement.entity';
import { fixedUtilisationPort } from './utilisation-port';

export const SEEDED_SETTLEMENT_YEAR = 2025;
export const SEEDED_COUNTY = '371602';

interface Plan {
  regionCode: string;
  createdBy: string;
  createdAt: string;
  /** Every party confirmed at this instant, or none. */
  confirmedAt: string | null;
}

const PLANS: readonly Plan[] = [
  { regionCode: CITY_REGION_CODE, createdBy: 'bureau', createdAt: '2026-01-02T09:00:00+08:00', confirmedAt: '2026-01-04T16:00:00+08:00' },
  { regionCode: SEEDED_COUNTY, createdBy: `county:${SEEDED_COUNTY}`, createdAt: '2026-01-03T09:00:00+08:00', confirmedAt: null },
];

export async function seedSettlements(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const plan of PLANS) await seedOne(manager, plan);
  });
}

async function seedOne(manager: EntityManager, plan: Plan): Promise<void> {
  const number = numberOf(SEEDED_SETTLEMENT_YEAR, plan.regionCode, 1);
  const confirmedAt = plan.confirmedAt ? new Date(plan.confirmedAt) : null;
  const settlement: SettlementEntity = {
    id: stableId('settlement', number),
    number,
    year: SEEDED_SETTLEMENT_YEAR,
    regionCode: plan.regionCode,
    revision: 1,
    correctsId: null,
    correctionReason: null,
    note: null,
    status: confirmedAt ? 'CONFIRMED' : 'AWAITING_CONFIRMATION',
    version: 1,
    createdBy: plan.createdBy,
    createdAt: new Date(plan.createdAt),
    confirmedAt,
    confirmedOn: plan.confirmedAt ? plan.confirmedAt.slice(0, 10) : null,
  };
  const lines = await computeSettlementLines(manager, settlement, fixedUtilisationPort('NO_DATA'), (candidate) =>
    stableId('settlement-line', `${number}:${candidate.resourceLineId}`),
  );
  const parties = partiesOf(settlement, lines).map((party) => ({
    ...party,
    id: stableId('settlement-confirmation', `${number}:${party.party}:${party.partyKey}`),
    confirmedAt,
    confirmedBy: confirmedAt ? confirmerOf(party) : null,
  }));
  if (confirmedAt) settlement.version = 1 + parties.length;
  await manager.getRepository(SettlementEntity).insert(settlement);
  await writeLines(manager, lines);
  await insertAll(manager, SettlementConfirmationEntity, parties);
}

function confirmerOf(party: SettlementConfirmationEntity): string {
  switch (party.party) {
    case 'AUTHORITY':
      return party.partyKey === CITY_REGION_CODE ? 'bureau' : `county:${party.partyKey}`;
    case 'CENTER':
      return 'center';
    case 'UNIT':
      return `unit:${party.partyKey}`;
    case 'PROVIDER':
      return `provider:${party.partyKey}`;
  }
}
