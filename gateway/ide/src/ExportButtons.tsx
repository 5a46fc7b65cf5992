import { ToolbarButton, useEditorContext } from '@graphiql/react';
import { useState } from 'react';

import { exportFileName, parseResult, tableOf, toCsv } from './export';

function download(fileName: string, type: string, text: string): void {
  // A blob URL is this page's own; nothing is sent anywhere.
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const JSON_LABEL = '导出结果为 JSON';
const CSV_LABEL = '导出列表为 CSV（连接的 edges 或对象列表，每条记录一行）';

/** Toolbar buttons that download the result on screen as JSON, or its first list as CSV. */
export function ExportButtons() {
  const { responseEditor } = useEditorContext({ nonNull: true });
  const [notice, setNotice] = useState<string | null>(null);

  const exportAs = (format: 'json' | 'csv') => {
    const result = parseResult(responseEditor?.getValue());
    if (result === undefined) {
      setNotice('还没有可导出的结果：请先执行查询');
      return;
    }
    const table = tableOf(result);
    if (format === 'json') {
      download(exportFileName(table?.path ?? 'result', 'json'), 'application/json', `${JSON.stringify(result, null, 2)}\n`);
    } else if (table) {
      download(exportFileName(table.path, 'csv'), 'text/csv;charset=utf-8', toCsv(table));
    } else {
      setNotice('结果中没有列表，无法导出 CSV；请导出 JSON');
      return;
    }
    setNotice(null);
  };

  return (
    <>
      <ToolbarButton label={notice ?? JSON_LABEL} className="govcloud-export" data-format="json" onClick={() => exportAs('json')}>
        JSON
      </ToolbarButton>
      <ToolbarButton label={notice ?? CSV_LABEL} className="govcloud-export" data-format="csv" onClick={() => exportAs('csv')}>
        CSV
      </ToolbarButton>
    </>
  );
}
