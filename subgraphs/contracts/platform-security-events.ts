// The security subgraph records a platform's MLPS filing and central cybersecurity review (第二十条);
// the providers subgraph checks the same facts when it designates a provider (PROVIDER_QUALIFIED,
// 第七条). Every change recorded in security reaches providers' copy through this effect, newest
// profile version wins.
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { enqueueEffect } from '../kit/jobs';

/** Handled by the providers subgraph's worker (subgraphs/providers/effects.ts). */
export const PLATFORM_SECURITY_CHANGED_TASK = 'providers.platformSecurityChanged';

export interface PlatformSecurityChangedPayload {
  providerId: string;
  /** The security profile's version after the change. */
  version: number;
  platformMlpsLevel: number;
  platformMlpsCertificateNo: string;
  platformMlpsFiledOn: string;
  cybersecurityReviewPassedOn: string | null;
}

export async function enqueuePlatformSecurityChanged(manager: EntityManager, payload: PlatformSecurityChangedPayload): Promise<void> {
  await enqueueEffect(manager, PLATFORM_SECURITY_CHANGED_TASK, payload, {
    jobKey: `${PLATFORM_SECURITY_CHANGED_TASK}:${payload.providerId}:${payload.version}`,
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The payload as the worker receives it (any JSON); BAD_USER_INPUT when it cannot be one. */
export function parsePlatformSecurityChanged(payload: unknown): PlatformSecurityChangedPayload {
  const value = (payload ?? {}) as Partial<Record<keyof PlatformSecurityChangedPayload, unknown>>;
  const valid =
    isUuid(value.providerId) &&
    typeof value.version === 'number' &&
    Number.isSafeInteger(value.version) &&
    value.version >= 1 &&
    typeof value.platformMlpsLevel === 'number' &&
    Number.isInteger(value.platformMlpsLevel) &&
    typeof value.platformMlpsCertificateNo === 'string' &&
    typeof value.platformMlpsFiledOn === 'string' &&
    DATE.test(value.platformMlpsFiledOn) &&
    (value.cybersecurityReviewPassedOn === null ||
      (typeof value.cybersecurityReviewPassedOn === 'string' && DATE.test(value.cybersecurityReviewPassedOn)));
  if (!valid) throw new BadUserInputError(`${PLATFORM_SECURITY_CHANGED_TASK} 的任务数据不完整或无效`);
  return value as PlatformSecurityChangedPayload;
}
