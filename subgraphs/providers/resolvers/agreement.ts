import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import type { AgreementEntity, ProviderExitEntity } from '../entities';
import { effectiveAgreementStatus, isAgreementActive } from '../rules/agreement-terms';
import { daysBetween, todayInChina } from '../../kit/dates';
import type { ProvidersContext } from './context';

export const Agreement = {
  __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.agreementById.load(reference.id),
  provider: (agreement: AgreementEntity, _: unknown, context: ProvidersContext) => context.loaders.providerById.load(agreement.providerId),
  region: (agreement: AgreementEntity) => regionField(agreement.regionCode),
  level: (agreement: AgreementEntity) => regionByCode(agreement.regionCode)?.level ?? 'COUNTY',
  status: (agreement: AgreementEntity) => effectiveAgreementStatus(agreement.status, agreement.endsOn, todayInChina()),
  active: (agreement: AgreementEntity) => isAgreementActive(agreement.status, agreement.startsOn, agreement.endsOn, todayInChina()),
  cityAgreement: (agreement: AgreementEntity, _: unknown, context: ProvidersContext) =>
    agreement.cityAgreementId ? context.loaders.agreementById.load(agreement.cityAgreementId) : null,
};

export const ProviderExit = {
  __resolveReference: (reference: { id: string }, context: ProvidersContext) => context.loaders.exitById.load(reference.id),
  provider: (exit: ProviderExitEntity, _: unknown, context: ProvidersContext) => context.loaders.providerById.load(exit.providerId),
  transitionDays: (exit: ProviderExitEntity) => daysBetween(exit.startedOn, exit.transitionEndsOn),
};
