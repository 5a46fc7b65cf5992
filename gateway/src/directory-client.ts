// How the gateway asks the directory (kit/directory.ts): units at the applications subgraph,
// providers at the providers subgraph, over their internal routes with the gateway's directory
// token, and remembers answers briefly so most requests cost no round trip. Anything but a clean
// answer is SERVICE_UNAVAILABLE: an identity that cannot be checked is never let through.
import { LRUCache } from 'lru-cache';
import { directoryPathOf, type DirectoryKind, type ProviderDirectoryEntry, type UnitDirectoryEntry } from '../../subgraphs/kit/directory';
import { DirectoryUnavailableError } from '../../subgraphs/kit/errors';
import { DIRECTORY_TOKEN_HEADER, signDirectoryToken } from '../../subgraphs/kit/internal-token';
import { componentLogger } from '../../subgraphs/kit/log';

/** What the directory knows of a unit or provider; null when no such id exists. */
export interface Directory {
  unit(id: string): Promise<UnitDirectoryEntry | null>;
  provider(id: string): Promise<ProviderDirectoryEntry | null>;
}

export const DIRECTORY_UNAVAILABLE = '暂时无法核验身份：单位与服务商目录不可用，请稍后重试 (the directory cannot be asked right now)';

export interface HttpDirectoryOptions {
  /** The applications subgraph's GraphQL URL; its directory route is on the same origin. */
  applicationsUrl: string;
  /** The providers subgraph's GraphQL URL. */
  providersUrl: string;
  internalTokenSecret: string;
  timeoutMs?: number;
  /** Where the reason for an unavailable directory goes (never to the client). Default: the log, at warn. */
  log?: (message: string) => void;
}

export function createHttpDirectory(options: HttpDirectoryOptions): Directory {
  const timeoutMs = options.timeoutMs ?? 3000;
  const log = options.log ?? ((message: string) => componentLogger('directory').warn(message));
  const ask = async <T>(kind: DirectoryKind, base: string, id: string): Promise<T | null> => {
    const url = new URL(directoryPathOf(kind, id), base);
    let response: Response;
    let body: { entry?: T | null };
    try {
      response = await fetch(url, {
        headers: { [DIRECTORY_TOKEN_HEADER]: await signDirectoryToken(options.internalTokenSecret), accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = (await response.json()) as { entry?: T | null };
    } catch (error) {
      log(`[gateway] directory ${url.origin}${url.pathname} failed: ${String(error)}`);
      throw new DirectoryUnavailableError(DIRECTORY_UNAVAILABLE);
    }
    if (response.status !== 200 || body.entry === undefined) {
      log(`[gateway] directory ${url.origin}${url.pathname} answered HTTP ${response.status}`);
      throw new DirectoryUnavailableError(DIRECTORY_UNAVAILABLE);
    }
    return body.entry;
  };
  return {
    unit: (id) => ask<UnitDirectoryEntry>('units', options.applicationsUrl, id),
    provider: (id) => ask<ProviderDirectoryEntry>('providers', options.providersUrl, id),
  };
}

export interface DirectoryCacheOptions {
  /** Most answers kept (least recently used go first). Default 10,000. */
  max?: number;
  /**
   * How long an answer is trusted. Default 60 s: a unit deactivated or a provider removed is
   * refused at most this long after; a new one is accepted at most this long after a miss.
   */
  ttlMs?: number;
  /** The clock ages are measured by (tests); default performance.now. */
  now?: () => number;
}

/**
 * Remembers the directory's answers, "no such id" included, for `ttlMs`. Concurrent questions
 * for one id share one request. Failures are not remembered: the next request asks again; until
 * the directory answers, an id it answered for before keeps that (stale) answer.
 */
export function cachedDirectory(directory: Directory, options: DirectoryCacheOptions = {}): Directory {
  const cacheOf = <T extends object>(load: (id: string) => Promise<T | null>) =>
    new LRUCache<string, { entry: T | null }>({
      max: options.max ?? 10_000,
      ttl: options.ttlMs ?? 60_000,
      // A given clock is read on every check; the default one is read at most once a millisecond.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      fetchMethod: async (id) => ({ entry: await load(id) }),
      // While the directory's subgraph is down, a principal it answered for before keeps its last
      // answer, so one subgraph's outage does not lock its known users out of the other three.
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
    });
  const units = cacheOf((id) => directory.unit(id));
  const providers = cacheOf((id) => directory.provider(id));
  const answerOf = async <T extends object>(cache: LRUCache<string, { entry: T | null }>, id: string) => {
    const answer = await cache.fetch(id);
    // Only an aborted fetch leaves no answer; that is no answer, not "no such id".
    if (!answer) throw new DirectoryUnavailableError(DIRECTORY_UNAVAILABLE);
    return answer.entry;
  };
  return {
    unit: (id) => answerOf(units, id),
    provider: (id) => answerOf(providers, id),
  };
}
