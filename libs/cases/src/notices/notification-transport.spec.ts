import { notificationTransport, RecordingTransport } from './notification-transport';

describe('the notification transport NOTICE_TRANSPORT names', () => {
  it('is the recording stand-in by default, which sends nothing anywhere and names itself on the notice', async () => {
    const transport = notificationTransport('recording');
    expect(transport).toBeInstanceOf(RecordingTransport);
    await expect(
      transport.send({ noticeId: '1', channel: 'sms', to: '13800001234', body: '【政务服务】测试' }),
    ).resolves.toBe('recording');
  });
});
