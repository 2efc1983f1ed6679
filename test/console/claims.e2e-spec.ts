import type { Browser, Page } from 'playwright-core';
import { caseDriver, type ReceivedCase } from '../support/case-driver';
import { ageClock } from '../support/clocks';
import { launchChromium, newContext, shoot } from '../support/browser';
import { BROWSER_MS, consoleOf, inlineCode, signIn } from '../support/console';
import { LEAD, OFFICER, SUPERVISOR, TEST_STAFF_PASSWORD } from '../support/fixtures';
import type { Call } from '../support/http';
import { startStack, type InProcessStack } from '../support/stack';

/** Another officer of J310115-SFJ (OFFICER's jurisdiction), made by the seeded admin. */
async function colleague(call: Call, username: string): Promise<string> {
  const res = await call('POST', '/accounts', {
    as: 'admin',
    body: { username, password: TEST_STAFF_PASSWORD, role: 'officer', jurisdictionCode: 'J310115-SFJ' },
  });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`creating ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return username;
}

/**
 * Issue 14, claim and release in the console: two officers of one jurisdiction in two browser
 * contexts. A claims a case; B sees who holds it and is offered nothing; B's page rendered before A
 * acted is refused when posted, the case's current holder and state named; the worklist shows the
 * holder, and 我认领的案件 A's cases. The lead officer hands an absent colleague's cases to B.
 * Every page is photographed at desktop width and 375 px.
 */
describe('console: claim and release', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;
  let drive: ReturnType<typeof caseDriver>;
  let kase: ReceivedCase;
  let officerB: string;
  let absent: string;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
    base = consoleOf(stack);
    browser = await launchChromium();
    drive = caseDriver(stack.call, 22_400);
    officerB = await colleague(stack.call, 'officer-j310115-sfj-claims-e');
    absent = await colleague(stack.call, 'officer-j310115-sfj-claims-f');
    kase = await drive.accepted();
    // Other files' cases share the inbox: aged far into the past, this one is its first row.
    await ageClock(stack.dataSource, kase.id, 'decision', 500);
  }, 2 * BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const claimPage = (id: string) => `/console/staff/cases/${id}/claim`;
  const signedIn = async (username: string): Promise<Page> => {
    const page = await (await newContext(browser, base)).newPage();
    await signIn(page, username);
    return page;
  };
  const text = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  it(
    "gives a claimed case to its holder: the other officer sees who holds it and cannot act; a stale page's claim is refused",
    async () => {
      const a = await signedIn(OFFICER.as);
      const b = await signedIn(officerB);

      // B opens the case before anyone claims it, and before A does anything.
      await b.goto(claimPage(kase.id));
      await expect(text(b)).resolves.toContain('尚无人认领');
      expect(inlineCode(await b.content())).toEqual([]);
      await shoot(b, 'claim-unclaimed');

      // A claims it: A's page names A as holder, with the minute, and offers 释放.
      await a.goto(claimPage(kase.id));
      await a.getByRole('button', { name: '认领' }).click();
      await a.waitForURL(`**${claimPage(kase.id)}`);
      await expect(a.locator('.claim-holder').textContent()).resolves.toMatch(
        new RegExp(`由 ${OFFICER.as} 办理（\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 认领）`),
      );
      await expect(a.getByRole('button', { name: '释放' }).count()).resolves.toBe(1);
      await shoot(a, 'claim-mine');

      // B's page, rendered before A claimed, still offers 认领: posted, it is refused, naming the
      // holder and the case's current state, and nothing changes.
      const answer = b.waitForResponse((r) => r.url().endsWith(`/cases/${kase.id}/claim`));
      await b.getByRole('button', { name: '认领' }).click();
      expect((await answer).status()).toBe(409);
      const refusal = (await b.getByRole('alert').textContent()) ?? '';
      expect(refusal).toContain(`此案件已由 ${OFFICER.as} 认领`);
      expect(refusal).toContain('案件当前状态：已受理，办理中');
      await shoot(b, 'claim-refused-held');
      expect((await drive.view(kase, OFFICER)).holder).toMatchObject({ username: OFFICER.as });

      // Read again, B's page names the holder and offers neither 认领 nor 释放.
      await b.goto(claimPage(kase.id));
      await expect(text(b)).resolves.toContain(`此案件由 ${OFFICER.as} 办理，您不能对其进行操作`);
      await expect(b.getByRole('button', { name: '认领' }).count()).resolves.toBe(0);
      await expect(b.getByRole('button', { name: '释放' }).count()).resolves.toBe(0);
      await shoot(b, 'claim-held-by-other');

      // B's case page names the holder and renders no action (a claimed case's actions are the
      // holder's); an action form posted anyway is refused naming the holder, nothing applied.
      await b.goto(`/console/staff/cases/${kase.id}`);
      await expect(b.locator('.claim-holder').textContent()).resolves.toContain(OFFICER.as);
      await expect(b.locator('details.action').count()).resolves.toBe(0);
      await shoot(b, 'case-page-held-by-other');
      const before = await drive.view(kase, OFFICER);
      const forged = await b.request.post(`/console/staff/cases/${kase.id}/events`, {
        form: {
          _csrf: (await b.locator('input[name="_csrf"]').first().getAttribute('value')) ?? '',
          type: 'EXTEND_TIME_LIMIT',
          version: String(before.version),
          reason: '需要现场核查',
        },
      });
      expect(forged.status()).toBe(409);
      expect(await forged.text()).toContain(`此案件由 ${OFFICER.as} 认领办理`);
      expect((await drive.view(kase, OFFICER)).version).toBe(before.version);

      // The worklist shows the holder of each case; 我认领的案件 holds A's.
      await b.goto('/console/staff');
      const row = b.locator('table.list tr', { hasText: kase.caseNumber });
      await expect(row.locator('td.holder').textContent()).resolves.toBe(OFFICER.as);
      await shoot(b, 'officer-home-holders');
      await a.getByRole('link', { name: '我认领的案件' }).first().click();
      await expect(a.locator('table.list').nth(1).textContent()).resolves.toContain(kase.caseNumber);
      await expect(text(a)).resolves.toContain('我认领的待办案件');
      await shoot(a, 'officer-mine');
      await b.goto('/console/staff?mine=1');
      await expect(b.locator('table.list').nth(1).textContent()).resolves.not.toContain(kase.caseNumber);

      // A releases. B opens the case, unclaimed; before B acts, A claims it and releases it again:
      // B's page is stale, and its claim is refused with the case's current state named.
      await a.goto(claimPage(kase.id));
      await a.getByRole('button', { name: '释放' }).click();
      await a.waitForURL(`**${claimPage(kase.id)}`);
      await expect(text(a)).resolves.toContain('尚无人认领');
      await b.goto(claimPage(kase.id));
      await a.getByRole('button', { name: '认领' }).click();
      await a.waitForURL(`**${claimPage(kase.id)}`);
      await a.getByRole('button', { name: '释放' }).click();
      await a.waitForURL(`**${claimPage(kase.id)}`);
      const staleAnswer = b.waitForResponse((r) => r.url().endsWith(`/cases/${kase.id}/claim`));
      await b.getByRole('button', { name: '认领' }).click();
      expect((await staleAnswer).status()).toBe(409);
      const staleText = (await b.getByRole('alert').textContent()) ?? '';
      expect(staleText).toContain('页面打开之后案件已有变动');
      expect(staleText).toContain('案件当前状态：已受理，办理中；尚无人认领');
      await shoot(b, 'claim-refused-stale');
      expect((await drive.view(kase, OFFICER)).holder).toBeNull();

      await a.context().close();
      await b.context().close();
    },
    2 * BROWSER_MS,
  );

  it(
    "lets the lead officer hand an absent colleague's cases to a named colleague, from the reassign page",
    async () => {
      const held = [await drive.arrived(), await drive.arrived()];
      for (const c of held) {
        const res = await stack.call('POST', `/applications/${c.id}/claim`, { as: absent });
        expect(res.status).toBe(200);
      }
      const lead = await signedIn(LEAD.as);
      await lead.getByRole('link', { name: '案件改派' }).click();
      await lead.waitForURL('**/console/staff/claims');
      await lead.getByLabel('原认领人（不在岗的同事）').selectOption(absent);
      await lead.getByRole('button', { name: '列出其认领的案件' }).click();
      await lead.waitForURL('**/console/staff/claims?from=*');
      const table = (await lead.locator('table.list').textContent()) ?? '';
      for (const c of held) expect(table).toContain(c.caseNumber);
      expect(inlineCode(await lead.content())).toEqual([]);
      await shoot(lead, 'claims-reassign');

      // Nothing ticked and nobody named: refused, each field named, nothing moved.
      await lead.getByRole('button', { name: '改派' }).click();
      await expect(lead.getByRole('alert').textContent()).resolves.toContain('请选择接手的同事');
      await expect(lead.getByRole('alert').textContent()).resolves.toContain('请勾选要改派的案件');
      await shoot(lead, 'claims-reassign-refused');

      await lead.getByLabel(held[0].caseNumber).check();
      await lead.getByLabel('接手的同事（同一业务属地部门）').selectOption(officerB);
      await lead.getByRole('button', { name: '改派' }).click();
      await expect(lead.getByRole('status').textContent()).resolves.toContain(
        `共 1 件案件改由 ${officerB} 办理`,
      );
      await shoot(lead, 'claims-reassign-done');
      expect((await drive.view(held[0], OFFICER)).holder).toMatchObject({ username: officerB });
      expect((await drive.view(held[1], OFFICER)).holder).toMatchObject({ username: absent });
      await lead.context().close();

      // A supervisor reaches the page from the bar too; an officer who does not lead is refused it.
      const supervisor = await signedIn(SUPERVISOR.as);
      await supervisor.getByRole('link', { name: '案件改派' }).click();
      await expect(supervisor.locator('h1').textContent()).resolves.toBe('案件改派');
      await shoot(supervisor, 'claims-supervisor');
      await supervisor.context().close();
      const officer = await signedIn(OFFICER.as);
      await expect(officer.getByRole('link', { name: '案件改派' }).count()).resolves.toBe(0);
      const refused = await officer.goto('/console/staff/claims');
      expect(refused?.status()).toBe(403);
      await officer.context().close();
    },
    2 * BROWSER_MS,
  );
});
