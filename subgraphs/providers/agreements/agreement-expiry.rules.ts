// EXIT_TRANSITION_3M and TERM_MAX_3Y (第九条): an agreement left to expire is not renewed (延续) but
// ends; when a provider's last city agreement in force has ended, nothing designates it any more and
// its exit starts (reason EXPIRY) with a full three-month transition from the day it is recorded.
// When only a county's agreement ended unrenewed while the city's goes on, the provider exits that
// county alone, with the same transition (countyExitPlan). Pure, no database.
import { CITY_REGION_CODE } from '../../kit/regions';
import { minimumTransitionEnd } from '../exits/exits.rules';
import type { AgreementStatus, ProviderStatus } from '../generated/graphql';

export interface ExpiryFacts {
  providerStatus: ProviderStatus;
  /** Whether the provider has an exit in transition already. */
  exitOpen: boolean;
  /** The provider's city agreements (any status), with their terms. */
  cityAgreements: ReadonlyArray<{ status: AgreementStatus; endsOn: string }>;
}

/** Whether the provider still holds a city agreement that has not ended (one procured again counts, even if it starts later). */
export function holdsCityAgreement(facts: ExpiryFacts, today: string): boolean {
  return facts.cityAgreements.some((agreement) => agreement.status === 'ACTIVE' && agreement.endsOn >= today);
}

/** The exit the expiry starts, or null when the provider still holds a city agreement or is already exiting or out. */
export function expiryExitPlan(facts: ExpiryFacts, today: string): { startedOn: string; transitionEndsOn: string } | null {
  if (holdsCityAgreement(facts, today) || facts.exitOpen) return null;
  if (facts.providerStatus !== 'DESIGNATED' && facts.providerStatus !== 'RECTIFYING') return null;
  return { startedOn: today, transitionEndsOn: minimumTransitionEnd(today) };
}

export interface CountyExpiryFacts {
  providerStatus: ProviderStatus;
  /** The provider's city agreements (any status). */
  cityAgreements: ReadonlyArray<{ status: AgreementStatus; endsOn: string }>;
  /** Its agreements with the county (any status). */
  countyAgreements: ReadonlyArray<{ status: AgreementStatus; endsOn: string }>;
  /** The scopes of the provider's exits in transition (371600 for a city-wide one). */
  openExitRegions: readonly string[];
}

/**
 * EXIT_TRANSITION_3M (第九条): the exit from one county whose agreement expired unrenewed, or null
 * when the county renewed or procured again, the provider exits the city (which covers the county)
 * or the county already, or it is not designated.
 */
export function countyExitPlan(
  facts: CountyExpiryFacts,
  regionCode: string,
  today: string,
): { regionCode: string; startedOn: string; transitionEndsOn: string } | null {
  if (facts.providerStatus !== 'DESIGNATED' && facts.providerStatus !== 'RECTIFYING') return null;
  if (!holdsCityAgreement({ ...facts, exitOpen: false }, today)) return null;
  if (facts.countyAgreements.some((agreement) => agreement.status === 'ACTIVE' && agreement.endsOn >= today)) return null;
  if (facts.openExitRegions.includes(regionCode) || facts.openExitRegions.includes(CITY_REGION_CODE)) return null;
  return { regionCode, startedOn: today, transitionEndsOn: minimumTransitionEnd(today) };
}
