// The applications subgraph owns government information systems; the security and supervision
// subgraphs need a few facts of each — owner unit, region, hosting provider, go-live and
// retirement — to scope its records and compute its deadlines (MLPS_6M, MLPS_PLATFORM_LEVEL). Every
// change of a system is published in the transaction that makes it; each subscriber keeps a replica
// that takes only revisions newer than the one it holds, whatever the order of delivery.
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { enqueueEffect } from '../kit/jobs';

/** The subscribers' tasks: one job each per change. */
export const SYSTEM_CHANGED_TASKS = ['security.systemChanged', 'supervision.systemChanged'] as const;

export interface SystemFacts {
  systemId: string;
  code: string;
  name: string;
  unitId: string;
  regionCode: string;
  /** Null when the system is exempt from the cloud (ON_CLOUD). */
  providerId: string | null;
  deploymentMode: 'ON_CLOUD' | 'MIGRATING' | 'EXEMPT';
  goLiveOn: string | null;
  retiredOn: string | null;
  isDisasterRecovery: boolean;
  isStandby: boolean;
  /** The system's revision after the change; a replica keeps the highest it has seen. */
  revision: number;
}

/** A system as its owner or the demo world holds it: the fields the facts are made of. */
export type SystemWithFacts = Omit<SystemFacts, 'systemId' | 'revision'> & { id: string };

/** The facts of `system` at `revision` (extra fields of the source are left out). */
export function factsOfSystem(system: SystemWithFacts, revision: number): SystemFacts {
  return {
    systemId: system.id,
    code: system.code,
    name: system.name,
    unitId: system.unitId,
    regionCode: system.regionCode,
    providerId: system.providerId,
    deploymentMode: system.deploymentMode,
    goLiveOn: system.goLiveOn,
    retiredOn: system.retiredOn,
    isDisasterRecovery: system.isDisasterRecovery,
    isStandby: system.isStandby,
    revision,
  };
}

/** Enqueues the system's current facts for every subscriber, in the caller's transaction. */
export async function publishSystemFacts(manager: EntityManager, facts: SystemFacts): Promise<void> {
  for (const task of SYSTEM_CHANGED_TASKS) {
    await enqueueEffect(manager, task, facts, { jobKey: `${task}:${facts.systemId}:${facts.revision}` });
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const nullableDate = (value: unknown) => value === null || (typeof value === 'string' && DATE.test(value));

/** The payload as a worker receives it (any JSON); BAD_USER_INPUT when it cannot be one. */
export function parseSystemFacts(payload: unknown): SystemFacts {
  const value = (payload ?? {}) as Partial<Record<keyof SystemFacts, unknown>>;
  const valid =
    isUuid(value.systemId) &&
    isUuid(value.unitId) &&
    typeof value.code === 'string' &&
    typeof value.name === 'string' &&
    typeof value.regionCode === 'string' &&
    /^\d{6}$/.test(value.regionCode) &&
    (value.providerId === null || isUuid(value.providerId)) &&
    (value.deploymentMode === 'ON_CLOUD' || value.deploymentMode === 'MIGRATING' || value.deploymentMode === 'EXEMPT') &&
    nullableDate(value.goLiveOn) &&
    nullableDate(value.retiredOn) &&
    typeof value.isDisasterRecovery === 'boolean' &&
    typeof value.isStandby === 'boolean' &&
    typeof value.revision === 'number' &&
    Number.isSafeInteger(value.revision) &&
    value.revision >= 1;
  if (!valid) throw new BadUserInputError('systemChanged 的任务数据不完整或无效');
  return value as SystemFacts;
}
