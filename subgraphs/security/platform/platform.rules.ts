// Pure checks of a provider platform's security duties (第二十条, with 第七条 and PROVIDER_QUALIFIED):
// no database, so unit tests can pin them down date by date.
import { addMonths, addYears } from '../../kit/dates';
import type { Article20Gap } from '../generated/graphql';

/**
 * A government cloud platform is protected at MLPS level 3 or above (GB/T 22239-2019 cloud
 * extension; the level the city's designation requires, 第七条、第二十条). Below it the platform
 * does not meet 第二十条.
 */
export const MIN_PLATFORM_MLPS_LEVEL = 3;

/**
 * A central cybersecurity review (中央网信办安全审查, 《云计算服务安全评估办法》) stays valid 3 years
 * unless the review states another end date.
 */
export const CYBERSECURITY_REVIEW_VALIDITY_YEARS = 3;

/**
 * The yearly expectation for disaster-recovery drills: 第二十条 asks providers to "定期…开展应急演练";
 * the city reads 定期 as at least one drill every 12 months.
 */
export const DRILL_INTERVAL_MONTHS = 12;

export interface PlatformSecurityFacts {
  platformMlpsLevel: number;
  cybersecurityReviewPassedOn: string | null;
  cybersecurityReviewValidUntil?: string | null;
}

export function platformLevelMeetsArticle20(level: number): boolean {
  return level >= MIN_PLATFORM_MLPS_LEVEL;
}

/** The review's last valid day: the one it states, else passed on + 3 years; null when never passed. */
export function reviewValidUntil(passedOn: string | null, validUntil?: string | null): string | null {
  if (!passedOn) return null;
  return validUntil ?? addYears(passedOn, CYBERSECURITY_REVIEW_VALIDITY_YEARS);
}

/** Passed, and `today` is not after its last valid day. */
export function reviewIsValid(passedOn: string | null, validUntil: string | null | undefined, today: string): boolean {
  const until = reviewValidUntil(passedOn, validUntil);
  return until !== null && today <= until;
}

/** Every reason the platform falls short of 第二十条 today, in a fixed order; empty when it meets it. */
export function article20GapsOf(facts: PlatformSecurityFacts, today: string): Article20Gap[] {
  const gaps: Article20Gap[] = [];
  if (!platformLevelMeetsArticle20(facts.platformMlpsLevel)) gaps.push('PLATFORM_LEVEL_BELOW_3');
  if (!facts.cybersecurityReviewPassedOn) gaps.push('CYBERSECURITY_REVIEW_MISSING');
  else if (!reviewIsValid(facts.cybersecurityReviewPassedOn, facts.cybersecurityReviewValidUntil, today))
    gaps.push('CYBERSECURITY_REVIEW_EXPIRED');
  return gaps;
}

/** The latest drill date, or null when there was none. */
export function lastDrillOn(drills: ReadonlyArray<{ drilledOn: string }>): string | null {
  let latest: string | null = null;
  for (const drill of drills) if (latest === null || drill.drilledOn > latest) latest = drill.drilledOn;
  return latest;
}

/** When the next drill is due: 12 months after the last; null when none was ever held (due now). */
export function nextDrillDueOn(lastOn: string | null): string | null {
  return lastOn ? addMonths(lastOn, DRILL_INTERVAL_MONTHS) : null;
}

/** A drill happened in the 12 months up to and including `today` (one exactly 12 months ago still counts). */
export function drilledWithinInterval(lastOn: string | null, today: string): boolean {
  return lastOn !== null && lastOn <= today && lastOn >= addMonths(today, -DRILL_INTERVAL_MONTHS);
}
