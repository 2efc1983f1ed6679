import { SimulatedCourier, type SimulatedCourierSettings } from './simulated-courier';

const settings = (over: Partial<SimulatedCourierSettings> = {}): SimulatedCourierSettings => ({
  transitMs: { materials: 10_000, result: 20_000, archive: 10_000 },
  lossRate: 0,
  seed: 'seed-a',
  lostWaybillPattern: null,
  ...over,
});
const sealedAt = new Date('2026-12-01T02:00:00Z');
const parcel = (waybillNumber: string, leg: 'materials' | 'result' = 'materials') => ({
  leg,
  waybillNumber,
  sealedAt,
  from: '定海区行政服务中心',
  to: '上海市浦东新区司法局',
  recipient: '上海市浦东新区司法局收发室',
});
const later = (ms: number) => new Date(sealedAt.getTime() + ms);

describe('the simulated carrier', () => {
  it('reports the legs due by the moment asked, and when the next is due', async () => {
    const courier = new SimulatedCourier(settings());
    const early = await courier.track(parcel('SF100'), later(1));
    expect(early.legs).toEqual([]);
    expect(early.nextCheckAt!.getTime()).toBeGreaterThan(sealedAt.getTime());
    const done = await courier.track(parcel('SF100'), later(60_000));
    expect(done.legs.map((l) => l.status)).toEqual(['collected', 'inTransit', 'outForDelivery', 'delivered']);
    expect(done.legs.at(-1)).toMatchObject({
      location: '上海市浦东新区司法局',
      signedBy: '上海市浦东新区司法局收发室',
    });
    expect(done.nextCheckAt).toBeNull();
    const times = done.legs.map((l) => l.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // 85–115 % of the leg's transit time.
    expect(times.at(-1)! - sealedAt.getTime()).toBeGreaterThanOrEqual(8_500);
    expect(times.at(-1)! - sealedAt.getTime()).toBeLessThanOrEqual(11_500);
  });

  it('gives the same legs at the same times for the same seed and waybill, others for another seed', async () => {
    const a = await new SimulatedCourier(settings()).track(parcel('SF200'), later(60_000));
    const b = await new SimulatedCourier(settings()).track(parcel('SF200'), later(60_000));
    const c = await new SimulatedCourier(settings({ seed: 'seed-b' })).track(parcel('SF200'), later(60_000));
    expect(b).toEqual(a);
    expect(c.legs.at(-1)!.at).not.toEqual(a.legs.at(-1)!.at);
  });

  it('loses about the share of parcels its loss rate says, the same ones every run', async () => {
    const courier = new SimulatedCourier(settings({ lossRate: 0.25 }));
    const outcomes = async () =>
      Promise.all(
        Array.from(
          { length: 400 },
          async (_, i) => (await courier.track(parcel(`SF${i}`), later(60_000))).legs.at(-1)!.status,
        ),
      );
    const first = await outcomes();
    const lost = first.filter((s) => s === 'lost').length;
    expect(lost).toBeGreaterThan(70);
    expect(lost).toBeLessThan(130);
    expect(await outcomes()).toEqual(first);
  });

  it('always loses a waybill the pattern names, and takes the result leg its own transit time', async () => {
    const courier = new SimulatedCourier(settings({ lostWaybillPattern: /^LOST/ }));
    const lost = await courier.track(parcel('LOST1'), later(60_000));
    expect(lost.legs.map((l) => l.status)).toEqual(['collected', 'inTransit', 'lost']);
    const result = await courier.track(parcel('EMS1', 'result'), later(60_000));
    expect(result.legs.at(-1)!.at.getTime() - sealedAt.getTime()).toBeGreaterThanOrEqual(17_000);
  });
});
