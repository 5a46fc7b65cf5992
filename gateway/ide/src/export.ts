// Exporting the result on screen: the whole answer as JSON, and as CSV when it holds a list of
// records (a connection's edges or a plain list of objects) — one row per record, one column per
// field, nested objects flattened to `owner.name`, nested lists kept as JSON text in their cell.
// Pure functions, so test/unit/ide-export.test.ts checks them without a browser.

export interface Table {
  /** Where the list sits in `data`, e.g. `systems` or `auditTrail.providers`. */
  path: string;
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The response editor's text as JSON, or undefined when there is none or it is not JSON. */
export function parseResult(text: string | null | undefined): Json | undefined {
  if (!text?.trim()) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * The records of a list value: a connection's nodes (with any fields of their edge besides the
 * cursor, such as `daysOverdue`), or a list of objects; otherwise undefined.
 */
function recordsOf(value: Json): Array<Record<string, Json>> | undefined {
  if (Array.isArray(value)) return value.length > 0 && value.every(isRecord) ? value : undefined;
  if (isRecord(value) && Array.isArray(value.edges) && value.edges.length > 0) {
    const records = value.edges.map((edge) => {
      if (!isRecord(edge) || !isRecord(edge.node)) return undefined;
      const { node, cursor: _cursor, ...edgeFields } = edge;
      return { ...node, ...edgeFields };
    });
    return records.every(isRecord) ? records : undefined;
  }
  return undefined;
}

function flatten(record: Record<string, Json>, prefix: string, into: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const column = prefix + key;
    if (isRecord(value) && recordsOf(value) === undefined) flatten(value, `${column}.`, into);
    else if (isRecord(value) || Array.isArray(value)) into[column] = JSON.stringify(value);
    else into[column] = value;
  }
  return into;
}

/** The first list of records in the answer's `data`, breadth first (a root field before its children). */
export function tableOf(result: Json | undefined): Table | undefined {
  if (!isRecord(result) || !isRecord(result.data)) return undefined;
  const queue: Array<[string, Json]> = Object.entries(result.data);
  while (queue.length > 0) {
    const [path, value] = queue.shift()!;
    const records = recordsOf(value);
    if (records) {
      const rows = records.map((record) => flatten(record, '', {}));
      const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
      return { path, columns, rows };
    }
    if (isRecord(value)) for (const [key, child] of Object.entries(value)) queue.push([`${path}.${key}`, child]);
  }
  return undefined;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A spreadsheet runs a text cell that starts like a formula; a leading apostrophe keeps it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 BOM, so spreadsheet programs read the Chinese text correctly. */
export function toCsv(table: Table): string {
  const lines = [table.columns, ...table.rows.map((row) => table.columns.map((column) => row[column]))];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** `govcloud-systems-20261126-0930.csv`: the list's path and the local time of the export. */
export function exportFileName(base: string, extension: 'json' | 'csv', now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'result';
  return `govcloud-${safe}-${stamp}.${extension}`;
}
