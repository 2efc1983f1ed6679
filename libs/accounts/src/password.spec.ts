import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('the staff password rule', () => {
  it('takes 12 characters or more', () => {
    expect(passwordProblem('correct-horse')).toBeNull();
    expect(passwordProblem('short-pass1')).toMatch(/at least 12 characters/);
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

  it('refuses every password for an unknown account (no hash), without throwing', async () => {
    expect(await verifyPassword('anything-at-all', null)).toBe(false);
  });
});
