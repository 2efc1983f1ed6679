import type { NoticeChannel } from './notice.repository';

/** One notice handed to a transport: where it goes, in clear, and its text. */
export interface OutgoingNotice {
  /** The notice's id (`notices.id`): a provider's idempotency key where it has one. */
  noticeId: string;
  channel: NoticeChannel;
  /**
   * The address in clear: the applicant's phone number (decrypted in the notify job, at send
   * time, and nowhere else) or the office's key (`jurisdiction:<code>`) for an e-mail.
   */
  to: string;
  /** The Chinese text. */
  body: string;
}

/**
 * Sends one notice: an SMS or an e-mail. A real provider (an SMS gateway, a mail server) implements
 * this and is chosen by NOTICE_TRANSPORT; it must not log `to` or `body`.
 * @returns the transport's name as it is stored on the notice (`notices.transport`)
 * @throws whatever the provider throws: the notify job is tried again (the notice stays unsent)
 */
export interface NotificationTransport {
  send(notice: OutgoingNotice): Promise<string>;
}

/** Nest's injection token of the NotificationTransport. */
export const NOTIFICATION_TRANSPORT = Symbol('NotificationTransport');

/**
 * NOTICE_TRANSPORT=recording (the default): the SMS and e-mail stand-ins. Sending is recording:
 * the notify job marks the notice sent with the recipient as shown (masked), so the `notices` row
 * keeps what would have been sent (channel, recipient, text, when), read at GET /notices. The
 * address in clear goes nowhere.
 */
export class RecordingTransport implements NotificationTransport {
  send(): Promise<string> {
    return Promise.resolve('recording');
  }
}

/** The transport NOTICE_TRANSPORT names. */
export function notificationTransport(name: 'recording'): NotificationTransport {
  switch (name) {
    case 'recording':
      return new RecordingTransport();
  }
}
