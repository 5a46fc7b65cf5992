// The files behind the demo world's application materials (第十一条, MATERIALS): small, real and
// deterministic documents, so every seeded material downloads, opens, and matches its SHA-256 the
// way an uploaded one does. A one-page PDF names the application and the material; the resource
// request form (.xlsx) is a one-sheet workbook listing the application's resource lines.
import { crc32 } from 'node:zlib';
import type { ApplicationRecord } from '../../../seed/world';
import type { MaterialKind } from '../generated/graphql';

export interface MaterialDocument {
  contentType: string;
  bytes: Buffer;
}

export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the seed stores for one material of `application`; the type follows the world's file name. */
export function demoMaterialDocument(application: ApplicationRecord, kind: MaterialKind, fileName: string): MaterialDocument {
  if (fileName.toLowerCase().endsWith('.xlsx')) return { contentType: XLSX_TYPE, bytes: resourceRequestWorkbook(application) };
  if (!fileName.toLowerCase().endsWith('.pdf')) throw new Error(`demo material ${fileName} is neither .pdf nor .xlsx`);
  const lines = [
    'Binzhou Unified E-Government Cloud - application material (demo data)',
    `Application: ${application.code} (${application.kind})`,
    `Material kind: ${kind}`,
    `Created on: ${application.createdOn}`,
  ];
  return { contentType: PDF_TYPE, bytes: pdfDocument(fileName, lines) };
}

/**
 * A valid one-page PDF 1.4 showing `lines` (ASCII, Helvetica) with `title` (any Unicode) as its
 * document title. No dates or ids inside, so the same input gives the same bytes.
 */
export function pdfDocument(title: string, lines: readonly string[]): Buffer {
  const text = lines.map((line, index) => `${index === 0 ? '' : 'T* '}(${pdfText(line)}) Tj`).join('\n');
  const content = `BT\n/F1 12 Tf 16 TL 56 780 Td\n${text}\nET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    `<< /Title <FEFF${Buffer.from(title, 'utf16le').swap16().toString('hex').toUpperCase()}> /Producer (GovCloud Graph demo seed) >>`,
  ];
  // A binary comment after the header tells transfer tools the file is binary.
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character above is below U+0100, so latin1 is one byte each and the offsets hold.
  return Buffer.from(body, 'latin1');
}

function pdfText(line: string): string {
  if (!/^[\x20-\x7e]*$/.test(line)) throw new Error(`PDF demo text must be printable ASCII: ${line}`);
  return line.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** The resource request form (云服务资源申请表) as a minimal workbook: one sheet, inline strings. */
function resourceRequestWorkbook(application: ApplicationRecord): Buffer {
  const rows: Array<Array<string | number>> = [
    ['申请编号', application.code],
    ['服务项编码', '数量', '数量上限'],
    ...application.resources.map((line) => [line.serviceItemCode, line.quantity, line.quantityMax]),
  ];
  const sheetData = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((value, c) => cell(`${'ABC'[c]}${r + 1}`, value)).join('')}</row>`)
    .join('');
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const packageRelationships = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return storedZip([
    [
      '[Content_Types].xml',
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `</Types>`,
    ],
    [
      '_rels/.rels',
      `${xml}<Relationships xmlns="${packageRelationships}">` +
        `<Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${xml}<workbook xmlns="${main}" xmlns:r="${relationships}"><sheets><sheet name="云服务资源申请表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${xml}<Relationships xmlns="${packageRelationships}">` +
        `<Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', `${xml}<worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`],
  ]);
}

function cell(ref: string, value: string | number): string {
  if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<c r="${ref}" t="inlineStr"><is><t>${escaped}</t></is></c>`;
}

/** A zip of uncompressed entries dated 1980-01-01 (the DOS epoch), so the bytes depend on the content only. */
function storedZip(entries: ReadonlyArray<readonly [name: string, text: string]>): Buffer {
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // names and comments are UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time 00:00:00
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    local.copy(central, 6, 4, 30); // version needed … name length, as in the local header
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
