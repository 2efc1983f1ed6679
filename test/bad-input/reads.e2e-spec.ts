import { randomUUID } from 'node:crypto';
import {
  badInputSuite,
  officer,
  supervisor,
  admin,
  putuoClerk,
  otherOfficer,
  caseOf,
  NO_TOKEN,
  title,
  type BadRequest,
} from '../support/bad-input';

/**
 * Bad input of reads: cases, lists, inbox, statistics, catalogue, accounts, tracking:
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { cases, written, expectRefused } = suite;

  describe('reads', () => {
    const rows: BadRequest[] = [
      {
        what: 'unknown case',
        method: 'GET',
        path: `/applications/${randomUUID()}`,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'history of an unknown case',
        method: 'GET',
        path: `/applications/${randomUUID()}/history`,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'case id that is not a UUID',
        method: 'GET',
        path: '/applications/42',
        status: 400,
        field: 'id',
      },
      {
        what: 'inbox of a state that is not an inbox state (received: still at the window)',
        method: 'GET',
        path: '/inbox?state=received',
        caller: officer,
        status: 400,
        field: 'state',
      },
      {
        what: 'case search by a malformed window',
        method: 'GET',
        path: '/applications?window=330902',
        status: 400,
        field: 'window',
      },
      {
        what: 'case search by a malformed case number',
        method: 'GET',
        path: '/applications?caseNumber=330902-1',
        status: 400,
        field: 'caseNumber',
      },
      {
        what: 'case search for a state that does not exist',
        method: 'GET',
        path: '/applications?window=W330902&state=archived',
        status: 400,
        field: 'state',
      },
      {
        what: 'case list in an order it does not know (sort=createdAt; due and waiting are)',
        method: 'GET',
        path: '/applications?window=W330902&sort=createdAt',
        status: 400,
        details: [{ field: 'sort', message: 'sort must be one of due, waiting' }],
      },
      {
        what: 'case list by a clock state that is not a filter (running)',
        method: 'GET',
        path: '/applications?window=W330902&clockState=running',
        status: 400,
        details: [{ field: 'clockState', message: 'clockState must be one of warned, overdue' }],
      },
      {
        what: 'inbox by a clock state that does not exist (late)',
        method: 'GET',
        path: '/inbox?clockState=late',
        caller: officer,
        status: 400,
        details: [{ field: 'clockState', message: 'clockState must be one of warned, overdue' }],
      },
      {
        what: 'case list with a page size that is not a number: said once',
        method: 'GET',
        path: '/applications?pageSize=abc',
        status: 400,
        details: [{ field: 'pageSize', message: 'pageSize must be a whole number from 1 to 200' }],
      },
      {
        what: 'inbox with a parameter it does not take (order)',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ&order=asc',
        caller: officer,
        status: 400,
        field: 'order',
      },
      {
        what: 'statistics with a parameter they do not take (until)',
        method: 'GET',
        path: '/statistics?from=2026-01-01&until=2026-01-31',
        caller: supervisor,
        status: 400,
        field: 'until',
      },
      {
        what: 'catalogue search with a parameter it does not take (lang)',
        method: 'GET',
        path: '/items?q=公证&lang=en',
        caller: null,
        status: 400,
        field: 'lang',
      },
      {
        what: 'accounts listed with a parameter they do not take (sort)',
        method: 'GET',
        path: '/accounts?role=clerk&sort=username',
        caller: admin,
        status: 400,
        field: 'sort',
      },
      {
        what: 'a case number of no case',
        method: 'GET',
        path: '/applications/330902-20200101-999999',
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case of 定海区 read by its case number by the clerk of 普陀区: the answer to an unknown case',
        method: 'GET',
        path: (c) => `/applications/${c.received.caseNumber}`,
        caller: putuoClerk,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'an event sent by case number by the clerk of 普陀区: not found',
        path: (c) => `/applications/${c.received.caseNumber}/events`,
        caller: putuoClerk,
        body: { type: 'PASS_FORM_CHECK' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'inbox page size over 200',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ&pageSize=1000',
        caller: officer,
        status: 400,
        field: 'pageSize',
      },
      {
        what: 'inbox of a malformed jurisdiction',
        method: 'GET',
        path: '/inbox?jurisdiction=j310115-sfj',
        caller: officer,
        status: 400,
        field: 'jurisdiction',
      },
      {
        what: 'inbox without an Authorization header',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ',
        caller: null,
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'a case of 定海区 read by the clerk of 普陀区: the answer to an unknown case',
        method: 'GET',
        path: caseOf('received'),
        caller: putuoClerk,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the history of a case of 定海区 read by the clerk of 普陀区',
        method: 'GET',
        path: (c) => `${caseOf('received')(c)}/history`,
        caller: putuoClerk,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case of 市司法局 read by the officer of 市人社局 in the same district',
        method: 'GET',
        path: caseOf('received'),
        caller: otherOfficer,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the audit chain of a case of 市司法局 verified by the officer of 市人社局',
        method: 'GET',
        path: (c) => `${caseOf('received')(c)}/history/verify`,
        caller: otherOfficer,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case of 定海区 for 浦东新区 read by the supervisor of 普陀区 (neither in their division)',
        method: 'GET',
        path: caseOf('received'),
        caller: { as: 'supervisor-330903' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case read by an admin',
        method: 'GET',
        path: caseOf('received'),
        caller: admin,
        status: 403,
      },
      {
        what: 'case search by an admin',
        method: 'GET',
        path: '/applications?window=W330902',
        caller: admin,
        status: 403,
      },
      {
        what: 'unknown item',
        method: 'GET',
        path: '/items/KS9-999',
        caller: null,
        status: 404,
        message: 'service item not found',
      },
      {
        what: 'items searched with a NUL character',
        method: 'GET',
        path: '/items?q=%00',
        caller: null,
        status: 400,
        field: 'q',
      },
      {
        what: 'an item code with a NUL character',
        method: 'GET',
        path: '/items/KS1-001%00',
        caller: null,
        status: 404,
        message: 'service item not found',
      },
      {
        what: 'items of batch 7',
        method: 'GET',
        path: '/items?batch=7',
        caller: null,
        status: 400,
        field: 'batch',
      },
      {
        what: 'items of batch "two"',
        method: 'GET',
        path: '/items?batch=two',
        caller: null,
        status: 400,
        field: 'batch',
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });

    it('GET /track answers a wrong code, an unknown number and a malformed one with the same 404', async () => {
      const { caseNumber, queryCode } = cases.received;
      const wrongCode = String((Number(queryCode) + 1) % 1_000_000).padStart(6, '0');
      const unknownNumber = caseNumber.replace(/\d{6}$/, '999999');
      const before = await written();
      const answers = [];
      for (const path of [
        `/track/${caseNumber}?code=${wrongCode}`,
        `/track/${unknownNumber}?code=${queryCode}`,
        `/track/${caseNumber.replace(/-/g, '')}?code=${queryCode}`,
        `/track/${caseNumber}?code=${queryCode.slice(1)}`,
      ]) {
        answers.push({ path, ...(await suite.api.call('GET', path)) });
      }
      const notFound = {
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'case not found' },
      };
      expect(answers).toEqual(answers.map(({ path }) => ({ path, ...notFound })));
      expect(await written()).toEqual(before);
      // The right code still opens it: the 404s were about the request, not the case.
      expect((await suite.api.call('GET', `/track/${caseNumber}?code=${queryCode}`)).status).toBe(200);
    });

    it('GET /track names a missing code and an unknown parameter (400), as every other query does', async () => {
      const { caseNumber, queryCode } = cases.received;
      const before = await written();
      expect(await suite.api.call('GET', `/track/${caseNumber}`)).toMatchObject({
        status: 400,
        body: {
          details: [{ field: 'code', message: 'code is required: the query code printed on the receipt' }],
        },
      });
      expect(await suite.api.call('GET', `/track/${caseNumber}?code=${queryCode}&lang=en`)).toMatchObject({
        status: 400,
        body: { details: [{ field: 'lang', message: expect.stringContaining('lang') }] },
      });
      expect(await written()).toEqual(before);
    });
  });
});
