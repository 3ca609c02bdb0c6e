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

/** A client for the account (not connected yet), silent, greeted within 10 s. */
function imapClient(account: ImapAccount, timeouts: { connectionTimeout: number; socketTimeout: number }) {
  return new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.password },
    logger: false,
    greetingTimeout: 10_000,
    ...timeouts,
  });
}

/**
 * Reads every unseen message of the folder with imapflow, hands its raw source to `handle`, then marks it seen — a
 * message is marked only after it was handled, so a crash means it is read again, never lost.
 */
export async function fetchUnseenMessages(
  account: ImapAccount,
  handle: (raw: Buffer) => Promise<void>,
): Promise<number> {
  const client = imapClient(account, { connectionTimeout: 15_000, socketTimeout: 60_000 });
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

export type ImapCheck =
  | { ok: true; messages: number; unseen: number }
  | { ok: false; reason: 'auth' | 'folder' | 'connect'; message: string };

/**
 * Logs in and opens the folder read-only, to tell an administrator whether the settings work. Never throws: the
 * outcome names what failed (login, folder, or reaching the server) with the server's short message.
 */
export async function checkImapAccount(account: ImapAccount): Promise<ImapCheck> {
  const client = imapClient(account, { connectionTimeout: 10_000, socketTimeout: 20_000 });
  // A dropped connection is reported through the awaited calls; without a listener it would crash the process.
  client.on('error', () => undefined);
  const short = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);
  try {
    await client.connect();
  } catch (error) {
    const auth = (error as { authenticationFailed?: boolean }).authenticationFailed === true;
    return { ok: false, reason: auth ? 'auth' : 'connect', message: short(error) };
  }
  try {
    const status = await client.status(account.folder, { messages: true, unseen: true });
    if (!status) return { ok: false, reason: 'folder', message: `No folder "${account.folder}"` };
    return { ok: true, messages: status.messages ?? 0, unseen: status.unseen ?? 0 };
  } catch (error) {
    return { ok: false, reason: 'folder', message: short(error) };
  } finally {
    await client.logout().catch(() => undefined);
  }
}
