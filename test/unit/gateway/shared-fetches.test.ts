// Identical query fetches in flight are sent once (gateway/src/shared-fetches.ts), but a query that
// arrives after a write has ended never joins a fetch that began before it: read-your-writes.
// (test/e2e/shared-fetches.e2e.test.ts shows the sharing and its scoping over real HTTP.)
import { describe, expect, it } from 'vitest';
import { createSharedFetches, SHAREABLE_FETCH_HEADER } from '../../../gateway/src/shared-fetches';
import { PRINCIPAL_HEADER } from '../../../subgraphs/kit/internal-token';

/** A token as the gateway signs it: only its payload's claims matter here. */
const tokenOf = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
const principal = tokenOf({ role: 'BUREAU', sub: 'a', iat: 1 });
const query = { method: 'POST', body: '{"query":"{ a }"}', headers: { [PRINCIPAL_HEADER]: principal, [SHAREABLE_FETCH_HEADER]: '1' } };
const mutation = { method: 'POST', body: '{"query":"mutation { b }"}', headers: { [PRINCIPAL_HEADER]: principal } };

/** A backend whose answers the test releases one by one. */
function heldBackend() {
  const sent: Array<{ body: string; release: () => void }> = [];
  const send = (_url: string, init: { body?: unknown }) =>
    new Promise<string>((resolve) => sent.push({ body: String(init.body), release: () => resolve(String(init.body)) }));
  return { sent, send };
}

describe('createSharedFetches', () => {
  it('shares an identical query fetch in flight, but not across a write that ended meanwhile', async () => {
    const shared = createSharedFetches({ enabled: true });
    const backend = heldBackend();
    const first = shared.fetch('s', 'http://sub/graphql', query, backend.send);
    const joined = shared.fetch('s', 'http://sub/graphql', query, backend.send);
    expect(backend.sent).toHaveLength(1);

    // A write in flight does not stop sharing; once it has ended, a later query is sent anew.
    const write = shared.fetch('s', 'http://sub/graphql', mutation, backend.send);
    expect(shared.fetch('s', 'http://sub/graphql', query, backend.send)).toBe(joined);
    backend.sent[1]!.release();
    await write;
    const afterWrite = shared.fetch('s', 'http://sub/graphql', query, backend.send);
    expect(backend.sent.map((fetch) => fetch.body)).toEqual([query.body, mutation.body, query.body]);
    expect(afterWrite).not.toBe(first);

    backend.sent[0]!.release();
    backend.sent[2]!.release();
    expect(await Promise.all([first, joined, afterWrite])).toEqual([query.body, query.body, query.body]);
    // The first fetch ending does not drop the newer one: a query now joins the newer until it ends.
    expect(backend.sent).toHaveLength(3);
  });

  it('sends every fetch when turned off, and never shares a mutation', async () => {
    for (const enabled of [false, true]) {
      const shared = createSharedFetches({ enabled });
      const backend = heldBackend();
      const init = enabled ? mutation : query;
      void shared.fetch('s', 'http://sub/graphql', init, backend.send);
      void shared.fetch('s', 'http://sub/graphql', init, backend.send);
      expect(backend.sent).toHaveLength(2);
      for (const fetch of backend.sent) fetch.release();
    }
  });

  it('shares between two signings of one principal, never between two principals, each token read as often as it comes', async () => {
    const shared = createSharedFetches({ enabled: true });
    const backend = heldBackend();
    const withToken = (token: string) => ({ ...query, headers: { ...query.headers, [PRINCIPAL_HEADER]: token } });
    const county = (region: string, iat: number) => tokenOf({ role: 'COUNTY_AUTHORITY', region, sub: 'c', iat, exp: iat + 60 });
    // Each three times, so later readings of a token are the remembered ones.
    for (let round = 0; round < 3; round++) {
      void shared.fetch('s', 'http://sub/graphql', withToken(county('371602', 1)), backend.send);
      void shared.fetch('s', 'http://sub/graphql', withToken(county('371602', 2)), backend.send);
      void shared.fetch('s', 'http://sub/graphql', withToken(county('371603', 1)), backend.send);
      void shared.fetch('s', 'http://sub/graphql', withToken('not-a-token'), backend.send);
    }
    // 371602 once for both signings, 371603 once, and the unreadable token each time: never shared.
    expect(backend.sent).toHaveLength(5);
    for (const fetch of backend.sent) fetch.release();
  });
});
