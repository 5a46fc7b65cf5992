import { describe, expect, it } from 'vitest';
import { ConfigError, readSubgraphUrls } from '../../../subgraphs/kit/config';

describe('readSubgraphUrls', () => {
  it('defaults to 127.0.0.1 on each subgraph port, honouring <NAME>_PORT', () => {
    expect(readSubgraphUrls({ SECURITY_PORT: '5003' })).toEqual({
      providers: 'http://127.0.0.1:4001/graphql',
      applications: 'http://127.0.0.1:4002/graphql',
      security: 'http://127.0.0.1:5003/graphql',
      supervision: 'http://127.0.0.1:4004/graphql',
    });
  });

  it('takes <NAME>_URL as given and refuses one that is not http(s)', () => {
    expect(readSubgraphUrls({ PROVIDERS_URL: ' http://providers:4001/graphql ' }).providers).toBe('http://providers:4001/graphql');
    expect(() => readSubgraphUrls({ APPLICATIONS_URL: 'ftp://x/graphql' })).toThrow(ConfigError);
    expect(() => readSubgraphUrls({ SUPERVISION_URL: 'not a url' })).toThrow(/SUPERVISION_URL/);
  });
});
