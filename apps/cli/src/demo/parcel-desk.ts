import type { HttpClient } from './http-client';

/** A parcel as GET /parcels/:id answers it: its row, its manifest lines and its carrier legs. */
export interface DemoParcel {
  parcel: {
    id: string;
    parcelNumber: string;
    status: string;
    waybillNumber: string | null;
    carrier: string | null;
    manifestSha256: string | null;
    fromCode: string;
    toCode: string;
  };
  lines: { caseId: string; caseNumber: string; status: string; originals: { name: string }[] }[];
  legs: { status: string; at: string; location: string; signedBy: string | null }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rejects with `what` timed out when `promise` has not settled after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The officer `officer` checks parcel `parcelId` in (签收, POST /parcels/:id/check-in) against its
 * manifest: every case still travelling in it, every original of its line received.
 * @returns the parcel as checked in
 * @throws Error (from HttpClient) when the api refuses the check-in
 */
export async function checkInParcel(
  http: HttpClient,
  officer: string,
  parcelId: string,
): Promise<DemoParcel> {
  const { lines } = await http.call<DemoParcel>('GET', `/parcels/${parcelId}`, officer);
  const cases = lines
    .filter((line) => line.status === 'sealed')
    .map((line) => ({
      caseId: line.caseId,
      originals: line.originals.map((o) => ({ name: o.name, outcome: 'received' })),
    }));
  return http.call<DemoParcel>('POST', `/parcels/${parcelId}/check-in`, officer, { cases });
}

/** One parcel several demo cases share, as the desk builds it. */
interface SharedParcel {
  /** How many demo cases go in it (all must be packed before it is sealed). */
  expected: number;
  packed: number;
  opened?: Promise<string>;
  sealed: Promise<string>;
  seal: () => void;
  fail: (e: Error) => void;
  checkedIn?: Promise<DemoParcel>;
}

/**
 * The window's parcel desk (issue 13 item 3): demo cases that name the same shared parcel (by its
 * waybill script) are packed into one materials parcel for their common home jurisdiction, which
 * is sealed once the last of them is in; the home jurisdiction's officer checks it in once, against
 * its manifest, when the carrier has delivered it. Cases run concurrently: each `pack` waits for the
 * seal, each `checkIn` for the one check-in.
 */
export class ParcelDesk {
  private readonly parcels = new Map<string, SharedParcel>();

  /** `members`: how many demo cases share each parcel, by its waybill script. */
  constructor(
    private readonly http: HttpClient,
    members: ReadonlyMap<string, number>,
  ) {
    for (const [script, expected] of members) {
      let seal!: () => void;
      let fail!: (e: Error) => void;
      const gate = new Promise<void>((resolve, reject) => {
        seal = resolve;
        fail = reject;
      });
      const parcel: SharedParcel = { expected, packed: 0, seal, fail, sealed: Promise.resolve('') };
      parcel.sealed = gate.then(() => parcel.opened!);
      this.parcels.set(script, parcel);
    }
  }

  /**
   * Packs case `caseId` (identity verified) into shared parcel `script` as `clerk` of its window,
   * opening the parcel for `jurisdictionCode` first if no case of it is packed yet; the last case
   * packed seals it under a fresh waybill (every case in it is forwarded by the seal).
   * @returns the parcel's id, once sealed (within 60 s)
   * @throws Error when a call is refused or the other cases are not packed in time
   */
  async pack(script: string, caseId: string, clerk: string, jurisdictionCode: string): Promise<string> {
    const shared = this.parcels.get(script);
    if (!shared) throw new Error(`no shared parcel ${script}`);
    shared.opened ??= this.http
      .call<DemoParcel>('POST', '/parcels', clerk, { leg: 'materials', jurisdictionCode })
      .then((view) => view.parcel.id);
    try {
      const parcelId = await shared.opened;
      await this.http.call('POST', `/parcels/${parcelId}/cases`, clerk, { caseId });
      if (++shared.packed === shared.expected) {
        const waybillNumber = `${script.replace(/\d+$/, '')}${Date.now()}`;
        await this.http.call('POST', `/parcels/${parcelId}/seal`, clerk, { waybillNumber });
        shared.seal();
      }
    } catch (e) {
      shared.fail(e as Error);
    }
    return within(shared.sealed, 60_000, `shared parcel ${script} to be sealed`);
  }

  /**
   * Once the carrier has delivered shared parcel `script`, `officer` checks it in, once for all its
   * cases (checkInParcel). Answers the parcel as checked in.
   * @throws Error when the parcel is not delivered within 60 s or the check-in is refused
   */
  checkIn(script: string, officer: string): Promise<DemoParcel> {
    const shared = this.parcels.get(script);
    if (!shared) throw new Error(`no shared parcel ${script}`);
    shared.checkedIn ??= shared.sealed.then(async (parcelId) => {
      const delivered = async () => {
        for (;;) {
          const { parcel } = await this.http.call<DemoParcel>('GET', `/parcels/${parcelId}`, officer);
          if (parcel.status === 'delivered') return;
          if (parcel.status !== 'sealed') throw new Error(`shared parcel ${script} is ${parcel.status}`);
          await sleep(100);
        }
      };
      await within(delivered(), 60_000, `shared parcel ${script} to be delivered`);
      await checkInParcel(this.http, officer, parcelId);
      return this.http.call<DemoParcel>('GET', `/parcels/${parcelId}`, officer);
    });
    return shared.checkedIn;
  }

  /** Every shared parcel checked in so far, as the officer last read it. */
  async checkedIn(): Promise<DemoParcel[]> {
    const done = [...this.parcels.values()].map((p) => p.checkedIn).filter((p) => p !== undefined);
    return Promise.all(done);
  }
}
