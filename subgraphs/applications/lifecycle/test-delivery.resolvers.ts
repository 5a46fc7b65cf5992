// TEST_30D (第十三条): the provider's test-environment delivery deadline, as the application shows it.
import { todayInChina } from '../../kit/dates';
import type { ApplicationResolvers, Resolvers } from '../generated/graphql';
import type { ApplicationEntity } from './application.entity';
import { isTestDeliveryOverdue, testDeliveryDue } from './test-delivery.rules';

const Application = {
  testEnvironmentDueOn: (application: ApplicationEntity) => testDeliveryDue(application.procuredOn, application.testDeliveryDays),
  testEnvironmentOverdue: (application: ApplicationEntity) =>
    isTestDeliveryOverdue(testDeliveryDue(application.procuredOn, application.testDeliveryDays), application.testStartedOn, todayInChina()),
} satisfies ApplicationResolvers;

export const testDeliveryResolvers = { Application } satisfies Resolvers;
