// What this subgraph returns for things others own: a key for an entity, a Region for a stored code.
import type { RegionInfo } from '../kit/regions';
import { regionField } from '../kit/shared-resolvers';

/** An entity of another subgraph (InformationSystem, Provider, Unit, Application), as this one knows it: its key. */
export interface Reference {
  id: string;
}

/**
 * The Region of a row's region code. Every row is stamped with a known code, so this is never null;
 * were it null, GraphQL would refuse the non-null field just as before the types said so.
 */
export function regionOf(code: string): RegionInfo {
  return regionField(code)!;
}
