import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('the staff password rule', () => {
  it('takes 12 characters or more', () => {
    expect(passwordProblem('correct-horse')).toBeNull();
    expect(passwordProblem('short-pass1')).toMatch(/at least 12 characters/);
  });

  it('does not count spaces and invisible characters towards the 12', () => {
    expect(passwordProblem(' '.repeat(12))).toMatch(/at least 12 characters/);
    expect(passwordProblem('\u200b'.repeat(12))).toMatch(/at least 12 characters/);
    expect(passwordProblem('abc def ghi jk')).toMatch(/at least 12 characters/);
  });

  it('refuses what no login form can type: NUL, control characters, unpaired surrogates', () => {
    expect(passwordProblem('correct-horse\u0000')).toMatch(/control characters/);
    expect(passwordProblem('correct-horse\u0007')).toMatch(/control characters/);
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

  it('never lets a password longer than 72 bytes match, though bcrypt reads only the first 72', async () => {
    const exactly72 = 'p'.repeat(72);
    const hash = await hashPassword(exactly72, 4);
    expect(await verifyPassword(exactly72, hash)).toBe(true);
    expect(await verifyPassword(`${exactly72}-and-more`, hash)).toBe(false);
  });
});
