import { useEffect, useState } from 'react';

import type { Role } from '../../../subgraphs/kit/principal';
import { loadDirectory, requestDevToken, ROLE_NAMES, ROLES, scopeChoices, scopeKind, type DirectoryEntries } from './directory';

interface PrincipalPickerProps {
  devTokenPath: string;
  graphqlPath: string;
  onToken: (token: string) => void;
}

/**
 * Development only (the gateway names a token path only then): choose a role and its scope from
 * the running system's directory, and the token field is filled with a development token for it.
 */
export function PrincipalPicker({ devTokenPath, graphqlPath, onToken }: PrincipalPickerProps) {
  const [role, setRole] = useState<Role>(ROLES[0]!);
  const [scope, setScope] = useState(0);
  const [entries, setEntries] = useState<DirectoryEntries>();
  const [status, setStatus] = useState<string>('');
  const kind = scopeKind(role);
  const choices = scopeChoices(role, entries);

  useEffect(() => {
    if ((kind !== 'unit' && kind !== 'provider') || entries) return;
    let cancelled = false;
    setStatus('正在读取单位与服务商目录…');
    loadDirectory(devTokenPath, graphqlPath).then(
      (loaded) => {
        if (cancelled) return;
        setEntries(loaded);
        setStatus('');
      },
      (error: unknown) => !cancelled && setStatus(`无法读取目录：${(error as Error).message}`),
    );
    return () => {
      cancelled = true;
    };
  }, [kind, entries, devTokenPath, graphqlPath]);

  const fill = async () => {
    const choice = choices[scope];
    if (kind !== 'none' && !choice) return;
    try {
      onToken(await requestDevToken(devTokenPath, { role, ...choice?.claims }));
      setStatus(`已填入 ${ROLE_NAMES[role]}${choice ? ` · ${choice.label}` : ''} 的开发令牌`);
    } catch (error) {
      setStatus(`签发失败：${(error as Error).message}`);
    }
  };

  return (
    <div className="govcloud-picker" role="group" aria-label="开发环境身份选择">
      <span className="govcloud-picker-tag" title="仅开发环境提供；生产环境只能粘贴令牌">
        开发身份
      </span>
      <select
        aria-label="角色"
        value={role}
        onChange={(event) => {
          setRole(event.target.value as Role);
          setScope(0);
        }}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {ROLE_NAMES[value]} ({value})
          </option>
        ))}
      </select>
      {kind === 'none' ? null : (
        <select aria-label="范围" value={scope} onChange={(event) => setScope(Number(event.target.value))} disabled={choices.length === 0}>
          {choices.map((choice, index) => (
            <option key={choice.label} value={index}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
      <button type="button" onClick={() => void fill()} disabled={kind !== 'none' && choices.length === 0}>
        填入令牌
      </button>
      {status ? <span className="govcloud-picker-status">{status}</span> : null}
    </div>
  );
}
