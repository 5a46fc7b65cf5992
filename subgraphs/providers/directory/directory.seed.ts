// The demo world's providers. Deterministic: ids and timestamps come from the world, never from the clock.
import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { yuanToFen } from '../../kit/money';
import { ProviderEntity } from './provider.entity';

/** Who files, caps and signs for the city in the demo world. */
export const BUREAU = '市大数据局';

/** A world date as a moment in Binzhou's working day. */
export function at(date: string, time = '09:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

export function fen(yuan: string): number {
  const value = yuanToFen(yuan);
  if (value === null) throw new Error(`world holds a malformed amount: ${yuan}`);
  return value;
}

export async function seedDirectory(manager: EntityManager, world: World): Promise<void> {
  await insertAll(
    manager,
    ProviderEntity,
    world.providers.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      shortName: p.shortName,
      unifiedSocialCreditCode: p.unifiedSocialCreditCode,
      platformName: p.platformName,
      platformLocation: p.platformLocation,
      status: p.status,
      designatedOn: p.designatedOn,
      platformMlpsLevel: p.platformMlpsLevel,
      platformMlpsCertificateNo: p.platformMlpsCertificateNo,
      platformMlpsFiledOn: p.platformMlpsFiledOn,
      cybersecurityReviewPassedOn: p.cybersecurityReviewPassedOn,
      // The security subgraph seeds each platform profile at version 1 from the same facts.
      platformSecurityVersion: 1,
      platformInBinzhou: p.platformLocation.includes('滨州市'),
      qualificationValidUntil: p.qualificationValidUntil,
      createdAt: at(p.platformMlpsFiledOn),
      updatedAt: at(p.designatedOn ?? p.platformMlpsFiledOn),
    })),
  );
}
