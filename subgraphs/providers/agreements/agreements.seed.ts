// The demo world's city and county agreements.
import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { CITY_REGION_CODE, regionByCode } from '../../kit/regions';
import { insertAll } from '../../kit/insert-all';
import { BUREAU, at } from '../directory/directory.seed';
import { AgreementEntity } from './agreement.entity';

export async function seedAgreements(manager: EntityManager, world: World): Promise<void> {
  // City agreements first: county rows reference them.
  const agreements = [...world.agreements].sort((a, b) => Number(a.cityAgreementId !== null) - Number(b.cityAgreementId !== null));
  await insertAll(
    manager,
    AgreementEntity,
    agreements.map((agreement) => ({
      id: agreement.id,
      providerId: agreement.providerId,
      regionCode: agreement.regionCode,
      number: agreement.number,
      signedOn: agreement.signedOn,
      startsOn: agreement.startsOn,
      endsOn: agreement.endsOn,
      status: agreement.status,
      cityAgreementId: agreement.cityAgreementId,
      testEnvironmentDeliveryDays: agreement.testEnvironmentDeliveryDays,
      renewalTerms: agreement.renewalTerms,
      exitTerms: agreement.exitTerms,
      signedBy:
        agreement.regionCode === CITY_REGION_CODE
          ? BUREAU
          : `${regionByCode(agreement.regionCode)?.name ?? agreement.regionCode}电子政务主管部门`,
      terminatedOn: null,
      termStartsOn: agreement.startsOn,
      renewedOn: null,
      renewedBy: null,
      createdAt: at(agreement.signedOn),
    })),
  );
}
