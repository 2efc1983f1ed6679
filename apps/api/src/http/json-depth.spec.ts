import { deeperThan } from './json-depth';

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('request body depth', () => {
  it('lets a real receipt body through', () => {
    expect(deeperThan({ applicant: { name: 'x' }, materials: [{ name: 'y', form: 'copy' }] }, 16)).toBe(
      false,
    );
  });
  it('finds a body nested 100,000 levels deep without overflowing the stack', () => {
    expect(deeperThan(nested(100_000), 16)).toBe(true);
    expect(deeperThan(nested(16), 16)).toBe(false);
    expect(deeperThan(nested(17), 16)).toBe(true);
  });
});
