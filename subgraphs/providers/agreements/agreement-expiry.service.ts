// Agreements left to expire (第九条): the daily job marks every agreement past its last day EXPIRED
// and, for a provider whose last city agreement has ended, starts its exit (EXIT_TRANSITION_3M): the
// provider becomes EXITING (no new applications, DESIGNATED_PROVIDER) and the exit's migrations are
// enqueued for the applications subgraph in the same transaction (contracts/exit-migrations.ts).
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { CITY_REGION_CODE } from '../../kit/regions';
import { lockProvider } from '../directory/provider.service';
import { ProviderExitEntity } from '../exits/provider-exit.entity';
import { startProviderExit } from '../exits/provider-exit.service';
import { AgreementEntity } from './agreement.entity';
import { expiryExitPlan } from './agreement-expiry.rules';

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
      const cityAgreements = await repository.find({ where: { providerId, regionCode: CITY_REGION_CODE } });
      const cityEnded = cityAgreements.some((agreement) => rows.some((row) => row.id === agreement.id));
      if (!cityEnded) return;
      const exitOpen = await manager.getRepository(ProviderExitEntity).exists({ where: { providerId, status: 'IN_TRANSITION' } });
      const plan = expiryExitPlan({ providerStatus: provider.status, exitOpen, cityAgreements }, today);
      if (!plan) return;
      const exit = await startProviderExit(manager, provider, { reason: 'EXPIRY', ...plan, shortTransitionReason: null }, EXPIRY_ACTOR);
      outcome.exitIds.push(exit.id);
    });
  }
  return outcome;
}
