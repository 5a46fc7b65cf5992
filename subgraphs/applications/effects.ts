// The cross-subgraph effects the applications subgraph handles, and its scheduled work, run by its
// worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import { CATALOG_CAP_CHANGED_TASK, parseCatalogCapChanged } from '../contracts/catalog-cap-events';
import { todayInChina } from '../kit/dates';
import { GovCloudError } from '../kit/errors';
import { OPEN_EXIT_MIGRATIONS_TASK, type OpenExitMigrationsPayload } from '../contracts/exit-migrations';
import { inTransaction } from '../kit/data-source';
import { isUuid } from '../kit/ids';
import { BadUserInputError } from '../kit/errors';
import { PermanentEffectError, type EffectTasks, type WorkerSchedule } from '../kit/jobs';
import { upsertCatalogCap, upsertSupplementaryEntry } from './catalog-caps/catalog-cap.service';
import { parseSupplementaryFilingChanged, SUPPLEMENTARY_FILING_CHANGED_TASK } from '../contracts/supplementary-filing-events';
import { flagOverdue } from './todo/overdue-flag.service';
import { openExitMigrations } from './system-migrations/system-migration.service';
import { OPEN_UTILISATION_CHANGE_REQUEST_TASK, parseOpenUtilisationChangeRequest } from '../contracts/utilisation-orders';
import { openUtilisationChangeRequest } from './utilisation-orders/utilisation-change.service';
import { parsePriceAboveCap, PRICE_ABOVE_CAP_TASK } from '../contracts/cap-refusals';
import { markPriceAboveCap } from './lifecycle/price-above-cap.service';

export const FLAG_OVERDUE_TASK = 'applications.flagOverdue';

/**
 * DECISION_5WD, TEST_30D, LEGACY_3M: overdue cases are looked for at the top of every hour, and
 * once when the worker starts (a deadline may have passed while the subgraph was down).
 */
export const APPLICATIONS_SCHEDULE: WorkerSchedule = {
  crontab: [{ task: FLAG_OVERDUE_TASK, match: '0 * * * *', maxAttempts: 3 }],
  runAtStart: [FLAG_OVERDUE_TASK],
};

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /**
     * CATALOG_CAP (第八条): the providers subgraph refused a concluded price the replica let through
     * (its CAP_LOWERS effect found the cap in force lower): the application is marked, once however
     * often it is delivered. A malformed payload is refused for good.
     */
    [PRICE_ABOVE_CAP_TASK]: async (payload) => {
      let refusal: ReturnType<typeof parsePriceAboveCap>;
      try {
        refusal = parsePriceAboveCap(payload);
      } catch (error) {
        throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
      }
      await inTransaction(dataSource, (manager) => markPriceAboveCap(manager, refusal, todayInChina()));
    },

    /**
     * A basic-catalog cap changed in the providers subgraph (第八条): the replica CATALOG_CAP is
     * checked against takes it, unless it already holds that version or a newer one (idempotent,
     * whatever the order of delivery). A malformed payload is refused for good.
     */
    [CATALOG_CAP_CHANGED_TASK]: async (payload) => {
      let change: ReturnType<typeof parseCatalogCapChanged>;
      try {
        change = parseCatalogCapChanged(payload);
      } catch (error) {
        throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
      }
      await upsertCatalogCap(dataSource.manager, change);
    },

    /**
     * A supplementary-catalog entry's filing changed in the providers subgraph (第八条): the replica
     * SUPPLEMENTARY_FILED is checked against moves forward with it (idempotent, whatever the order of
     * delivery). A malformed payload is refused for good.
     */
    [SUPPLEMENTARY_FILING_CHANGED_TASK]: async (payload) => {
      let change: ReturnType<typeof parseSupplementaryFilingChanged>;
      try {
        change = parseSupplementaryFilingChanged(payload);
      } catch (error) {
        throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
      }
      await upsertSupplementaryEntry(dataSource.manager, change);
    },

    /**
     * EXIT_TRANSITION_3M (第九条): a provider started its exit; every system it hosts gets a
     * migration and a data clearance to track. Idempotent per exit; a malformed payload is refused for good.
     */
    [OPEN_EXIT_MIGRATIONS_TASK]: async (payload) => {
      const exit = parseOpenExitMigrations(payload);
      await inTransaction(dataSource, (manager) => openExitMigrations(manager, exit));
    },

    /**
     * The bureau's downsize or reclaim order (第十五条、第十六条): a change request on the system's
     * application in production, once per order; none in production is refused for good.
     */
    [OPEN_UTILISATION_CHANGE_REQUEST_TASK]: async (payload) => {
      await openUtilisationChangeRequest(dataSource, parseOpenUtilisationChangeRequest(payload));
    },

    /** Records the cases newly past DECISION_5WD, TEST_30D or LEGACY_3M (idempotent). */
    [FLAG_OVERDUE_TASK]: async () => {
      await flagOverdue(dataSource, todayInChina());
    },
  };
}

function parseOpenExitMigrations(payload: unknown): OpenExitMigrationsPayload {
  const value = (payload ?? {}) as Partial<OpenExitMigrationsPayload>;
  if (!isUuid(value.exitId) || !isUuid(value.providerId) || !/^\d{4}-\d{2}-\d{2}$/.test(String(value.transitionEndsOn))) {
    throw new PermanentEffectError(
      new BadUserInputError(`${OPEN_EXIT_MIGRATIONS_TASK} 的任务数据不完整 (exitId, providerId, transitionEndsOn)`),
    );
  }
  if (value.regionCode != null && !/^\d{6}$/.test(String(value.regionCode))) {
    throw new PermanentEffectError(new BadUserInputError(`${OPEN_EXIT_MIGRATIONS_TASK} 的退出范围 regionCode 不是区划代码`));
  }
  const exit = { exitId: value.exitId, providerId: value.providerId, transitionEndsOn: value.transitionEndsOn! };
  return value.regionCode == null ? exit : { ...exit, regionCode: value.regionCode };
}
