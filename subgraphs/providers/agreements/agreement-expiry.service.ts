// Agreements left to expire (第九条): the daily job marks every agreement past its last day EXPIRED
// and, for a provider whose last city agreement has ended, starts its exit (EXIT_TRANSITION_3M): the
// provider becomes EXITING (no new applications, DESIGNATED_PROVIDER) and the exit's migrations are
// enqueued for the applications subgraph in the same transaction (contracts/exit-migrations.ts).
// A provider whose county agreement ended unrenewed while its city agreement goes on exits that
// county alone: it stays designated, only that county's systems migrate and its new applications stop.
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { CITY_REGION_CODE } from '../../kit/regions';
import { lockProvider } from '../directory/provider.service';
import { ProviderExitEntity } from '../exits/provider-exit.entity';
import { startProviderExit } from '../exits/provider-exit.service';
import { AgreementEntity } from './agreement.entity';
import { countyExitPlan, expiryExitPlan } from './agreement-expiry.rules';

export const EXPIRY_ACTOR = { subject: 'job:providers.expireAgreements' };

export interface ExpiryOutcome {
  expiredAgreementIds: string[];
  exitIds: string[];
}

/** Idempotent: an agreement once marked EXPIRED is not found again, and an open exit is not started twice. */
export async function expireAgreements(dataSource: DataSource, today: string): Promise<ExpiryOutcome> {
  const due = await dataSource
    .getRepository(AgreementEntity)
    .createQueryBuilder('agreement')
    .where(`agreement.status = 'ACTIVE' AND agreement.ends_on < :today`, { today })
    .getMany();
  const outcome: ExpiryOutcome = { expiredAgreementIds: [], exitIds: [] };
  for (const providerId of new Set(due.map((agreement) => agreement.providerId))) {
    // One transaction per provider: the provider is locked, so a renewal or a signing waits or goes first.
    await inTransaction(dataSource, async (manager) => {
      const provider = await lockProvider(manager, providerId);
      const repository = manager.getRepository(AgreementEntity);
      const expired = await repository
        .createQueryBuilder()
        .update()
        .set({ status: 'EXPIRED' })
        .where(`provider_id = :providerId AND status = 'ACTIVE' AND ends_on < :today`, { providerId, today })
        .returning('id')
        .execute();
      const rows = (expired.raw ?? []) as Array<{ id: string }>;
      outcome.expiredAgreementIds.push(...rows.map((row) => row.id));
      const agreements = await repository.find({ where: { providerId } });
      const cityAgreements = agreements.filter((agreement) => agreement.regionCode === CITY_REGION_CODE);
      const endedRegions = new Set(agreements.filter((agreement) => rows.some((row) => row.id === agreement.id)).map((a) => a.regionCode));
      const openExits = await manager.getRepository(ProviderExitEntity).find({ where: { providerId, status: 'IN_TRANSITION' } });
      const openExitRegions = openExits.map((exit) => exit.regionCode);
      if (endedRegions.has(CITY_REGION_CODE)) {
        const exitOpen = openExitRegions.includes(CITY_REGION_CODE);
        const plan = expiryExitPlan({ providerStatus: provider.status, exitOpen, cityAgreements }, today);
        if (plan) {
          const exit = await startProviderExit(manager, provider, { reason: 'EXPIRY', ...plan, shortTransitionReason: null }, EXPIRY_ACTOR);
          outcome.exitIds.push(exit.id);
          return;
        }
      }
      // A county's agreement ended unrenewed while the city's goes on: the provider exits that county (第九条).
      for (const regionCode of [...endedRegions].filter((code) => code !== CITY_REGION_CODE).sort()) {
        const countyAgreements = agreements.filter((agreement) => agreement.regionCode === regionCode);
        const facts = { providerStatus: provider.status, cityAgreements, countyAgreements, openExitRegions };
        const plan = countyExitPlan(facts, regionCode, today);
        if (!plan) continue;
        const exit = await startProviderExit(manager, provider, { reason: 'EXPIRY', ...plan, shortTransitionReason: null }, EXPIRY_ACTOR);
        outcome.exitIds.push(exit.id);
      }
    });
  }
  return outcome;
}
