/**
 * E-mail drafts as `.eml` files (RFC 5322 through `mimetext`): From the Caf's guichet unique, To the partner's
 * principal administrator, Cc the suppléant, the subject encoded for its accents (RFC 2047), the text and the
 * letter PDF attached, and `X-Unsent: 1` so Outlook opens it as a draft ready to send. Base64 bodies are cut
 * into 76-character lines (RFC 2045). `mailto:` links serve where no attachment is needed (a reminder).
 */
import { createMimeMessage } from 'mimetext/browser';

export interface MailPerson {
  name: string;
  email: string;
}

export interface EmlInput {
  from: MailPerson;
  to: MailPerson;
  cc?: MailPerson | undefined;
  subject: string;
  text: string;
  attachment?: { fileName: string; contentType: string; data: Uint8Array } | undefined;
  date?: Date;
}

function base64Lines(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/.{76}(?=.)/g, '$&\r\n');
}

const mailbox = (p: MailPerson) => (p.name.trim() ? { name: p.name.trim(), addr: p.email.trim() } : { addr: p.email.trim() });

export function buildEml(input: EmlInput): string {
  const msg = createMimeMessage();
  msg.setSender(mailbox(input.from));
  msg.setTo(mailbox(input.to));
  if (input.cc?.email.trim()) msg.setCc(mailbox(input.cc));
  msg.setSubject(input.subject);
  msg.setHeader('X-Unsent', '1');
  if (input.date) msg.setHeader('Date', input.date.toUTCString().replace('GMT', '+0000'));
  msg.addMessage({ contentType: 'text/plain', charset: 'UTF-8', encoding: 'base64', data: base64Lines(new TextEncoder().encode(input.text.replace(/\r?\n/g, '\r\n'))) });
  if (input.attachment) {
    msg.addAttachment({ filename: input.attachment.fileName, contentType: input.attachment.contentType, data: base64Lines(input.attachment.data) });
  }
  return msg.asRaw();
}

/** Longest `mailto:` link handed to the mail program (Electron's shell takes 2,081 characters on Windows). */
export const MAILTO_MAX = 2000;

/** A `mailto:` link (no attachment): To, Cc, subject and body percent-encoded (RFC 6068). */
export function mailtoLink(to: string, subject: string, body: string, cc?: string): string {
  const params = [`subject=${encodeURIComponent(subject)}`, `body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`];
  if (cc?.trim()) params.unshift(`cc=${encodeURIComponent(cc.trim())}`);
  return `mailto:${encodeURIComponent(to.trim()).replace(/%40/g, '@')}?${params.join('&')}`;
}
