import { missingMaterials, satisfies } from './materials';

describe('material forms, strongest first: original, certified copy, copy, electronic', () => {
  const handed = (form: 'original' | 'certifiedCopy' | 'copy' | 'electronic') => ({ name: '学历证书', form });

  it('lets a stronger form stand for a weaker one, never the other way', () => {
    expect(satisfies({ name: '学历证书', form: 'original' }, handed('certifiedCopy'))).toBe(false);
    expect(satisfies({ name: '学历证书', form: 'certifiedCopy' }, handed('original'))).toBe(true);
    expect(satisfies({ name: '学历证书', form: 'certifiedCopy' }, handed('certifiedCopy'))).toBe(true);
    expect(satisfies({ name: '学历证书', form: 'certifiedCopy' }, handed('copy'))).toBe(false);
    expect(satisfies({ name: '学历证书', form: 'copy' }, handed('certifiedCopy'))).toBe(true);
    expect(satisfies({ name: '学历证书', form: 'copy' }, handed('electronic'))).toBe(false);
    expect(satisfies({ name: '学历证书', form: 'electronic' }, handed('copy'))).toBe(true);
  });

  it('lists what is missing with the form asked for', () => {
    expect(
      missingMaterials({
        requiredMaterials: [
          { name: '学历证书', form: 'certifiedCopy' },
          { name: '授权委托书', form: 'original' },
        ],
        materialsHandedIn: [handed('copy')],
      }),
    ).toEqual(['学历证书 (certifiedCopy)', '授权委托书 (original)']);
  });
});
