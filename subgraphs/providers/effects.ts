// The cross-subgraph effects the providers subgraph handles, run by its worker (kit/jobs.ts).
import type { DataSource } from 'typeorm';
import { inTransaction } from '../kit/data-source';
import { BadUserInputError, ErrorCode, GovCloudError, RuleViolationError } from '../kit/errors';
import { PermanentEffectError, type EffectTasks, type WorkerSchedule } from '../kit/jobs';
import { todayInChina } from '../kit/dates';
import { expireAgreements } from './agreements/agreement-expiry.service';
import { LOWER_CAP_TASK, type LowerCapPayload } from '../contracts/cap-lowerings';
import { enqueuePriceAboveCap } from '../contracts/cap-refusals';
import {
  PLATFORM_SECURITY_CHANGED_TASK,
  parsePlatformSecurityChanged,
  type PlatformSecurityChangedPayload,
} from '../contracts/platform-security-events';
import { applyProcurementPrice } from './catalogs/catalog.service';
import { createEvaluationConsequenceTasks } from './evaluation-consequences/evaluation-consequences.effects';

/**
 * Refusals no retry can change: the price is above the cap (CATALOG_CAP), the entry is gone, the
 * payload is malformed. CONFLICT stays retryable: it is also how a deadlock surfaces.
 */
const PERMANENT = new Set<unknown>([ErrorCode.RULE_VIOLATION, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT]);

export const EXPIRE_AGREEMENTS_TASK = 'providers.expireAgreements';

/**
 * TERM_MAX_3Y, EXIT_TRANSITION_3M (第九条): agreements past their last day are looked for every day
 * just after midnight, and once when the worker starts (a day may have passed while it was down).
 */
export const PROVIDERS_SCHEDULE: WorkerSchedule = {
  crontab: [{ task: EXPIRE_AGREEMENTS_TASK, match: '5 0 * * *', maxAttempts: 3 }],
  runAtStart: [EXPIRE_AGREEMENTS_TASK],
};

export function createEffectTasks({ dataSource }: { dataSource: DataSource }): EffectTasks {
  return {
    /** An agreement left to expire ends; a provider without a city agreement any more starts its exit. */
    [EXPIRE_AGREEMENTS_TASK]: async () => {
      await expireAgreements(dataSource, todayInChina());
    },
    // PROVIDER_EVALUATION (第二十六条): POOR orders rectification, SEVERE proposes disqualification to the bureau.
    ...createEvaluationConsequenceTasks(dataSource),
    [PLATFORM_SECURITY_CHANGED_TASK]: (payload) => applyPlatformSecurity(dataSource, payload),

    /**
     * CAP_LOWERS (第八条): a procurement concluded below the cap lowers it; idempotent per (entry, reference).
     * The applications subgraph checked CATALOG_CAP against its replica of the caps, which may not yet
     * have heard of a lowering (two procurements of one entry in quick succession). Here the current cap
     * decides: a price above it is refused as CATALOG_CAP for good (PermanentEffectError, kept in
     * effects.refused_effect), the cap stays where it is, and the applications subgraph is told, so
     * the application is marked rather than left silently PROCURED (contracts/cap-refusals.ts).
     */
    [LOWER_CAP_TASK]: async (payload) => {
      try {
        const { entryId, concludedPriceYuan, procurementReference, actor } = parseLowerCapPayload(payload);
        try {
          await inTransaction(dataSource, (manager) =>
            applyProcurementPrice(manager, entryId, concludedPriceYuan, procurementReference, actor),
          );
        } catch (error) {
          const capInForceYuan = refusedAboveCap(error);
          if (capInForceYuan) {
            await inTransaction(dataSource, (manager) =>
              enqueuePriceAboveCap(manager, { entryId, procurementReference, concludedPriceYuan, capInForceYuan }),
            );
          }
          throw error;
        }
      } catch (error) {
        if (error instanceof GovCloudError && PERMANENT.has(error.extensions.code)) throw new PermanentEffectError(error);
        throw error;
      }
    },
  };
}

/**
 * The security subgraph recorded a platform's MLPS filing or cybersecurity review (第二十条): the
 * provider's copy takes it unless it already holds that profile version or a newer one.
 */
async function applyPlatformSecurity(dataSource: DataSource, payload: unknown): Promise<void> {
  let change: PlatformSecurityChangedPayload;
  try {
    change = parsePlatformSecurityChanged(payload);
  } catch (error) {
    throw error instanceof GovCloudError ? new PermanentEffectError(error) : error;
  }
  await dataSource.query(
    `UPDATE "providers"."provider"
        SET platform_mlps_level = $2, platform_mlps_certificate_no = $3, platform_mlps_filed_on = $4,
            cybersecurity_review_passed_on = $5, platform_security_version = $6, updated_at = now()
      WHERE id = $1 AND platform_security_version < $6`,
    [
      change.providerId,
      change.platformMlpsLevel,
      change.platformMlpsCertificateNo,
      change.platformMlpsFiledOn,
      change.cybersecurityReviewPassedOn,
      change.version,
    ],
  );
}

/** The cap in force a CATALOG_CAP refusal names (contracts/catalog-cap.ts), or null for any other error. */
function refusedAboveCap(error: unknown): string | null {
  if (!(error instanceof RuleViolationError) || error.rule !== 'CATALOG_CAP') return null;
  const cap = error.extensions['priceCapYuan'];
  return typeof cap === 'string' ? cap : null;
}

function parseLowerCapPayload(payload: unknown): LowerCapPayload {
  const value = (payload ?? {}) as Partial<LowerCapPayload>;
  const text = (field: unknown) => typeof field === 'string' && field.length > 0;
  if (!text(value.entryId) || !text(value.concludedPriceYuan) || !text(value.procurementReference)) {
    throw new BadUserInputError(`${LOWER_CAP_TASK} 的任务数据不完整 (entryId, concludedPriceYuan, procurementReference)`);
  }
  const subject = text(value.actor?.subject) ? value.actor!.subject : 'system';
  return { ...(value as LowerCapPayload), actor: { subject } };
}
