// Whether a provider takes new applications (第九条、第十一条, DESIGNATED_PROVIDER): only while designated
// and not exiting (EXIT_TRANSITION_3M), and only while its qualifications hold (PROVIDER_QUALIFIED,
// 第七条、第二十条) — a lapsed qualification stops new applications as an exit does, while the
// systems it already hosts keep running. Pure, no database.
import type { ProviderStatus } from '../generated/graphql';
import { isQualified, type QualificationFacts } from '../directory/directory.rules';
import { acceptsNewApplications } from './exits.rules';

export function takesNewApplications(provider: QualificationFacts & { status: ProviderStatus }, today: string): boolean {
  return acceptsNewApplications(provider.status) && isQualified(provider, today);
}
