import { ImapFlow } from 'imapflow';

/** Access to the support mailbox (from the encrypted `tickets.inbound` setting). */
export interface ImapAccount {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
}

/**
 * Reads every unseen message of the folder with imapflow, hands its raw source to `handle`, then marks it seen — a
 * message is marked only after it was handled, so a crash means it is read again, never lost.
 */
export async function fetchUnseenMessages(
  account: ImapAccount,
  handle: (raw: Buffer) => Promise<void>,
): Promise<number> {
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  await client.connect();
  let handled = 0;
  try {
    const lock = await client.getMailboxLock(account.folder);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        await handle(message.source);
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        handled += 1;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
  return handled;
}
