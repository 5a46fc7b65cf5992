// Which files may be an application material (第十一条, MATERIALS), decided by what the bytes are,
// not only by what the client says they are: the declared type must be allowed, the content must
// start like that type, and the name must end like it, so a download opens as what it claims.
import { BadUserInputError } from '../../kit/errors';
import { DISALLOWED_CHARACTERS } from '../../kit/text-input';
import { MATERIAL_KINDS } from './materials.rules';
import type { MaterialKind } from '../generated/graphql';

interface AllowedType {
  extensions: readonly string[];
  /** Does the content look like this type? */
  matches(bytes: Buffer): boolean;
  label: string;
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const startsWith = (bytes: Buffer, prefix: Buffer) => bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
// An OOXML package is a zip whose entry names (stored uncompressed) include its main part.
const ooxml = (part: string) => (bytes: Buffer) => startsWith(bytes, ZIP) && bytes.includes(part, 0, 'latin1');

export const ALLOWED_MATERIAL_TYPES: Readonly<Record<string, AllowedType>> = {
  'application/pdf': { extensions: ['.pdf'], label: 'PDF', matches: (bytes) => startsWith(bytes, Buffer.from('%PDF-', 'latin1')) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['.docx'],
    label: 'Word (DOCX)',
    matches: ooxml('word/'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extensions: ['.xlsx'],
    label: 'Excel (XLSX)',
    matches: ooxml('xl/'),
  },
  'image/png': { extensions: ['.png'], label: 'PNG', matches: (bytes) => startsWith(bytes, Buffer.from('89504e470d0a1a0a', 'hex')) },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], label: 'JPEG', matches: (bytes) => startsWith(bytes, Buffer.from('ffd8ff', 'hex')) },
};

const ALLOWED_LABELS = Object.values(ALLOWED_MATERIAL_TYPES)
  .map((type) => type.label)
  .join('、');

/** The declared media type without parameters, lowercased. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Checks the file against its declared type and name; returns the media type to store. */
export function checkMaterialFile(file: { declaredType: string | undefined; fileName: string; bytes: Buffer }): string {
  const mediaType = mediaTypeOf(file.declaredType);
  const allowed = ALLOWED_MATERIAL_TYPES[mediaType];
  if (!allowed) {
    throw new BadUserInputError(
      `不支持的文件类型 ${mediaType || '（未声明 Content-Type）'}：申请材料只接受 ${ALLOWED_LABELS}`,
      'contentType',
    );
  }
  if (file.bytes.length === 0) throw new BadUserInputError('材料文件为空', 'file');
  if (!allowed.matches(file.bytes)) {
    throw new BadUserInputError(`文件内容不是 ${allowed.label}：与声明的类型 ${mediaType} 不符`, 'contentType');
  }
  const lower = file.fileName.toLowerCase();
  if (!allowed.extensions.some((extension) => lower.endsWith(extension))) {
    throw new BadUserInputError(`${allowed.label} 文件的文件名须以 ${allowed.extensions.join(' 或 ')} 结尾`, 'fileName');
  }
  return mediaType;
}

/** The `x-file-name` header decoded: 1–255 characters, no path and no control characters. */
export function parseFileName(header: string | undefined): string {
  if (!header) throw new BadUserInputError('缺少文件名：请在 x-file-name 请求头中提供 URI 编码的文件名', 'fileName');
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    throw new BadUserInputError('文件名（x-file-name）须为 URI 编码的 UTF-8 文本（encodeURIComponent）', 'fileName');
  }
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f]/.test(name) || DISALLOWED_CHARACTERS.test(name);
  if (name.length === 0 || name.length > 255 || controls || /[/\\]/.test(name) || name === '.' || name === '..') {
    throw new BadUserInputError('文件名须为 1 到 255 个字符，不含路径分隔符、控制字符或双向文本控制符', 'fileName');
  }
  return name;
}

export function parseMaterialKind(header: string | undefined): MaterialKind {
  const kind = (header ?? '').trim();
  if (!(MATERIAL_KINDS as readonly string[]).includes(kind)) {
    throw new BadUserInputError(`材料类型（x-material-kind）须为 ${MATERIAL_KINDS.join('、')} 之一`, 'kind');
  }
  return kind as MaterialKind;
}

/**
 * `Content-Disposition` for a download: an ASCII fallback for old clients and the real name as
 * RFC 5987 `filename*`, so a Chinese file name arrives intact.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
