import { CONTEXT_FIELD_CHECKS, misfitContextFields } from './case.context';
import { persistSnapshot, restoreSnapshot, startCase, UnknownSnapshotError } from './case-snapshot';
import snapshotsV2 from './__fixtures__/snapshots-v2.json';

const fresh = startCase({
  requiredMaterials: [{ name: '申请表', form: 'original' }],
  materialsHandedIn: [{ name: '申请表', form: 'original' }],
  originalsMustTravel: false,
  resultDeliveryMethods: ['mail'],
}).snapshot;

describe('the shape check of a restored case context', () => {
  it('has a check for every field a new case has, and a new case fits', () => {
    expect(Object.keys(CONTEXT_FIELD_CHECKS).sort()).toEqual(Object.keys(fresh.context).sort());
    expect(misfitContextFields({ ...fresh.context })).toEqual([]);
  });

  it.each([
    ['requiredMaterials', '申请表'],
    ['materialsHandedIn', [{ name: '申请表', form: 'stamped' }]],
    ['resultDeliveryMethods', null],
    ['failedIdentityAttempts', 'two'],
    ['supplementRounds', -1],
    ['originalsMustTravel', undefined],
  ])('names %s when it holds %j, and restoring refuses the snapshot', (field, value) => {
    const context = { ...fresh.context, [field]: value };
    expect(misfitContextFields(context)).toEqual([field]);
    const stored = { ...persistSnapshot(fresh), context };
    expect(() => restoreSnapshot(stored)).toThrow(UnknownSnapshotError);
  });

  it('refuses a version 2 snapshot that its migration step cannot read', () => {
    const broken = {
      ...snapshotsV2.received,
      context: { ...snapshotsV2.received.context, requiredMaterials: '失业登记表' },
    };
    expect(() => restoreSnapshot(broken)).toThrow(UnknownSnapshotError);
  });
});
