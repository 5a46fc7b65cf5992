// Small deterministic helpers: seeded randomness, calendar dates, money and registry codes.
import chineseDays from 'chinese-days';

/** 32-bit FNV-1a, to turn a record's key into a PRNG seed. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A seeded PRNG and a few helpers on it. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/**
 * A mulberry32 generator seeded from `key`. Each record draws from its own stream, so adding or
 * reordering records elsewhere does not change this one.
 */
export function rngFor(key: string): Rng {
  let state = fnv1a(key);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

// Calendar arithmetic and money are the kit's, so the demo data is dated and priced exactly as
// the subgraphs compute.
import { addDays } from '../../subgraphs/kit/dates';
import { yuanToFen as parseYuan } from '../../subgraphs/kit/money';

export { addDays, addMonths, daysBetween } from '../../subgraphs/kit/dates';
export { fenToYuan } from '../../subgraphs/kit/money';

/** Integer fen from a yuan string the world itself wrote, e.g. `380.00` → 38000. */
export function yuanToFen(yuan: string): number {
  const fen = parseYuan(yuan);
  if (fen === null) throw new Error(`not a yuan amount: ${yuan}`);
  return fen;
}

/**
 * The working day `n` working days after `iso` on China's official calendar (holidays off,
 * 调休 days on); `n = 0` gives `iso` itself if it is a working day, else the next one.
 */
export function addWorkdays(iso: string, n: number): string {
  return chineseDays.findWorkday(n, iso);
}

/** Working days strictly after `from` up to and including `to`. */
export function workdaysBetween(from: string, to: string): number {
  return chineseDays.getWorkdaysInRange(addDays(from, 1), to).length;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A 统一社会信用代码 with valid check characters: registration authority + type (e.g. `91` company,
 * `11` government organ), six-digit region, eight-character organisation body; the GB 11714
 * organisation check and the GB 32100 code check are computed.
 */
export function unifiedSocialCreditCode(prefix: string, region: string, orgBody: string): string {
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgSum = [...orgBody].reduce((sum, ch, i) => sum + parseInt(ch, 36) * orgWeights[i]!, 0);
  const orgCheck = 11 - (orgSum % 11);
  const orgCode = orgBody + (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck));
  const body = prefix + region + orgCode;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]!) * (3 ** i % 31);
  const check = (31 - (sum % 31)) % 31;
  return body + USCC_CHARS[check];
}

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力鹏飞斌宁波浩宇凯晨欣怡佳琳雪梅海燕志国庆春兰'];

/** A plausible Chinese personal name. */
export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}
