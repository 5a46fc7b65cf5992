// Apollo Gateway's default HTTP client (make-fetch-happen) never loads in the city's gateway:
// unused-http-client.ts, imported before @apollo/gateway, loads the two modules that require it
// with a stand-in. Run in fresh processes, since a test worker may have loaded the gateway already.
import { describe, expect, it } from 'vitest';
import { lastLineOfScript } from '../../setup/fresh-process';

const loadedMakeFetchHappen = `Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/](make-fetch-happen|cacache)[\\\\/]/.test(file))`;

describe('make-fetch-happen', () => {
  it('is not loaded by a gateway that imports unused-http-client.ts first; its data sources fetch with the client they are given', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      await import('./gateway/src/unused-http-client.ts');
      const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
      const require = createRequire(import.meta.url);
      const given = async () => 'given';
      const gateway = new ApolloGateway({
        supergraphSdl: readFileSync('schema/supergraph.graphql', 'utf8'),
        buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: given }),
      });
      await gateway.load();
      let refusal = '';
      try { await new RemoteGraphQLDataSource({ url: 'http://127.0.0.1:1/' }).fetcher('http://127.0.0.1:1/'); } catch (error) { refusal = error.message; }
      const withFetcher = await new RemoteGraphQLDataSource({ url: 'http://127.0.0.1:1/', fetcher: given }).fetcher('x');
      await gateway.stop();
      console.log(JSON.stringify({ loaded: ${loadedMakeFetchHappen}, withFetcher, refusal }));
    `;
    const seen = JSON.parse(lastLineOfScript(script, ['--import', 'tsx'])) as Record<string, unknown>;
    expect(seen).toMatchObject({ loaded: [], withFetcher: 'given' });
    expect(seen.refusal).toMatch(/^make-fetch-happen 未加载.*every data source is given its fetcher/);
  }, 60_000);

  it('is loaded by the gateway without it (so the test above can fail)', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import('@apollo/gateway');
      const require = createRequire(import.meta.url);
      console.log(${loadedMakeFetchHappen}.length > 0);
    `;
    expect(lastLineOfScript(script, [])).toBe('true');
  }, 60_000);
});
