// TEST_30D (第十三条): the provider delivers the test environment within the time its agreement sets
// (working days, as the providers subgraph's Agreement.testEnvironmentDeliveryDays says), counted
// from procurement. Late delivery is flagged, not blocked.
import { addWorkingDays, type WorkingDayResult } from '../../kit/working-days';
import type { ProviderDesignation } from './designated-provider.rules';

/** The delivery days of the agreement in force at `regionCode` today; null when the answer has none. */
export function deliveryDaysInForce(provider: ProviderDesignation | null, regionCode: string, today: string): number | null {
  const agreement = provider?.agreements.find(
    (candidate) => candidate.regionCode === regionCode && candidate.active && candidate.startsOn <= today && today <= candidate.endsOn,
  );
  return agreement?.testEnvironmentDeliveryDays ?? null;
}

/** The day the test environment is due: `days` working days after procurement; null before procurement or without days. */
export function testDeliveryDue(procuredOn: string | null, days: number | null): string | null {
  return testDeliveryDeadline(procuredOn, days)?.date ?? null;
}

/** `testDeliveryDue` with whether it is an estimate (a year without a published calendar crossed). */
export function testDeliveryDeadline(procuredOn: string | null, days: number | null): WorkingDayResult | null {
  return procuredOn && days ? addWorkingDays(procuredOn, days) : null;
}

/** Delivered after its due day, or still undelivered on a day past it. */
export function isTestDeliveryOverdue(dueOn: string | null, deliveredOn: string | null, today: string): boolean {
  return dueOn !== null && (deliveredOn ?? today) > dueOn;
}
