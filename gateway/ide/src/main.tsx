// GovCloud Graph IDE: GraphiQL 4 (CodeMirror 5, so no web workers) bundled
// with everything it needs, because analysts' browsers cannot reach a CDN.
import 'graphiql/style.css';
import './ide.css';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';

import { exampleTabs } from './examples';
import { ExportButtons } from './ExportButtons';
import { Header } from './Header';
import { START_DOCUMENT } from './start-document';
import { authHeaders, useDebounced, useStoredToken } from './token';

// The gateway rewrites this meta tag when it serves GraphQL on another path.
function graphqlUrl(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="govcloud-graphql-path"]');
  return meta?.content || '/graphql';
}

// Present only in development (gateway/src/server.ts): the principal picker's token path.
function devTokenPath(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="govcloud-dev-token-path"]')?.content || undefined;
}

// `?query=` (and `?variables=`) make a query shareable as a link, as in the
// stock GraphiQL page. The shared query opens as its own first tab.
function initialFromUrl(): { query?: string; variables?: string } {
  const params = new URLSearchParams(window.location.search);
  return {
    query: params.get('query') ?? undefined,
    variables: params.get('variables') ?? undefined,
  };
}

function App() {
  const [token, setToken] = useStoredToken();
  const settledToken = useDebounced(token, 400);
  const url = useMemo(graphqlUrl, []);
  const initial = useMemo(initialFromUrl, []);
  const devTokens = useMemo(devTokenPath, []);

  // A new fetcher per token: the toolkit takes static headers, and GraphiQL
  // re-introspects on a new fetcher, so the schema reflects the new role.
  const fetcher = useMemo(() => createGraphiQLFetcher({ url, headers: authHeaders(settledToken) }), [url, settledToken]);

  const defaultTabs = useMemo(
    () => (initial.query ? [{ query: initial.query, variables: initial.variables }, ...exampleTabs] : exampleTabs),
    [initial],
  );

  return (
    <>
      <Header token={token} onTokenChange={setToken} devTokenPath={devTokens} graphqlPath={url} />
      <div className="govcloud-ide">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={defaultTabs}
          defaultQuery={START_DOCUMENT}
          query={initial.query}
          variables={initial.variables}
          defaultEditorToolsVisibility={false}
        >
          <GraphiQL.Logo>政务云数据查询</GraphiQL.Logo>
          <GraphiQL.Toolbar>
            {({ prettify, merge, copy }) => (
              <>
                {prettify}
                {merge}
                {copy}
                <ExportButtons />
              </>
            )}
          </GraphiQL.Toolbar>
        </GraphiQL>
      </div>
    </>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
