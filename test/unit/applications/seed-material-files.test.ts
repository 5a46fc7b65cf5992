// The demo world's materials are real files (第十一条, MATERIALS): each is a small document that
// passes the upload's content check for its type, its row carries the document's own SHA-256 and
// size, and rebuilding the world gives the very same bytes.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../seed/world';
import { checkMaterialFile } from '../../../subgraphs/applications/materials/file-type';
import { pdfDocument } from '../../../subgraphs/applications/materials/materials.seed';
import { buildLifecycleRows } from '../../../subgraphs/applications/lifecycle/lifecycle-rows.seed';

const world = buildWorld();
const rows = buildLifecycleRows(world);
const filesById = new Map(rows.files.map((file) => [file.id, file]));

/** The objects a PDF's cross-reference table points at, and where its startxref points. */
function pdfStructure(bytes: Buffer): { xrefAt: string; objects: string[] } {
  const text = bytes.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
  return { xrefAt: text.slice(startxref, startxref + 4), objects: offsets.map((offset) => text.slice(offset, offset + 7)) };
}

/** The entries of a zip of stored (uncompressed) files, checking each entry's CRC-32. */
function storedZipEntries(bytes: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  let offset = 0;
  while (bytes.readUInt32LE(offset) === 0x04034b50) {
    expect(bytes.readUInt16LE(offset + 8)).toBe(0); // stored
    const size = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const name = bytes.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const data = bytes.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size);
    expect(crc32(data), name).toBe(bytes.readUInt32LE(offset + 14));
    entries.set(name, data.toString('utf8'));
    offset += 30 + nameLength + size;
  }
  expect(bytes.readUInt32LE(offset)).toBe(0x02014b50); // the central directory follows the last entry
  return entries;
}

describe('MATERIALS: the seeded demo files', () => {
  it('every material of the world has one stored file, of its application and kind', () => {
    expect(rows.materials).toHaveLength(world.applications.reduce((sum, application) => sum + application.materials.length, 0));
    expect(new Set(rows.files.map((file) => file.id)).size).toBe(rows.files.length);
    for (const material of rows.materials) {
      const file = filesById.get(material.fileId)!;
      expect(file, material.fileName).toBeDefined();
      expect([file.applicationId, file.kind]).toEqual([material.applicationId, material.kind]);
    }
  });

  it('each file passes the upload content check for its declared type, with its own SHA-256 and size', () => {
    for (const material of rows.materials) {
      const bytes = filesById.get(material.fileId)!.content;
      expect(checkMaterialFile({ declaredType: material.contentType, fileName: material.fileName, bytes })).toBe(material.contentType);
      expect(material.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(material.sizeBytes).toBe(bytes.length);
      expect(bytes.length).toBeLessThan(8 * 1024);
    }
    expect(new Set(rows.materials.map((material) => material.contentHash)).size).toBe(rows.materials.length);
  });

  it('the PDFs are well formed and name their application and kind', () => {
    const pdfs = rows.materials.filter((material) => material.contentType === 'application/pdf');
    expect(pdfs.length).toBeGreaterThan(100);
    for (const material of pdfs) {
      const bytes = filesById.get(material.fileId)!.content;
      expect(pdfStructure(bytes)).toEqual({ xrefAt: 'xref', objects: ['1 0 obj', '2 0 obj', '3 0 obj', '4 0 obj', '5 0 obj', '6 0 obj'] });
      const application = world.applications.find((candidate) => candidate.id === material.applicationId)!;
      expect(bytes.toString('latin1')).toContain(`(Application: ${application.code} `);
      expect(bytes.toString('latin1')).toContain(`(Material kind: ${material.kind})`);
    }
  });

  it('the resource request forms are workbooks listing the application’s resource lines', () => {
    const forms = rows.materials.filter((material) => material.kind === 'RESOURCE_REQUEST_FORM');
    expect(forms.length).toBeGreaterThan(30);
    for (const material of forms) {
      const entries = storedZipEntries(filesById.get(material.fileId)!.content);
      expect([...entries.keys()]).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml',
      ]);
      const application = world.applications.find((candidate) => candidate.id === material.applicationId)!;
      const sheet = entries.get('xl/worksheets/sheet1.xml')!;
      expect(sheet).toContain(`<t>${application.code}</t>`);
      for (const line of application.resources) expect(sheet).toContain(`<t>${line.serviceItemCode}</t>`);
    }
  });

  it('rebuilding the world gives the same ids and bytes', () => {
    const again = buildLifecycleRows(buildWorld());
    expect(again.files.map((file) => [file.id, file.content.toString('base64')])).toEqual(
      rows.files.map((file) => [file.id, file.content.toString('base64')]),
    );
  });

  it('PDF text is escaped, and only printable ASCII is accepted in it', () => {
    expect(pdfDocument('标题', ['a (b) \\ c']).toString('latin1')).toContain('(a \\(b\\) \\\\ c) Tj');
    expect(() => pdfDocument('标题', ['建设方案'])).toThrow(/ASCII/);
  });
});
