import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('the staff password rule', () => {
  it('takes 12 characters or more', () => {
    expect(passwordProblem('correct-horse')).toBeNull();
    expect(passwordProblem('short-pass1')).toMatch(/at least 12 visible characters/);
  });

  it('does not count spaces and invisible characters towards the 12', () => {
    expect(passwordProblem(' '.repeat(12))).toMatch(/at least 12 visible characters/);
    expect(passwordProblem('\u200b'.repeat(12))).toMatch(/at least 12 visible characters/);
    expect(passwordProblem('abc def ghi jk')).toMatch(/at least 12 visible characters/);
  });

  it.each([
    ['soft hyphens', 'a' + '\u00ad'.repeat(11)],
    ['invisible times', '\u2062'.repeat(12)],
    ['Hangul fillers', '\u3164'.repeat(12)],
    ['variation selectors', '\ufe0f'.repeat(12)],
    ['tag spaces', '\u{e0020}'.repeat(12)],
    ['a right-to-left override', 'correct-hor\u202e'],
  ])('does not count %s as characters one can see', (_, password) => {
    expect(passwordProblem(password)).toMatch(/at least 12 visible characters/);
  });

  it('refuses private-use and unassigned code points', () => {
    expect(passwordProblem('correct-horse\ue000')).toMatch(/private-use/);
    expect(passwordProblem('correct-horse\uffff')).toMatch(/unassigned/);
  });

  it('refuses what no login form can type: NUL, control characters, unpaired surrogates', () => {
    expect(passwordProblem('correct-horse\u0000')).toMatch(/control/);
    expect(passwordProblem('correct-horse\u0007')).toMatch(/control/);
    expect(passwordProblem('\ud800'.repeat(12))).toMatch(/unpaired surrogates/);
    expect(passwordProblem('𠮷'.repeat(12))).toBeNull(); // paired surrogates are real characters
  });

  it('counts characters, not bytes or UTF-16 units: 12 Chinese characters pass', () => {
    expect(passwordProblem('舟山定海普陀岱山嵊泗群岛')).toBeNull();
  });

  it('refuses more than 72 bytes, which bcrypt would cut off silently', () => {
    expect(passwordProblem('a'.repeat(72))).toBeNull();
    expect(passwordProblem('a'.repeat(73))).toMatch(/72 bytes/);
    expect(passwordProblem('舟'.repeat(25))).toMatch(/72 bytes/); // 25 characters, 75 bytes
  });
});

describe('hashPassword and verifyPassword (bcrypt)', () => {
  it('accepts the password and refuses another, and never stores it in the clear', async () => {
    const hash = await hashPassword('correct-horse-battery', 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(hash).not.toContain('correct-horse-battery');
    expect(await verifyPassword('correct-horse-battery', hash)).toBe(true);
    expect(await verifyPassword('correct-horse-battery!', hash)).toBe(false);
  });

  it('takes the same password typed composed (NFC) or decomposed (NFD)', async () => {
    const composed = 'café-résumé-2026'.normalize('NFC');
    const hash = await hashPassword(composed, 4);
    expect(await verifyPassword(composed.normalize('NFD'), hash)).toBe(true);
  });

  it('never lets a password longer than 72 bytes match, though bcrypt reads only the first 72', async () => {
    const exactly72 = 'p'.repeat(72);
    const hash = await hashPassword(exactly72, 4);
    expect(await verifyPassword(exactly72, hash)).toBe(true);
    expect(await verifyPassword(`${exactly72}-and-more`, hash)).toBe(false);
  });
});
