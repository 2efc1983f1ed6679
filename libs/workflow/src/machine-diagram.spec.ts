import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASE_MACHINE_VERSION, caseMachine } from './case.machine';
import { renderMachinePage, renderMermaid } from './machine-diagram';

describe('the machine drawn', () => {
  it('matches the checked-in docs/case-machine.md (run `npm run diagram` after changing the machine)', () => {
    const checkedIn = readFileSync(resolve(__dirname, '../../../docs/case-machine.md'), 'utf8');
    expect(checkedIn).toBe(renderMachinePage(caseMachine, CASE_MACHINE_VERSION));
  });

  it('draws every state and the transitions a clerk and an officer use', () => {
    const diagram = renderMermaid(caseMachine);
    expect(diagram).toContain('state "forwarded.awaitingAcceptance" as forwarded_awaitingAcceptance');
    expect(diagram).toContain(
      'identityVerified --> forwarded_inTransit: FORWARD [channelAllowed] / startTransfer',
    );
    expect(diagram).toContain('forwarded_inTransit --> withdrawn: WITHDRAW');
    expect(diagram).toContain(
      'refused --> resultDispatched: DISPATCH_RESULT [deliveryMethodAllowed] / stopClocks, startResultDelivery',
    );
    expect(diagram).toContain('resultDelivered --> [*]');
  });
});
