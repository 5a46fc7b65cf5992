// What the applications subgraph needs of the security subgraph to check MLPS_PLATFORM_LEVEL
// (第二十一条) when a system is to run on a provider's platform: the system's MLPS level and the
// platform's. Security owns both (the grading, the platform's filing); a port, so services are
// tested without HTTP; the subgraph runs it over HTTP (mlps-platform-port-http.ts).
import type { Principal } from '../../kit/principal';

/** The system's MLPS level and the platform's, as the caller sees them; null where none is recorded. */
export interface HostingLevels {
  /** The system's graded level (1–5); null while it is not graded. */
  systemLevel: number | null;
  /** The provider's platform level (its MLPS filing); null when none is recorded. */
  platformLevel: number | null;
}

export interface MlpsPlatformPort {
  /** Throws SERVICE_UNAVAILABLE when security cannot be asked: never an answer that passes. */
  levelsFor(systemId: string, providerId: string): Promise<HostingLevels>;
}

export type MlpsPlatformPortFor = (principal: Principal) => MlpsPlatformPort;
