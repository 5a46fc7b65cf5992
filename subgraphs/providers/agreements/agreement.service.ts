// Designation agreements (定点服务协议), city and county (第九条: TERM_MAX_3Y, COUNTY_MATCHES_CITY).
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { paginateOrdered, type Connection } from '../../kit/connection';
import { BadUserInputError, ConflictError, NotFoundError } from '../../kit/errors';
import { isUuid, requireRegionCode, requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import { CITY_REGION_CODE } from '../../kit/regions';
import { AgreementEntity } from './agreement.entity';
import type { ProviderEntity } from '../directory/provider.entity';
import {
  assertAgreementTerm,
  assertCountyRenewalMatchesCity,
  assertRenewal,
  countyTermsFromCity,
  type AgreementTerms,
} from './agreements.rules';
import { assertCanRenewAgreement, assertCanSignAgreement } from '../directory/directory.rules';
import type { Actor } from '../loaders';
import { applyAgreementVisibility, type AgreementVisibility } from './agreement-visibility.service';
import { lockProvider } from '../directory/provider.service';
import type { AgreementStatus, QueryAgreementsArgs } from '../generated/graphql';
import { AGREEMENT_ORDERS, filterAgreements } from './agreement-list';

export const AGREEMENT = '定点服务协议';

function visibleAgreements(dataSource: DataSource, visibility: AgreementVisibility): SelectQueryBuilder<AgreementEntity> {
  return applyAgreementVisibility(dataSource.getRepository(AgreementEntity).createQueryBuilder('agreement'), visibility, 'agreement');
}

/** The status as of `today`: an ACTIVE agreement past its last day counts as EXPIRED. */
function whereEffectiveStatus(query: SelectQueryBuilder<AgreementEntity>, status: AgreementStatus, today: string): void {
  const params = { today };
  if (status === 'ACTIVE') query.andWhere(`agreement.status = 'ACTIVE' AND agreement.ends_on >= :today`, params);
  else if (status === 'EXPIRED')
    query.andWhere(`(agreement.status = 'EXPIRED' OR (agreement.status = 'ACTIVE' AND agreement.ends_on < :today))`, params);
  else query.andWhere(`agreement.status = 'TERMINATED'`);
}

export async function listAgreements(
  dataSource: DataSource,
  visibility: AgreementVisibility,
  filter: QueryAgreementsArgs,
  today: string,
): Promise<Connection<AgreementEntity>> {
  const query = visibleAgreements(dataSource, visibility);
  if (filter.regionCode != null)
    query.andWhere('agreement.region_code = :regionCode', { regionCode: requireRegionCode(filter.regionCode) });
  if (filter.providerId != null)
    query.andWhere('agreement.provider_id = :providerId', { providerId: requireUuid(filter.providerId, 'providerId') });
  if (filter.status) whereEffectiveStatus(query, filter.status, today);
  if (filter.filter != null) filterAgreements(query, filter.filter, today);
  return paginateOrdered(query, filter, { alias: 'agreement', ...AGREEMENT_ORDERS[filter.orderBy ?? 'SIGNED_ON_ASC'] });
}

export function agreementsByIds(
  dataSource: DataSource,
  visibility: AgreementVisibility,
  ids: readonly string[],
): Promise<AgreementEntity[]> {
  return fetchByIds(visibleAgreements(dataSource, visibility), 'agreement.id', ids);
}

/** Pages of many providers' agreements the principal sees, by the day signed, of one region or all: one statement a batch (kit/child-connection.ts). */
export function agreementPagesByProvider(dataSource: DataSource, visibility: AgreementVisibility, regionCode: string | null) {
  return childConnectionLoader({
    query: () => {
      const query = visibleAgreements(dataSource, visibility);
      return regionCode === null ? query : query.andWhere('agreement.region_code = :childRegion', { childRegion: regionCode });
    },
    alias: 'agreement',
    parentColumn: 'provider_id',
    parentOf: (agreement) => agreement.providerId,
    sortExpression: 'agreement.signed_on::text',
    sortValueOf: (agreement) => agreement.signedOn,
  });
}

export interface CityAgreementInput extends AgreementTerms {
  providerId: string;
  number: string;
  signedOn: string;
}

async function assertNumberFree(manager: EntityManager, regionCode: string, number: string): Promise<void> {
  if (await manager.getRepository(AgreementEntity).exists({ where: { regionCode, number } })) {
    throw new ConflictError(`协议编号 ${number} 已被使用`);
  }
}

/** TERM_MAX_3Y and PROVIDER_QUALIFIED: the bureau signs with a designated, qualified provider (locked by the caller). */
export async function signCityAgreement(
  manager: EntityManager,
  provider: ProviderEntity,
  input: CityAgreementInput,
  actor: Actor,
  today: string,
): Promise<AgreementEntity> {
  assertCanSignAgreement(provider.status, provider, today);
  assertAgreementTerm(input.startsOn, input.endsOn);
  // A term already over when signed designates nothing: it would only ever read EXPIRED.
  if (input.endsOn < input.signedOn) {
    throw new BadUserInputError(`服务期已于 ${input.endsOn} 结束，早于签订日期 ${input.signedOn}：不能签订已期满的协议`, 'endsOn');
  }
  const overlapping = await manager
    .getRepository(AgreementEntity)
    .createQueryBuilder('agreement')
    .where('agreement.provider_id = :providerId AND agreement.region_code = :city', { providerId: provider.id, city: CITY_REGION_CODE })
    .andWhere(`agreement.status = 'ACTIVE' AND agreement.starts_on <= :endsOn AND agreement.ends_on >= :startsOn`, {
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    })
    .getOne();
  if (overlapping)
    throw new ConflictError(`服务期与该服务商现有的市级协议 ${overlapping.number}（${overlapping.startsOn} 至 ${overlapping.endsOn}）重叠`);
  await assertNumberFree(manager, CITY_REGION_CODE, input.number);
  return insertAgreement(manager, { ...input, providerId: provider.id, regionCode: CITY_REGION_CODE, cityAgreementId: null }, actor);
}

export interface CountyAgreementInput extends Partial<AgreementTerms> {
  cityAgreementId: string;
  regionCode: string;
  number: string;
  signedOn: string;
}

/** COUNTY_MATCHES_CITY: a county mirrors an active city agreement of a designated provider. */
export async function signCountyAgreement(
  manager: EntityManager,
  input: CountyAgreementInput,
  actor: Actor,
  today: string,
): Promise<AgreementEntity> {
  if (!isUuid(input.cityAgreementId)) throw new NotFoundError('市级定点服务协议');
  const city = await manager
    .getRepository(AgreementEntity)
    .findOne({ where: { id: input.cityAgreementId }, lock: { mode: 'pessimistic_read' } });
  if (!city) throw new NotFoundError('市级定点服务协议');
  const provider = await lockProvider(manager, city.providerId);
  const terms = countyTermsFromCity({ ...city, providerStatus: provider.status }, input, today);
  // COUNTY_MATCHES_CITY: a county signs within the city's agreement, so not before the city did.
  if (input.signedOn < city.signedOn) {
    throw new BadUserInputError(`签订日期 ${input.signedOn} 早于所依据的市级协议 ${city.number} 的签订日期 ${city.signedOn}`, 'signedOn');
  }
  const existing = await manager
    .getRepository(AgreementEntity)
    .findOne({ where: { cityAgreementId: city.id, regionCode: input.regionCode, status: 'ACTIVE' } });
  if (existing) throw new ConflictError(`本县已依据该市级协议签订了协议 ${existing.number}`);
  await assertNumberFree(manager, input.regionCode, input.number);
  return insertAgreement(
    manager,
    {
      ...terms,
      providerId: provider.id,
      number: input.number,
      signedOn: input.signedOn,
      regionCode: input.regionCode,
      cityAgreementId: city.id,
      termStartsOn: city.termStartsOn,
    },
    actor,
  );
}

/** `termStartsOn`: a county copies its city agreement's current term (COUNTY_MATCHES_CITY); default the start. */
type NewAgreement = CityAgreementInput & { regionCode: string; cityAgreementId: string | null; termStartsOn?: string };

async function insertAgreement(manager: EntityManager, input: NewAgreement, actor: Actor): Promise<AgreementEntity> {
  const repository = manager.getRepository(AgreementEntity);
  const agreement = repository.create({
    id: randomUUID(),
    providerId: input.providerId,
    regionCode: input.regionCode,
    number: input.number,
    signedOn: input.signedOn,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    status: 'ACTIVE',
    cityAgreementId: input.cityAgreementId,
    testEnvironmentDeliveryDays: input.testEnvironmentDeliveryDays,
    renewalTerms: input.renewalTerms,
    exitTerms: input.exitTerms,
    signedBy: actor.subject,
    terminatedOn: null,
    termStartsOn: input.termStartsOn ?? input.startsOn,
    renewedOn: null,
    renewedBy: null,
    createdAt: new Date(),
  });
  await repository.insert(agreement);
  return agreement;
}

/** When an exit completes, the provider's agreements still in force end with it. */
export async function terminateActiveAgreements(manager: EntityManager, providerId: string, today: string): Promise<number> {
  const result = await manager
    .getRepository(AgreementEntity)
    .createQueryBuilder()
    .update()
    .set({ status: 'TERMINATED', terminatedOn: today })
    .where(`provider_id = :providerId AND status = 'ACTIVE' AND ends_on >= :today`, { providerId, today })
    .execute();
  return result.affected ?? 0;
}

export interface RenewalInput {
  agreementId: string;
  endsOn: string;
}

/**
 * TERM_MAX_3Y (第九条): renews (延续) an agreement in force (locked by the caller) for a new term of at
 * most three years from the day after its current end. The city's is renewed by the bureau with a
 * provider still designated and qualified (PROVIDER_QUALIFIED); a county's only to the end its city
 * agreement was renewed to (COUNTY_MATCHES_CITY).
 */
export async function renewAgreement(
  manager: EntityManager,
  agreement: AgreementEntity,
  input: RenewalInput,
  actor: Actor,
  today: string,
): Promise<AgreementEntity> {
  const { termStartsOn } = assertRenewal(agreement, input.endsOn, today);
  if (agreement.cityAgreementId) {
    const city = await manager
      .getRepository(AgreementEntity)
      .findOne({ where: { id: agreement.cityAgreementId }, lock: { mode: 'pessimistic_read' } });
    if (!city) throw new NotFoundError('市级定点服务协议');
    assertCountyRenewalMatchesCity(city, input.endsOn, today);
  }
  const provider = await lockProvider(manager, agreement.providerId);
  assertCanRenewAgreement(provider.status, provider, today);
  Object.assign(agreement, { endsOn: input.endsOn, termStartsOn, renewedOn: today, renewedBy: actor.subject });
  await manager.getRepository(AgreementEntity).update(agreement.id, {
    endsOn: agreement.endsOn,
    termStartsOn: agreement.termStartsOn,
    renewedOn: agreement.renewedOn,
    renewedBy: agreement.renewedBy,
  });
  return agreement;
}
