import { forwardAll, moreOfficers, verifiedCases } from '../support/cases';
import { CLERK as clerk, OFFICER as officer } from '../support/fixtures';
import { checkInCase } from '../support/parcels';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { say } from './support/report';

describe('20 officers answer one case at the same moment', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({ mode: 'processes', workers: 1, env: { COURIER_TRANSIT_MS: '0' } });
  });
  afterAll(() => s.stop());

  it('lets exactly one ACCEPT or REQUEST_SUPPLEMENT win; the 19 others get 409 and write nothing', async () => {
    const officers = await moreOfficers(s.call, 20);
    const [id] = await verifiedCases(s.call, 1, 4000);
    await forwardAll(s.call, [id]);
    await eventually(
      async () => (await s.call('GET', `/applications/${id}`, clerk)).body.state,
      (st) => st === 'forwarded.awaitingCheckIn',
      { what: `case ${id}'s parcel delivered` },
    );
    await checkInCase(s.call, officer, id);
    await eventually(
      async () => (await s.call('GET', `/applications/${id}`, clerk)).body.state,
      (st) => st === 'forwarded.awaitingAcceptance',
      { what: `case ${id} in the inbox` },
    );
    // Each officer acts on the case as their screen showed it (If-Match: the version read): once one
    // answer is applied, the others act on a case that moved on. (Without it, a supplement request
    // arriving after an ACCEPT would rightly be taken as one during review.)
    const { version } = (await s.call('GET', `/applications/${id}`, clerk)).body;
    const events = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? { type: 'ACCEPT' }
        : { type: 'REQUEST_SUPPLEMENT', items: ['补充材料'], note: `officer ${i}` },
    );
    const answers = await Promise.all(
      events.map((body, i) =>
        s.call('POST', `/applications/${id}/events`, {
          as: officers[i],
          body,
          headers: { 'if-match': String(version) },
        }),
      ),
    );
    say('broke: 10 ACCEPT and 10 REQUEST_SUPPLEMENT sent on one case at once by 20 officers');
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    const { rows } = await s.db.query(
      `SELECT type FROM case_events WHERE application_id = $1 AND type IN ('ACCEPT', 'REQUEST_SUPPLEMENT')`,
      [id],
    );
    expect(rows).toHaveLength(1);
    const verdict = (await s.call('GET', `/applications/${id}/history/verify`, clerk)).body.verdict;
    expect(verdict).toMatchObject({ intact: true });
    say(`checked: one 200 (${rows[0].type}), nineteen 409, one audit row, the hash chain intact`);
  });
});
