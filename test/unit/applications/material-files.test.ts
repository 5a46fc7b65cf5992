// Material files (第十一条, MATERIALS): which uploads are accepted by content, name and size, and
// how a download names its file.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/kit/config';
import { DEFAULT_MATERIAL_MAX_BYTES, readMaterialMaxBytes } from '../../../subgraphs/kit/material-upload';
import {
  checkMaterialFile,
  contentDisposition,
  parseFileName,
  parseMaterialKind,
} from '../../../subgraphs/applications/materials/file-type';
import { createMaterialStore } from '../../../subgraphs/applications/materials/store';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const DOCX = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('word/document.xml', 'latin1')]);
const XLSX = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('xl/workbook.xml', 'latin1')]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function refusal(run: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    const { extensions, message } = error as { extensions: Record<string, unknown>; message: string };
    return { code: extensions.code, field: extensions.field, message };
  }
  throw new Error('expected a refusal');
}

describe('MATERIALS file type by content', () => {
  it.each([
    ['application/pdf', '建设方案.pdf', PDF],
    ['application/pdf; charset=binary', 'plan.PDF', PDF],
    [DOCX_TYPE, '自测报告.docx', DOCX],
    [XLSX_TYPE, '资源申请表.xlsx', XLSX],
    ['image/png', '责任书.png', PNG],
    ['image/jpeg', '责任书.jpg', JPEG],
    ['IMAGE/JPEG', '责任书.jpeg', JPEG],
  ])('accepts %s named %s', (declaredType, fileName, bytes) => {
    expect(checkMaterialFile({ declaredType, fileName, bytes })).toBe(declaredType.split(';')[0]!.toLowerCase());
  });

  it.each([
    ['a type not allowed', 'text/plain', 'a.txt', Buffer.from('hello'), 'contentType'],
    ['no declared type', undefined, 'a.pdf', PDF, 'contentType'],
    ['a PDF that is not one', 'application/pdf', 'a.pdf', Buffer.from('<html>not a pdf</html>'), 'contentType'],
    ['an executable called PDF', 'application/pdf', 'a.pdf', Buffer.from('MZ\x90\x00', 'latin1'), 'contentType'],
    ['a DOCX that is an XLSX', DOCX_TYPE, 'a.docx', XLSX, 'contentType'],
    ['a PNG that is a JPEG', 'image/png', 'a.png', JPEG, 'contentType'],
    ['an empty file', 'application/pdf', 'a.pdf', Buffer.alloc(0), 'file'],
    ['a PDF named .docx', 'application/pdf', 'a.docx', PDF, 'fileName'],
  ])('refuses %s with BAD_USER_INPUT', (_, declaredType, fileName, bytes, field) => {
    const refused = refusal(() => checkMaterialFile({ declaredType, fileName, bytes }));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(refused.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('MATERIALS upload headers', () => {
  it('decodes a URI-encoded Chinese file name', () => {
    expect(parseFileName(encodeURIComponent('建设方案（终稿）.pdf'))).toBe('建设方案（终稿）.pdf');
  });

  it.each([
    undefined,
    '',
    '%E4%ZZ',
    encodeURIComponent('../etc/passwd.pdf'),
    encodeURIComponent('a\u0000.pdf'),
    encodeURIComponent('报告\u202efdp.exe.pdf'),
    encodeURIComponent('a\u001b[2J.pdf'),
    'x'.repeat(256),
  ])('refuses the file name %j', (header) => {
    expect(refusal(() => parseFileName(header))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });
  });

  it('accepts the four kinds only', () => {
    expect(parseMaterialKind('SELF_TEST_REPORT')).toBe('SELF_TEST_REPORT');
    expect(refusal(() => parseMaterialKind('PHOTO'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    expect(refusal(() => parseMaterialKind(undefined))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
  });
});

describe('download headers', () => {
  it('names the file in RFC 5987 form with an ASCII fallback', () => {
    expect(contentDisposition('建设方案 (v2).pdf')).toBe(
      `attachment; filename="____ (v2).pdf"; filename*=UTF-8''${'%E5%BB%BA%E8%AE%BE%E6%96%B9%E6%A1%88'}%20%28v2%29.pdf`,
    );
    expect(contentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});

describe('material configuration', () => {
  it('MATERIAL_MAX_BYTES defaults to 20 MiB and must be a positive whole number', () => {
    expect(DEFAULT_MATERIAL_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(readMaterialMaxBytes({})).toBe(DEFAULT_MATERIAL_MAX_BYTES);
    expect(readMaterialMaxBytes({ MATERIAL_MAX_BYTES: '1048576' })).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', '20MB']) expect(() => readMaterialMaxBytes({ MATERIAL_MAX_BYTES: bad })).toThrow(ConfigError);
  });

  it('MATERIAL_STORE is postgres by default, or s3 with its bucket (material-store-config.test.ts); nothing else', () => {
    expect(createMaterialStore({}).name).toBe('postgres');
    expect(createMaterialStore({ MATERIAL_STORE: 'postgres' }).name).toBe('postgres');
    expect(() => createMaterialStore({ MATERIAL_STORE: 's3' })).toThrow(/MATERIAL_S3_ENDPOINT/);
    expect(() => createMaterialStore({ MATERIAL_STORE: 'disk' })).toThrow(ConfigError);
  });
});
