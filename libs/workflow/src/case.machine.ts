import { assign, setup } from 'xstate';
import type { CaseContext, CaseInput } from './case.context';
import type { CaseEvent, MaterialIn, ResultDeliveryMethod, TransferOrder } from './case.events';
import type { CaseEffectParams } from './case-effects';
import { CASE_RULES, RULE_GUARDS } from './case-rules';
import { DECISION_EXTENSION_WORKING_DAYS, type ClockStage } from './clock-stages';
import type { CaseTag } from './case-tags';
import { allReceived, checkInDiscrepancy } from './check-in';
import { mergeMaterials } from './materials';

/**
 * Version of the machine's shape. Persisted with every snapshot; bump it when a state is renamed,
 * split or removed, and add a snapshot migration for the previous version.
 */
export const CASE_MACHINE_VERSION = 7;

/** Clock effects (case-effects.ts): what a transition does to the case's clocks. */
const startClocks = (
  stages: ClockStage[],
  startingEvent: CaseEffectParams['startClocks']['startingEvent'] = 'transition',
) =>
  ({
    type: 'startClocks',
    params: { stages, startingEvent } satisfies CaseEffectParams['startClocks'],
  }) as const;
const stopClocks = (stages: ClockStage[] | 'all', outcome: 'done' | 'withdrawn' = 'done') =>
  ({ type: 'stopClocks', params: { stages, outcome } satisfies CaseEffectParams['stopClocks'] }) as const;
const resumeClocks = (stages: ClockStage[]) =>
  ({ type: 'resumeClocks', params: { stages } satisfies CaseEffectParams['resumeClocks'] }) as const;
/** The window's clocks: forwarding, and mailing the originals where they must travel. */
const windowStages = (context: CaseContext): ClockStage[] =>
  context.originalsMustTravel ? ['forward', 'mailOriginals'] : ['forward'];
/** A forward stops the window's forwarding clock, and its mailing clock when the originals went by courier. */
const forwardStops = (channel: TransferOrder['channel']): ClockStage[] =>
  channel === 'courier' ? ['forward', 'mailOriginals'] : ['forward'];
/** A decision (APPROVE, DENY) or a refusal (REFUSE) ends its clock and starts the dispatch clock (art. 44). */
const decided = (stage: ClockStage) => [stopClocks([stage]), startClocks(['resultDispatch'])];

type SupplementRequest = Extract<CaseEvent, { type: 'REQUEST_SUPPLEMENT' }>;
type Supplement = Extract<CaseEvent, { type: 'SUPPLEMENT_RECEIVED' }>;

/**
 * A supplement request (一次性告知补正) while `stage`'s clock runs, to `target`: the home
 * jurisdiction's clock waits for the applicant, whose own clock starts (issue 12; at acceptance,
 * 行政许可法 art. 32; during review, the time the applicant takes is not the home jurisdiction's).
 */
const requestSupplement = (target: string, stage: 'acceptance' | 'decision') =>
  ({
    target,
    guard: 'supplementRequestAllowed',
    actions: [
      'countSupplementRequest',
      {
        type: 'pauseClocks',
        params: ({ event }: { event: { items: string[] } }): CaseEffectParams['pauseClocks'] => ({
          stages: [stage],
          cause: 'supplement',
          reason: event.items.join('、'),
        }),
      },
      startClocks(['supplement']),
    ],
  }) as const;
/** The answer to a supplement request: its materials stored, the applicant's clock stopped, `stage`'s resumed. */
const supplementAnswered = (stage: 'acceptance' | 'decision') =>
  [
    'recordSupplement',
    storeMaterials('supplement'),
    stopClocks(['supplement']),
    resumeClocks([stage]),
  ] as const;

/** The effects of FORWARD and REDISPATCH: a transfer started on the event's channel, the window's clocks stopped. */
const transferStarted = [
  {
    type: 'startTransfer',
    params: ({ event }: { event: TransferOrder }): CaseEffectParams['startTransfer'] => ({
      channel: event.channel,
      waybillNumber: event.waybillNumber ?? null,
      scanDigests: event.scanDigests ?? null,
      parcelId: event.parcelId ?? null,
    }),
  },
  {
    type: 'stopClocks',
    params: ({ event }: { event: TransferOrder }): CaseEffectParams['stopClocks'] => ({
      stages: forwardStops(event.channel),
      outcome: 'done',
    }),
  },
] as const;
/**
 * FORWARD and REDISPATCH: by courier the papers travel in a sealed parcel (checked in by an officer
 * on arrival); by scan the scans travel, re-hashed on arrival, where the item allows it.
 */
const dispatchTransfer = [
  { target: '#case.forwarded.inParcel', guard: 'byCourier', actions: transferStarted },
  { target: '#case.forwarded.inTransit', guard: 'channelAllowed', actions: transferStarted },
] as const;
/** A decision or a refusal notice goes out by a method the item allows. */
const dispatchResult = {
  target: '#case.resultDispatched',
  guard: 'deliveryMethodAllowed',
  actions: [
    stopClocks(['resultDispatch']),
    {
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
  ],
} as const;
/** A withdrawal from any state but the final ones: a transfer still on its way is cancelled. */
const withdraw = {
  WITHDRAW: {
    target: '#case.withdrawn',
    actions: [
      {
        type: 'cancelTransfersInTransit',
        params: {
          reason: 'case withdrawn while in transit',
        } satisfies CaseEffectParams['cancelTransfersInTransit'],
      },
      stopClocks('all', 'withdrawn'),
    ],
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

/** The check-in's effect: the line's originals recorded as found. */
const recordCheckIn = {
  type: 'recordCheckIn',
  params: ({
    event,
  }: {
    event: Extract<CaseEvent, { type: 'CHECK_IN' }>;
  }): CaseEffectParams['recordCheckIn'] => ({
    parcelId: event.parcelId,
    transferId: event.transferId,
    originals: event.originals,
  }),
} as const;
/**
 * Papers arrived (a scan transfer re-hashed, a parcel's line checked in whole): the transfer is
 * settled first, since the acceptance clock counts from the arrival the settlement records.
 */
const arrived = [settleDelivered, startClocks(['acceptance'], 'arrival')] as const;
/** The transfer failed (scan digest mismatch, parcel lost or overdue, an original missing at check-in). */
const transferFailed = {
  target: '#case.transferException',
  actions: {
    type: 'settleTransfer',
    params: ({
      event,
    }: {
      event: { transferId: string; reason: string };
    }): CaseEffectParams['settleTransfer'] => ({
      transferId: event.transferId,
      status: 'failed',
      failureReason: event.reason,
    }),
  },
} as const;
/**
 * Check-in (签收) of the case's line of a parcel: with every original received the case is in the
 * inbox, awaiting acceptance; a missing or damaged one keeps it out and fails its transfer, naming
 * the originals and the leg (window → home jurisdiction), so the window redispatches.
 */
const checkIn = [
  {
    target: 'awaitingAcceptance',
    guard: 'allOriginalsReceived',
    actions: [recordCheckIn, ...arrived],
  },
  {
    target: '#case.transferException',
    actions: [
      recordCheckIn,
      {
        type: 'settleTransfer',
        params: ({
          event,
        }: {
          event: Extract<CaseEvent, { type: 'CHECK_IN' }>;
        }): CaseEffectParams['settleTransfer'] => ({
          transferId: event.transferId,
          status: 'failed',
          failureReason: checkInDiscrepancy(event.originals),
        }),
      },
    ],
  },
] as const;

/**
 * The lifecycle of one proxy-acceptance case (收办分离, 舟政办发〔2021〕40号 二(二)2), as DESIGN.md's
 * event table gives it. Pure: no I/O, no time, no delayed transitions. Time limits are clocks: rows
 * that transitions start, pause, resume, extend and stop through clock effects (case-effects.ts),
 * and that a periodic sweep watches, sending DEEM_ACCEPTED back. Step it with xstate's `initialTransition(caseMachine, input)` and
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
    countSupplementRequest: assign({
      supplementRounds: ({ context }) => context.supplementRounds + 1,
      supplementItems: ({ event }) => [...new Set((event as SupplementRequest).items)],
    }),
    recordSupplement: assign({
      materialsHandedIn: ({ context, event }) =>
        mergeMaterials(context.materialsHandedIn, (event as Supplement).materials),
      supplementHandedIn: ({ event }) => [...new Set((event as Supplement).materials.map((m) => m.name))],
    }),
    storeMaterials: (_, _params: CaseEffectParams['storeMaterials']) => undefined,
    settleTransfer: (_, _params: CaseEffectParams['settleTransfer']) => undefined,
    checkAcceptanceClockDue: (_, _params: CaseEffectParams['checkAcceptanceClockDue']) => undefined,
    cancelTransfersInTransit: (_, _params: CaseEffectParams['cancelTransfersInTransit']) => undefined,
    startTransfer: (_, _params: CaseEffectParams['startTransfer']) => undefined,
    recordCheckIn: (_, _params: CaseEffectParams['recordCheckIn']) => undefined,
    startResultDelivery: (_, _params: CaseEffectParams['startResultDelivery']) => undefined,
    startClocks: (_, _params: CaseEffectParams['startClocks']) => undefined,
    stopClocks: (_, _params: CaseEffectParams['stopClocks']) => undefined,
    pauseClocks: (_, _params: CaseEffectParams['pauseClocks']) => undefined,
    resumeClocks: (_, _params: CaseEffectParams['resumeClocks']) => undefined,
    extendClock: (_, _params: CaseEffectParams['extendClock']) => undefined,
  },
  guards: {
    ...RULE_GUARDS,
    byCourier: ({ event }) => 'channel' in event && event.channel === 'courier',
    allOriginalsReceived: ({ event }) => event.type === 'CHECK_IN' && allReceived(event.originals),
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
          timeLimitExtended: false,
        },
  // Receiving starts the window's clocks and, by default, the acceptance clock (the window
  // receives on the home jurisdiction's behalf); the root's entry runs once, at receipt.
  entry: {
    type: 'startClocks',
    params: ({ context }): CaseEffectParams['startClocks'] => ({
      stages: [...windowStages(context), 'acceptance'],
      startingEvent: 'receipt',
    }),
  },
  initial: 'received',
  states: {
    received: {
      tags: 'atWindow',
      on: {
        PASS_FORM_CHECK: { target: 'formChecked', guard: 'requiredMaterialsPresent' },
        FAIL_FORM_CHECK: {
          target: 'returnedForCorrection',
          // The applicant corrects the application: the window's and the home jurisdiction's time stands still.
          actions: {
            type: 'pauseClocks',
            params: ({ event }): CaseEffectParams['pauseClocks'] => ({
              stages: ['forward', 'mailOriginals', 'acceptance'],
              cause: 'correction',
              reason: event.missing.join('、'),
            }),
          },
        },
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
            resumeClocks(['forward', 'mailOriginals', 'acceptance']),
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
        // Scans on their way: the scan job re-hashes them on arrival.
        inTransit: {
          tags: ['inTransit', 'waitingOnJob'],
          on: {
            TRANSFER_DELIVERED: { target: 'awaitingAcceptance', actions: arrived },
            TRANSFER_FAILED: transferFailed,
          },
        },
        // Papers in a sealed parcel with the carrier: its tracking job reports the carrier's legs; an
        // officer may check the parcel in as soon as it is at the door.
        inParcel: {
          tags: ['inTransit', 'inParcel'],
          on: {
            TRANSFER_DELIVERED: 'awaitingCheckIn',
            TRANSFER_FAILED: transferFailed,
            CHECK_IN: checkIn,
          },
        },
        // The carrier delivered the parcel: arrival is the officer's check-in against the manifest.
        awaitingCheckIn: {
          tags: ['inInbox', 'inParcel'],
          on: { CHECK_IN: checkIn },
        },
        awaitingAcceptance: {
          tags: ['inInbox', 'acceptancePending'],
          on: {
            ACCEPT: {
              target: '#case.accepted.processing',
              actions: [stopClocks(['acceptance']), startClocks(['decision'])],
            },
            DEEM_ACCEPTED: {
              target: '#case.accepted.processing',
              actions: [
                {
                  type: 'checkAcceptanceClockDue',
                  params: ({ event }) => ({ clockId: event.clockId }),
                },
                stopClocks(['acceptance']),
                startClocks(['decision']),
              ],
            },
            REQUEST_SUPPLEMENT: requestSupplement('#case.supplementRequested', 'acceptance'),
            REFUSE: { target: '#case.refused', actions: decided('acceptance') },
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
            ...supplementAnswered('acceptance'),
            {
              type: 'startClocks',
              params: ({ context }): CaseEffectParams['startClocks'] => ({
                stages: windowStages(context),
                startingEvent: 'transition',
              }),
            },
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
            APPROVE: { target: 'concluded', actions: decided('decision') },
            DENY: { target: 'concluded', actions: decided('decision') },
            EXTEND_TIME_LIMIT: {
              guard: 'extensionAvailable',
              actions: [
                assign({ timeLimitExtended: true }),
                {
                  type: 'extendClock',
                  params: ({ event }): CaseEffectParams['extendClock'] => ({
                    stage: 'decision',
                    workingDays: DECISION_EXTENSION_WORKING_DAYS,
                    reason: event.reason,
                  }),
                },
              ],
            },
            REQUEST_SUPPLEMENT: requestSupplement('supplementRequested', 'decision'),
            SUSPEND_CLOCK: {
              target: 'suspended',
              actions: {
                type: 'pauseClocks',
                params: ({ event }): CaseEffectParams['pauseClocks'] => ({
                  stages: ['decision'],
                  cause: event.kind,
                  reason: event.reason,
                }),
              },
            },
            ...withdraw,
          },
        },
        // A supplement asked for during review: handed in at the window, it goes back to review.
        supplementRequested: {
          tags: ['waitingForApplicant', 'supplementOpen'],
          on: {
            SUPPLEMENT_RECEIVED: {
              target: 'processing',
              guard: 'supplementAnswersRequest',
              actions: supplementAnswered('decision'),
            },
            ...withdraw,
          },
        },
        suspended: {
          tags: ['inInbox', 'clockSuspended'],
          on: {
            RESUME_CLOCK: { target: 'processing', actions: resumeClocks(['decision']) },
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
      on: {
        RESULT_DELIVERED: { target: 'resultDelivered', actions: settleDelivered },
        // The mailed result's parcel was lost or not delivered in time: the office sends it again.
        TRANSFER_FAILED: { ...transferFailed, target: 'resultReturned' },
      },
    },
    resultReturned: {
      tags: 'inInbox',
      on: { DISPATCH_RESULT: dispatchResult },
    },
    resultDelivered: { type: 'final', tags: ['final', 'evaluationOpen'] },
    withdrawn: { type: 'final', tags: 'final' },
  },
});

export type CaseMachine = typeof caseMachine;
