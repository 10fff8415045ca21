import nodemailer from 'nodemailer';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';

/** One e-mail: both parts are required so every client shows something readable. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailSender {
  /** Sends one message through SMTP_URL from SMTP_FROM. Throws on failure; see isPermanentEmailFailure. */
  send(message: EmailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** How long to wait for the mail server before the send fails (and the task retries). */
const SMTP_CONNECT_TIMEOUT_MS = 15_000;
const SMTP_SOCKET_TIMEOUT_MS = 60_000;

/** Headers carry the subject and address: a line break there would let text forge headers. */
const LINE_BREAK = /[\r\n]/;

/**
 * The SMTP sender for every kind of e-mail (digests, reminders), or null when SMTP_URL is not set.
 * Uses SMTP_URL (smtp://user:pass@host:port, STARTTLS when the server offers it; smtps:// for TLS
 * from the start) and SMTP_FROM.
 */
export function createEmailSender(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>,
  logger: Logger,
): EmailSender | null {
  if (!config.SMTP_URL) return null;
  const transport = nodemailer.createTransport({
    url: config.SMTP_URL,
    connectionTimeout: SMTP_CONNECT_TIMEOUT_MS,
    greetingTimeout: SMTP_CONNECT_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
  });
  const log = logger.child({ component: 'email' });
  return {
    async send(message) {
      if (LINE_BREAK.test(message.to) || LINE_BREAK.test(message.subject)) {
        throw new Error('an e-mail address or subject must not contain line breaks');
      }
      const info = await transport.sendMail({ from: config.SMTP_FROM, ...message });
      log.debug({ messageId: info.messageId }, 'e-mail sent');
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}

/**
 * True when the mail server refused this recipient or message for good (a 5xx reply to RCPT TO or
 * DATA): sending again will not help. Connection problems, 4xx replies and a refused login are not
 * permanent for the recipient and are worth a retry.
 */
export function isPermanentEmailFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, responseCode, command } = error as Error & {
    code?: string;
    responseCode?: number;
    command?: string;
  };
  if (responseCode === undefined || responseCode < 500 || responseCode > 599) return false;
  return (code === 'EENVELOPE' && command === 'RCPT TO') || code === 'EMESSAGE';
}
