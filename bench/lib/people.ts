/**
 * Invented applicants for the benchmark: valid resident ID numbers (GB 11643), names, mobile
 * numbers. Deterministic from a sequence number, so two runs send the same kind of data.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`17 digits expected: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Zhoushan and a few home divisions (the first two digits must be a real province). */
const DIVISIONS = ['330903', '330902', '330921', '340100', '320100', '350100', '310115'];

/**
 * The `n`-th invented resident ID: a real division, a birth date between 1960 and 2003, a
 * 3-digit sequence and the check character.
 */
export function residentId(n: number): string {
  const division = DIVISIONS[n % DIVISIONS.length];
  const day = new Date(Date.UTC(1960, 0, 1) + ((n * 7919) % 16_000) * 86_400_000);
  const birth =
    String(day.getUTCFullYear()) +
    String(day.getUTCMonth() + 1).padStart(2, '0') +
    String(day.getUTCDate()).padStart(2, '0');
  const first17 = `${division}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '晓岚明华建国秀英志强海燕丽娟文杰春梅俊峰雪莲家豪子涵思远雨桐浩然欣怡伟宁静波';

/** The `n`-th invented name: a surname and one or two given characters. */
export function personName(n: number): string {
  const surname = SURNAMES[n % SURNAMES.length];
  const a = GIVEN[(n * 7) % GIVEN.length];
  const b = GIVEN[(n * 13 + 5) % GIVEN.length];
  return n % 3 === 0 ? surname + a : surname + a + b;
}

/** The `n`-th invented mainland mobile number (11 digits, 13x–19x). */
export function mobile(n: number): string {
  return `1${3 + (n % 7)}${String((n * 104_729) % 1_000_000_000).padStart(9, '0')}`;
}
