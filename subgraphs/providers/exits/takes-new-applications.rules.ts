// Whether a provider takes new applications (第九条、第十一条, DESIGNATED_PROVIDER): only while designated
// and not exiting (EXIT_TRANSITION_3M), and only while its qualifications hold (PROVIDER_QUALIFIED,
// 第七条、第二十条) — a lapsed qualification stops new applications as an exit does, while the
// systems it already hosts keep running; a provider exiting one county takes none from that county.
// Pure, no database.
import { CITY_REGION_CODE } from '../../kit/regions';
import type { ProviderExitStatus, ProviderStatus } from '../generated/graphql';
import { isQualified, type QualificationFacts } from '../directory/directory.rules';
import { acceptsNewApplications } from './exits.rules';

export function takesNewApplications(
  provider: QualificationFacts & { status: ProviderStatus },
  today: string,
  /** The applicant's level; a county's code also asks whether the provider is exiting that county. */
  regionCode: string | null = null,
  exits: ReadonlyArray<{ regionCode: string; status: ProviderExitStatus }> = [],
): boolean {
  if (!acceptsNewApplications(provider.status) || !isQualified(provider, today)) return false;
  // EXIT_TRANSITION_3M (第九条): a provider exiting one county takes no new application there.
  return !exits.some((exit) => exit.status === 'IN_TRANSITION' && exit.regionCode !== CITY_REGION_CODE && exit.regionCode === regionCode);
}
