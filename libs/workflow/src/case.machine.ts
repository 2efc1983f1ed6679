import { assign, setup } from 'xstate';
import type { CaseContext, CaseInput } from './case.context';
import { MAX_IDENTITY_ATTEMPTS } from './case.context';
import type { CaseEvent, TransferChannel } from './case.events';
import type { CaseTag } from './case-tags';
import { mergeMaterials, missingMaterials } from './materials';
import { supplementAnswerRefusal, supplementRequestRefusal } from './supplement';

/**
 * Version of the machine's shape. Persisted with every snapshot; bump it when a state is renamed,
 * split or removed, and add a snapshot migration for the previous version.
 */
export const CASE_MACHINE_VERSION = 5;

/**
 * Side effects a transition asks for. The machine never runs them: `transition()` hands them back
 * and CaseService turns them into rows (transfers, outbox) inside the same database transaction:
 * - `startTransfer`: a forward transfer on the event's channel (courier job delayed by the transit time);
 * - `startResultDelivery`: the result or refusal notice on its way (mail or online);
 * - `startAcceptanceClock`: on arrival, a deadline job that sends DEEM_ACCEPTED when the acceptance
 *   period has passed without an answer (行政许可法 art. 32: five days).
 */
export type CaseEffect = 'startTransfer' | 'startResultDelivery' | 'startAcceptanceClock';

/** The effect names the service must carry out; any other action a transition returns is internal. */
export const CASE_EFFECTS: readonly CaseEffect[] = [
  'startTransfer',
  'startResultDelivery',
  'startAcceptanceClock',
];

const channelOf = (event: CaseEvent): TransferChannel =>
  event.type === 'FORWARD' || event.type === 'REDISPATCH' ? event.channel : 'courier';

/** FORWARD and REDISPATCH both start a transfer on the channel the event names. */
const dispatchTransfer = {
  target: '#case.forwarded.inTransit',
  guard: 'channelAllowed',
  actions: 'startTransfer',
} as const;
/** A decision or a refusal notice goes out by a method the item allows. */
const dispatchResult = {
  target: '#case.resultDispatched',
  guard: 'deliveryMethodAllowed',
  actions: 'startResultDelivery',
} as const;
const withdraw = { WITHDRAW: { target: '#case.withdrawn' } } as const;

/**
 * The lifecycle of one proxy-acceptance case (收办分离, 舟政办发〔2021〕40号 二(二)2), as DESIGN.md's
 * event table gives it. Pure: no I/O, no clocks, no delayed transitions (deadlines are BullMQ jobs
 * that send events back). Step it with xstate's `initialTransition(caseMachine, input)` and
 * `transition(caseMachine, snapshot, event)`.
 *
 * Each state carries tags saying what it means to the rest of the system (case-tags.ts); code
 * outside this library asks them (case-states.ts: `statesTagged`, `stateHasTag`) instead of
 * listing state names.
 *
 * Guards read only the context and the event:
 * - `requiredMaterialsPresent`: every required checklist material has been handed in, in the form
 *   it asks for (an original where the checklist says 原件);
 * - `channelAllowed`: scan transfer is refused when the item's originals must travel;
 * - `identityPassed` / `identityAttemptsLeft`: three failed checks leave only WITHDRAW;
 * - `deliveryMethodAllowed`: the result goes by a method the item allows (paper results by mail);
 * - `supplementRequestAllowed` / `supplementAnswersRequest`: 一次性告知 (supplement.ts): one request
 *   for everything; a further one only with a reason and only about what the supplement brought;
 *   a supplement answers each requested item and nothing else.
 */
export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
    tags: {} as CaseTag,
  },
  actions: {
    // Described here, carried out by CaseService after the transition (see CaseEffect).
    startTransfer: () => undefined,
    startResultDelivery: () => undefined,
    startAcceptanceClock: () => undefined,
  },
  guards: {
    requiredMaterialsPresent: ({ context }) => missingMaterials(context).length === 0,
    channelAllowed: ({ context, event }) => !(context.originalsMustTravel && channelOf(event) === 'scan'),
    identityPassed: ({ context, event }) =>
      event.type === 'VERIFY_IDENTITY' &&
      event.passed === true &&
      context.failedIdentityAttempts < MAX_IDENTITY_ATTEMPTS,
    identityAttemptsLeft: ({ context }) => context.failedIdentityAttempts < MAX_IDENTITY_ATTEMPTS,
    deliveryMethodAllowed: ({ context, event }) =>
      event.type === 'DISPATCH_RESULT' && context.resultDeliveryMethods.includes(event.method),
    supplementRequestAllowed: ({ context, event }) =>
      event.type === 'REQUEST_SUPPLEMENT' && supplementRequestRefusal(context, event) === null,
    supplementAnswersRequest: ({ context, event }) =>
      event.type === 'SUPPLEMENT_RECEIVED' && supplementAnswerRefusal(context, event) === null,
  },
}).createMachine({
  id: 'case',
  // xstate's pure transition() builds an inert actor whose initial context is computed without
  // input and then discarded: answer it without throwing (a swallowed TypeError per transition
  // cost half of a step's time, docs/PERFORMANCE.md P2).
  context: ({ input }) =>
    input === undefined
      ? ({} as CaseContext)
      : {
          requiredMaterials: input.requiredMaterials,
          materialsHandedIn: mergeMaterials([], input.materialsHandedIn),
          originalsMustTravel: input.originalsMustTravel,
          resultDeliveryMethods: input.resultDeliveryMethods,
          failedIdentityAttempts: 0,
          supplementRounds: 0,
          supplementItems: [],
          supplementHandedIn: [],
        },
  initial: 'received',
  states: {
    received: {
      tags: 'atWindow',
      on: {
        PASS_FORM_CHECK: { target: 'formChecked', guard: 'requiredMaterialsPresent' },
        FAIL_FORM_CHECK: { target: 'returnedForCorrection' },
        ...withdraw,
      },
    },
    returnedForCorrection: {
      tags: ['atWindow', 'waitingForApplicant'],
      on: {
        RESUBMIT: {
          target: 'received',
          actions: assign({
            materialsHandedIn: ({ context, event }) =>
              mergeMaterials(context.materialsHandedIn, event.materials),
          }),
        },
        ...withdraw,
      },
    },
    formChecked: {
      tags: 'atWindow',
      on: {
        VERIFY_IDENTITY: [
          { target: 'identityVerified', guard: 'identityPassed' },
          {
            guard: 'identityAttemptsLeft',
            actions: assign({ failedIdentityAttempts: ({ context }) => context.failedIdentityAttempts + 1 }),
          },
        ],
        ...withdraw,
      },
    },
    identityVerified: {
      tags: 'atWindow',
      on: {
        FORWARD: dispatchTransfer,
        ...withdraw,
      },
    },
    forwarded: {
      initial: 'inTransit',
      on: withdraw,
      states: {
        inTransit: {
          tags: ['inTransit', 'waitingOnJob'],
          on: {
            TRANSFER_DELIVERED: { target: 'awaitingAcceptance', actions: 'startAcceptanceClock' },
            TRANSFER_FAILED: { target: '#case.transferException' },
          },
        },
        awaitingAcceptance: {
          tags: ['inInbox', 'acceptancePending', 'waitingOnJob'],
          on: {
            ACCEPT: { target: '#case.accepted.processing' },
            DEEM_ACCEPTED: { target: '#case.accepted.processing' },
            REQUEST_SUPPLEMENT: {
              target: '#case.supplementRequested',
              guard: 'supplementRequestAllowed',
              actions: assign({
                supplementRounds: ({ context }) => context.supplementRounds + 1,
                supplementItems: ({ event }) => [...new Set(event.items)],
              }),
            },
            REFUSE: { target: '#case.refused' },
          },
        },
      },
    },
    transferException: {
      tags: ['atWindow', 'transferFailed'],
      on: {
        REDISPATCH: dispatchTransfer,
        ...withdraw,
      },
    },
    supplementRequested: {
      tags: ['atWindow', 'waitingForApplicant', 'supplementOpen'],
      on: {
        SUPPLEMENT_RECEIVED: {
          target: 'identityVerified',
          guard: 'supplementAnswersRequest',
          actions: assign({
            materialsHandedIn: ({ context, event }) =>
              mergeMaterials(context.materialsHandedIn, event.materials),
            supplementHandedIn: ({ event }) => [...new Set(event.materials.map((m) => m.name))],
          }),
        },
        ...withdraw,
      },
    },
    accepted: {
      initial: 'processing',
      states: {
        processing: {
          tags: 'inInbox',
          on: {
            APPROVE: { target: 'concluded' },
            DENY: { target: 'concluded' },
            ...withdraw,
          },
        },
        concluded: {
          tags: 'inInbox',
          on: { DISPATCH_RESULT: dispatchResult },
        },
      },
    },
    refused: {
      tags: 'inInbox',
      on: { DISPATCH_RESULT: dispatchResult },
    },
    resultDispatched: {
      tags: 'waitingOnJob',
      on: { RESULT_DELIVERED: { target: 'resultDelivered' } },
    },
    resultDelivered: { type: 'final', tags: ['final', 'evaluationOpen'] },
    withdrawn: { type: 'final', tags: 'final' },
  },
});

export type CaseMachine = typeof caseMachine;
