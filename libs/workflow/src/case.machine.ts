import { assign, setup } from 'xstate';
import type { CaseContext, CaseInput } from './case.context';
import type { CaseEvent, MaterialIn, ResultDeliveryMethod, TransferOrder } from './case.events';
import type { CaseEffectParams } from './case-effects';
import { CASE_RULES, RULE_GUARDS } from './case-rules';
import type { CaseTag } from './case-tags';
import { mergeMaterials } from './materials';

/**
 * Version of the machine's shape. Persisted with every snapshot; bump it when a state is renamed,
 * split or removed, and add a snapshot migration for the previous version.
 */
export const CASE_MACHINE_VERSION = 5;

/** FORWARD and REDISPATCH both start a transfer on the channel the event names, and count it. */
const dispatchTransfer = {
  target: '#case.forwarded.inTransit',
  guard: 'channelAllowed',
  actions: [
    {
      type: 'startTransfer',
      params: ({ event }: { event: TransferOrder }): CaseEffectParams['startTransfer'] => ({
        channel: event.channel,
        waybillNumber: event.waybillNumber ?? null,
        scanDigests: event.scanDigests ?? null,
      }),
    },
  ],
} as const;
/** A decision or a refusal notice goes out by a method the item allows. */
const dispatchResult = {
  target: '#case.resultDispatched',
  guard: 'deliveryMethodAllowed',
  actions: {
    type: 'startResultDelivery',
    params: ({
      event,
    }: {
      event: { method: ResultDeliveryMethod; waybillNumber?: string };
    }): CaseEffectParams['startResultDelivery'] => ({
      method: event.method,
      waybillNumber: event.waybillNumber ?? null,
    }),
  },
} as const;
/** A withdrawal from any state but the final ones: a transfer still on its way is cancelled. */
const withdraw = {
  WITHDRAW: {
    target: '#case.withdrawn',
    actions: {
      type: 'cancelTransfersInTransit',
      params: {
        reason: 'case withdrawn while in transit',
      } satisfies CaseEffectParams['cancelTransfersInTransit'],
    },
  },
} as const;
/** The materials a RESUBMIT or a SUPPLEMENT_RECEIVED hands in, stored at `stage`. */
const storeMaterials = (stage: CaseEffectParams['storeMaterials']['stage']) =>
  ({
    type: 'storeMaterials',
    params: ({ event }: { event: { materials: MaterialIn[] } }): CaseEffectParams['storeMaterials'] => ({
      stage,
      materials: event.materials,
    }),
  }) as const;
/** A transfer in transit arrived (TRANSFER_DELIVERED, RESULT_DELIVERED). */
const settleDelivered = {
  type: 'settleTransfer',
  params: ({ event }: { event: { transferId: string } }): CaseEffectParams['settleTransfer'] => ({
    transferId: event.transferId,
    status: 'delivered',
  }),
} as const;

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
 * Guards read only the context and the event. Each guard but one is a rule of the item
 * (case-rules.ts, `CASE_RULES`), which also gives the sentence of its refusal (`explainRefusal`);
 * `identityPassed` refuses nothing: it sends a passed check on, a failed one stays and is counted.
 *
 * Effects (case-effects.ts) are actions whose params the transition builds from the event: xstate
 * returns them with the next snapshot and `stepCase` hands them to the write path; here they do
 * nothing.
 */
export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
    tags: {} as CaseTag,
  },
  actions: {
    storeMaterials: (_, _params: CaseEffectParams['storeMaterials']) => undefined,
    settleTransfer: (_, _params: CaseEffectParams['settleTransfer']) => undefined,
    checkDeadlineCurrent: (_, _params: CaseEffectParams['checkDeadlineCurrent']) => undefined,
    cancelTransfersInTransit: (_, _params: CaseEffectParams['cancelTransfersInTransit']) => undefined,
    startTransfer: (_, _params: CaseEffectParams['startTransfer']) => undefined,
    startResultDelivery: (_, _params: CaseEffectParams['startResultDelivery']) => undefined,
    startAcceptanceClock: (_, _params: CaseEffectParams['startAcceptanceClock']) => undefined,
  },
  guards: {
    ...RULE_GUARDS,
    identityPassed: ({ context, event }) =>
      event.type === 'VERIFY_IDENTITY' &&
      event.passed === true &&
      CASE_RULES.identityAttemptsLeft.passes(context, event),
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
          actions: [
            assign({
              materialsHandedIn: ({ context, event }) =>
                mergeMaterials(context.materialsHandedIn, event.materials),
            }),
            storeMaterials('resubmit'),
          ],
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
            TRANSFER_DELIVERED: {
              target: 'awaitingAcceptance',
              // Settled first: the deadline counts from the arrival the settlement records.
              actions: [
                settleDelivered,
                {
                  type: 'startAcceptanceClock',
                  params: ({ event }) => ({ transferId: event.transferId }),
                },
              ],
            },
            TRANSFER_FAILED: {
              target: '#case.transferException',
              actions: {
                type: 'settleTransfer',
                params: ({ event }) => ({
                  transferId: event.transferId,
                  status: 'failed',
                  failureReason: event.reason,
                }),
              },
            },
          },
        },
        awaitingAcceptance: {
          tags: ['inInbox', 'acceptancePending', 'waitingOnJob'],
          on: {
            ACCEPT: { target: '#case.accepted.processing' },
            DEEM_ACCEPTED: {
              target: '#case.accepted.processing',
              actions: {
                type: 'checkDeadlineCurrent',
                params: ({ event }) => ({ transferId: event.transferId }),
              },
            },
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
          actions: [
            assign({
              materialsHandedIn: ({ context, event }) =>
                mergeMaterials(context.materialsHandedIn, event.materials),
              supplementHandedIn: ({ event }) => [...new Set(event.materials.map((m) => m.name))],
            }),
            storeMaterials('supplement'),
          ],
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
      on: { RESULT_DELIVERED: { target: 'resultDelivered', actions: settleDelivered } },
    },
    resultDelivered: { type: 'final', tags: ['final', 'evaluationOpen'] },
    withdrawn: { type: 'final', tags: 'final' },
  },
});

export type CaseMachine = typeof caseMachine;
