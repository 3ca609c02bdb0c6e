import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed reply addresses: `support+T000123.<signature>@domain`. The signature is an HMAC of the ticket number with a
 * server secret, so a reply can only land on the ticket whose e-mail it answers: guessing another ticket's address
 * needs the secret. The sender is checked as well (the owner or staff).
 */
export interface ReplyAddressSigner {
  addressFor(base: string, ticketNumber: string): string | null;
  /** The ticket number an address points to when its signature is right; `forged` when it is wrong. */
  parse(base: string, address: string): { number: string } | 'forged' | null;
}

const digitsOf = (ticketNumber: string) => /^CV-T-(\d+)$/.exec(ticketNumber)?.[1] ?? null;

export function createReplyAddressSigner(secret: string): ReplyAddressSigner {
  const sign = (digits: string) =>
    createHmac('sha256', secret).update(`ticket-reply:${digits}`).digest('hex').slice(0, 20);
  const split = (address: string) => {
    const at = address.lastIndexOf('@');
    return at > 0 ? { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() } : null;
  };
  return {
    addressFor(base, ticketNumber) {
      const parts = split(base);
      const digits = digitsOf(ticketNumber);
      if (!parts || !digits) return null;
      return `${parts.local}+T${digits}.${sign(digits)}@${parts.domain}`;
    },
    parse(base, address) {
      const parts = split(base);
      const target = split(address.trim());
      if (!parts || !target || target.domain !== parts.domain) return null;
      const match = /^(.+)\+T(\d{1,12})\.([0-9a-f]{1,64})$/i.exec(target.local);
      if (!match || match[1]!.toLowerCase() !== parts.local.toLowerCase()) return null;
      const expected = Buffer.from(sign(match[2]!));
      const given = Buffer.from(match[3]!.toLowerCase());
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
      return { number: `CV-T-${match[2]!}` };
    },
  };
}

const QUOTE_HEADERS = [
  /^On .{3,200} wrote:\s*$/i,
  /^El .{3,200} escribió:\s*$/i,
  /^-{2,}\s*(Original Message|Mensaje original)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|De):\s.+$/i,
];

/** The new part of a reply: stops at the first "On … wrote:" style header or block of `>` quotes. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (QUOTE_HEADERS.some((pattern) => pattern.test(line.trim()))) break;
    if (line.startsWith('>') && lines.slice(i).every((l) => l.startsWith('>') || l.trim() === '')) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
