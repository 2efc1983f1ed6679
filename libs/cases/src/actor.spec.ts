import { NotAllowed } from '@app/common';
import { applicantActor, staffActor, systemActor } from './actor';

describe('the actor factory', () => {
  it('makes each staff member an actor bound to their window, jurisdiction or division', () => {
    expect(staffActor({ username: 'clerk-w330902', role: 'clerk', windowCode: 'W330902' })).toEqual({
      role: 'clerk',
      id: 'clerk-w330902',
      scope: { kind: 'window', windowCode: 'W330902' },
    });
    expect(
      staffActor({
        username: 'officer-j310115-sfj',
        role: 'officer',
        jurisdictionCode: 'J310115-SFJ',
        lead: true,
      }),
    ).toEqual({
      role: 'officer',
      id: 'officer-j310115-sfj',
      scope: { kind: 'jurisdiction', jurisdictionCode: 'J310115-SFJ' },
      lead: true,
    });
    expect(staffActor({ username: 'supervisor-330900', role: 'supervisor', divisionCode: '330900' })).toEqual(
      {
        role: 'supervisor',
        id: 'supervisor-330900',
        scope: { kind: 'division', divisionCode: '330900' },
      },
    );
  });

  it('makes no actor of an admin: admins keep accounts and see no case', () => {
    const admin = () => staffActor({ username: 'admin', role: 'admin' });
    expect(admin).toThrow(NotAllowed);
    expect(admin).toThrow('admins manage accounts; cases are for clerks, officers and supervisors');
  });

  it('makes the applicant only from a case their receipt opened, reaching that case alone', () => {
    expect(applicantActor({ id: 'case-1', caseNumber: '330902-20260101-000001' })).toEqual({
      role: 'applicant',
      id: 'applicant:330902-20260101-000001',
      scope: { kind: 'case', caseId: 'case-1' },
    });
  });

  it('makes the system of a queue’s job, reaching every case', () => {
    expect(systemActor('courier')).toEqual({ role: 'system', id: 'courier-job', scope: { kind: 'all' } });
  });
});
