import type { SupervisionContext } from '../loaders';
import { requireUtilisationDays } from '../services/utilisation.rules';

interface SystemReference {
  id: string;
}

/**
 * The applications subgraph owns systems; here a reference is only a key and `utilisation` is
 * scoped by its loader, so an out-of-scope system shows none.
 */
export const InformationSystem = {
  __resolveReference: (reference: SystemReference): SystemReference => ({ id: reference.id }),
  utilisation: (system: SystemReference, { days }: { days: number }, ctx: SupervisionContext) =>
    ctx.loaders.utilisationBySystemId(requireUtilisationDays(days)).load(system.id),
};
