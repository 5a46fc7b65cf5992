import { PrincipalPicker } from './PrincipalPicker';

interface HeaderProps {
  token: string;
  onTokenChange: (token: string) => void;
  /** Development only: the gateway's token path for the principal picker. */
  devTokenPath?: string;
  graphqlPath: string;
}

/** Title bar with the bearer-token field that feeds the Authorization header. */
export function Header({ token, onTokenChange, devTokenPath, graphqlPath }: HeaderProps) {
  return (
    <header className="govcloud-header">
      <h1 className="govcloud-title">GovCloud Graph · 滨州市统一电子政务云</h1>
      <label className="govcloud-token">
        <span>访问令牌</span>
        <input
          type="password"
          value={token}
          onChange={(event) => onTokenChange(event.target.value)}
          placeholder="粘贴 Bearer 令牌"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="govcloud-token-hint"
        />
        {token ? (
          <button type="button" onClick={() => onTokenChange('')} title="清除已保存的令牌">
            清除
          </button>
        ) : null}
      </label>
      {devTokenPath ? <PrincipalPicker devTokenPath={devTokenPath} graphqlPath={graphqlPath} onToken={onTokenChange} /> : null}
      <p id="govcloud-token-hint" className="govcloud-hint">
        在终端运行 <code>npm run token -- --role BUREAU</code> 获取令牌；令牌保存在本浏览器中，并以 <code>Authorization: Bearer …</code>{' '}
        请求头随每个查询发送。
        <span className={token ? 'govcloud-state govcloud-state-on' : 'govcloud-state'}>{token ? '已设置令牌' : '未设置令牌'}</span>
      </p>
    </header>
  );
}
