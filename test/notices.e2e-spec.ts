import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { recordClockNotice } from '@app/cases';
import { JobDispatcher } from '../apps/worker/src/job-dispatcher';
import { Reconciler } from '../apps/worker/src/reconciler.service';
import { verifyAtWindow } from './support/cases';
import {
  applicant,
  CLERK,
  nextWaybill,
  notarisationApplication,
  OFFICER,
  PUTUO_CLERK,
} from './support/fixtures';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

/**
 * Issue 12 item 5: the applicant is told once of each change they care about (SMS, recording
 * transport), the home jurisdiction when papers arrive and at a clock's warning or overdue mark
 * (e-mail), readable at GET /notices in the reader's scope, masked, and never in the logs.
 */
describe('notices', () => {
  let api: InProcessStack;
  /** Everything the api and the worker write to stdout and stderr while the tests run. */
  const logs: string[] = [];
  const spies: jest.SpyInstance[] = [];
  const N = 4711;
  const person = applicant(N);

  beforeAll(async () => {
    const keep = (chunk: unknown) =>
      logs.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    // pino writes through sonic-boom (fs.write / fs.writeSync on fd 1), Nest's own logger through process.stdout.
    // The module object itself (an ES namespace's properties cannot be redefined), as sonic-boom holds it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs: typeof import('node:fs') = require('node:fs');
    for (const name of ['write', 'writeSync'] as const) {
      const original = fs[name] as (...args: any[]) => any;
      spies.push(
        jest.spyOn(fs, name).mockImplementation(((fd: number, data: unknown, ...rest: any[]) => {
          if (fd === 1 || fd === 2) keep(data);
          return original.call(fs, fd, data, ...rest);
        }) as never),
      );
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: any[]) => {
          keep(chunk);
          return original(chunk as string, ...rest);
        }) as never),
      );
    }
    // The acceptance clock runs 5 working days: every acceptance in this file is the officer's.
    api = await startStack({ workers: 1, env: { LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await api.stop();
    for (const spy of spies) spy.mockRestore();
  });

  interface Case {
    id: string;
    caseNumber: string;
    queryCode: string;
  }

  const send = async (c: Case, actor: object, event: object, headers?: Record<string, string>) => {
    const res = await api.call('POST', `/applications/${c.id}/events`, { ...actor, body: event, headers });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    return res.body;
  };
  const reach = (c: Case, state: string) =>
    eventually(
      async () => (await api.call('GET', `/applications/${c.id}`, CLERK)).body.state as string,
      (s) => s === state,
      { what: `case ${c.caseNumber} in ${state}` },
    );
  const notices = async (c: Case, actor: object = CLERK) => {
    const res = await api.call<any[]>('GET', `/notices?caseId=${c.id}`, actor);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The case's notices once every one has been sent (the notify jobs ran). */
  const sentNotices = (c: Case, count: number) =>
    eventually(
      () => notices(c),
      (all) => all.length === count && all.every((x) => x.sentAt !== null),
      { what: `${count} notices of case ${c.caseNumber} sent` },
    );
  const applicantNotices = (all: any[]) => all.filter((x) => x.addressee === 'applicant');
  const completedJob = async (queue: 'notify', c: Case): Promise<Job> => {
    const jobs = await api.queues[queue].getJobs(['completed']);
    const job = jobs.find((j) => j.data.applicationId === c.id);
    if (!job) throw new Error(`no completed ${queue} job for case ${c.caseNumber}`);
    return job;
  };
  /** The parcel-tracking job that saw case `c`'s (first) parcel of papers delivered. */
  const deliveringJob = async (c: Case): Promise<Job> => {
    const [{ parcel_id: parcelId }] = await api.dataSource.query(
      `SELECT parcel_id FROM transfers WHERE application_id = $1 AND direction = 'forward' ORDER BY dispatched_at LIMIT 1`,
      [c.id],
    );
    const jobs = await api.queues['parcel-tracking'].getJobs(['completed']);
    // Each look plans the next: the last one to finish is the one that saw the parcel delivered.
    const job = jobs
      .filter((j) => j.data.parcelId === parcelId && j.returnvalue === 'applied')
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))[0];
    if (!job) throw new Error(`no completed parcel-tracking job for case ${c.caseNumber}`);
    return job;
  };
  /** The carrier delivers case `c`'s parcel (the office is told the papers arrived); the officer checks it in. */
  const delivered = async (c: Case) => {
    await reach(c, 'forwarded.awaitingCheckIn');
    await checkInCase(api.call, OFFICER, c.id);
  };

  let main: Case;
  const maskedPhone = `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`;

  it('tells the applicant of each change of the main path once, in order, in Chinese; the home jurisdiction of each arrival', async () => {
    const received = await api.call('POST', '/applications', { ...CLERK, body: notarisationApplication(N) });
    expect(received.status).toBe(201);
    main = received.body;
    const c = main;
    await verifyAtWindow(api.call, CLERK, c.id);
    await send(c, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await delivered(c);
    await reach(c, 'forwarded.awaitingAcceptance');
    await send(c, OFFICER, {
      type: 'REQUEST_SUPPLEMENT',
      items: ['学历证书', '户口簿'],
      note: '学历证书页码不全',
    });
    await send(c, CLERK, {
      type: 'SUPPLEMENT_RECEIVED',
      materials: [
        { name: '学历证书', form: 'original' },
        { name: '户口簿', form: 'original' },
      ],
    });
    await send(c, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await delivered(c);
    await reach(c, 'forwarded.awaitingAcceptance');
    await send(c, OFFICER, { type: 'ACCEPT' }, { 'idempotency-key': `accept-${c.id}` });
    await send(c, OFFICER, {
      type: 'APPROVE',
      result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第4711号' },
    });
    await send(c, OFFICER, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: 'EMS4711000001' });
    await reach(c, 'resultDelivered');

    const all = await sentNotices(c, 9);
    const toApplicant = applicantNotices(all);
    expect(toApplicant.map((x) => x.kind)).toEqual([
      'received',
      'forwarded',
      'supplementRequested',
      'forwarded',
      'accepted',
      'decided',
      'dispatched',
    ]);
    for (const x of toApplicant) {
      expect(x).toMatchObject({ channel: 'sms', recipient: maskedPhone, transport: 'recording' });
      expect(x.text).toMatch(new RegExp(`^【政务服务】您的办件（编号${c.caseNumber}）`));
    }
    const text = (kind: string) => toApplicant.find((x) => x.kind === kind).text as string;
    expect(text('received')).toContain('受理回执上的查询码');
    expect(text('received')).not.toContain(c.queryCode);
    expect(text('supplementRequested')).toContain('1.学历证书；2.户口簿。说明：学历证书页码不全。');
    expect(text('accepted')).toContain('由属地审批部门受理');
    expect(text('decided')).toContain('作出准予许可决定');
    expect(text('dispatched')).toContain('快递运单号EMS4711000001');
    // Times are Beijing time.
    expect(text('dispatched')).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);

    const toOffice = all.filter((x) => x.addressee !== 'applicant');
    expect(toOffice.map((x) => [x.kind, x.channel, x.addressee, x.recipient])).toEqual([
      ['papersArrived', 'email', 'jurisdiction:J310115-SFJ', 'jurisdiction:J310115-SFJ'],
      ['papersArrived', 'email', 'jurisdiction:J310115-SFJ', 'jurisdiction:J310115-SFJ'],
    ]);
    expect(toOffice[0].text).toContain(`办件（编号${c.caseNumber}，事项KS1-001）的申请材料已于`);
    // In the order the changes happened: arrival after the first forwarding, before the supplement request.
    expect(all.map((x) => x.kind).slice(0, 4)).toEqual([
      'received',
      'forwarded',
      'papersArrived',
      'supplementRequested',
    ]);
    // No name, ID or phone number in any text.
    for (const x of all) {
      expect(x.text).not.toContain(person.phone);
      expect(x.text).not.toContain(person.name);
      expect(x.text).not.toContain(person.idNumber);
    }
  });

  it('adds none for a command replayed with its Idempotency-Key, or a job delivered again', async () => {
    const c = main;
    const before = await notices(c);
    const replay = await api.call('POST', `/applications/${c.id}/events`, {
      ...OFFICER,
      body: { type: 'ACCEPT' },
      headers: { 'idempotency-key': `accept-${c.id}` },
    });
    expect(replay.status).toBe(200);
    const dispatcher = api.workers[0].get(JobDispatcher);
    const logger = new Logger('notices test');
    // The parcel's tracking job that saw the papers delivered, delivered again: its event was applied once.
    expect(await dispatcher.run((await deliveringJob(c)) as never, logger)).toBe('duplicate');
    // A notify job delivered again does not send its notice twice.
    expect(await dispatcher.run((await completedJob('notify', c)) as never, logger)).toBe('duplicate');
    expect(await notices(c)).toEqual(before);
  });

  it('shows notices only to staff who may read the case, in their scope', async () => {
    const c = main;
    // The home jurisdiction's officer reads them (the case has arrived there), recipients masked.
    const officers = await notices(c, OFFICER);
    expect(officers).toHaveLength(9);
    expect(JSON.stringify(officers)).not.toContain(person.phone);
    // Another window's clerk: the case is out of their scope, the same answer as an unknown case.
    const other = await api.call('GET', `/notices?caseId=${c.id}`, PUTUO_CLERK);
    expect(other.status).toBe(404);
    const unknown = await api.call('GET', '/notices?caseId=00000000-0000-4000-8000-000000000000', CLERK);
    expect(unknown.status).toBe(404);
    // An admin keeps accounts and reads no case (policy readCases).
    expect((await api.call('GET', `/notices?caseId=${c.id}`, { as: 'admin' })).status).toBe(403);
    expect((await api.call('GET', `/notices?caseId=${c.id}`)).status).toBe(401);
    expect((await api.call('GET', '/notices?caseId=case-1', CLERK)).status).toBe(400);
  });

  it('shows the applicant, with the receipt, the SMS notices they were sent and no office notice', async () => {
    const c = main;
    const own = await api.call<any[]>('GET', `/track/${c.caseNumber}/notices?code=${c.queryCode}`);
    expect(own.status).toBe(200);
    expect(own.body.map((x) => [x.kind, x.recipient])).toEqual(
      ['received', 'forwarded', 'supplementRequested', 'forwarded', 'accepted', 'decided', 'dispatched'].map(
        (kind) => [kind, maskedPhone],
      ),
    );
    const wrong = c.queryCode === '000000' ? '000001' : '000000';
    expect((await api.call('GET', `/track/${c.caseNumber}/notices?code=${wrong}`)).status).toBe(404);
  });

  it("records a clock's warning and overdue mark for the office once per mark, and again for a later due moment", async () => {
    const c = main;
    const dueAt = new Date('2026-12-08T15:59:59.999Z');
    const clock = {
      clockId: 'clock-4711-acceptance',
      caseId: c.id,
      stage: 'acceptance',
      party: 'homeJurisdiction',
      dueAt,
      provisional: false,
      office: { kind: 'jurisdiction' as const, code: 'J310115-SFJ' },
    };
    const record = (kind: 'warned' | 'overdue', due = dueAt) =>
      api.dataSource.transaction((m) => recordClockNotice(m, { ...clock, kind, dueAt: due }));
    expect(await record('warned')).not.toBeNull();
    expect(await record('warned')).toBeNull();
    expect(await record('overdue')).not.toBeNull();
    // An extension or a resume moved the due moment later: the marks were cleared and the sweep raises
    // the warning again, for the new moment; the office is told of it, once.
    const later = new Date('2026-12-22T15:59:59.999Z');
    expect(await record('warned', later)).not.toBeNull();
    expect(await record('warned', later)).toBeNull();
    const all = await sentNotices(c, 12);
    expect(all.slice(-3).map((x) => [x.kind, x.addressee, x.text])).toEqual([
      [
        'clockWarned',
        'jurisdiction:J310115-SFJ',
        `【政务服务】时限预警：办件（编号${c.caseNumber}）的「受理」时限将于2026-12-08 23:59（北京时间）届满，责任方：业务属地部门，请及时办理。`,
      ],
      [
        'clockOverdue',
        'jurisdiction:J310115-SFJ',
        `【政务服务】超期提醒：办件（编号${c.caseNumber}）的「受理」时限已于2026-12-08 23:59（北京时间）届满，责任方：业务属地部门，请立即办理并说明原因。`,
      ],
      [
        'clockWarned',
        'jurisdiction:J310115-SFJ',
        `【政务服务】时限预警：办件（编号${c.caseNumber}）的「受理」时限将于2026-12-22 23:59（北京时间）届满，责任方：业务属地部门，请及时办理。`,
      ],
    ]);
  });

  it('sends a notice whose job was lost (published, then gone from Redis) once the reconciler passes', async () => {
    const c = main;
    const lost = await api.dataSource.transaction(async (m) => {
      const id = await recordClockNotice(m, {
        clockId: 'clock-4711-decision',
        caseId: c.id,
        kind: 'warned',
        stage: 'decision',
        party: 'homeJurisdiction',
        dueAt: new Date('2026-12-30T15:59:59.999Z'),
        provisional: false,
        office: { kind: 'jurisdiction', code: 'J310115-SFJ' },
      });
      // As if a relay had published its job and Redis lost it, ten minutes ago.
      await m.query(
        `UPDATE outbox SET published_at = now() WHERE queue = 'notify' AND payload ->> 'noticeId' = $1`,
        [id],
      );
      await m.query(`UPDATE notices SET created_at = now() - interval '10 minutes' WHERE id = $1`, [id]);
      return id!;
    });
    const report = await api.workers[0].get(Reconciler).reconcile();
    expect(report.unsentNotices).toBeGreaterThanOrEqual(1);
    expect(report.republished).toBeGreaterThanOrEqual(1);
    const sent = await sentNotices(c, 13);
    expect(sent.find((x) => x.id === lost)).toMatchObject({ kind: 'clockWarned', transport: 'recording' });
  });

  it('writes no phone number, name or ID number of the applicant to the logs of the api or the worker', () => {
    const written = logs.join('');
    // The logs were captured: the api logged its requests, the worker the parcel's tracking job
    // (the delivery it saw, and its run again).
    expect(written).toContain('/api/v1/notices');
    expect(written).toContain('): delivered');
    expect(written).toContain('looked at again after it left the carrier');
    expect(written).not.toContain(person.phone);
    expect(written).not.toContain(maskedPhone);
    expect(written).not.toContain(person.name);
    expect(written).not.toContain(person.idNumber);
  });
});
