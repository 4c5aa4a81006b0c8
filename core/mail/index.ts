/**
 * Emails dropped from Outlook (`.msg`) or Thunderbird and other mail programs (`.eml`):
 * their attached returns, and the email's date, which is when the unit's return was
 * received. Read with maintained libraries (@kenjiuno/msgreader, postal-mime); no body,
 * link or embedded content is ever opened.
 */
import { extname } from 'node:path';

/** An attachment taken out of an email. */
export interface MailAttachment {
  name: string;
  bytes: Uint8Array;
}

/** What an email gives up. */
export interface MailContent {
  /** The sending (or delivery) time, ISO, when the email says it. */
  date?: string;
  from?: string;
  subject?: string;
  /** Attachments that may be returns (spreadsheets). */
  attachments: MailAttachment[];
  /** Names of the other attachments, left out. */
  skipped: string[];
}

/** An email that cannot be read; the message is a Vietnamese sentence. */
export class MailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailError';
  }
}

/** Largest email read (an office mailbox caps attachments well below this). */
export const MAX_MAIL_BYTES = 60 * 1024 * 1024;

const SPREADSHEET = new Set(['.xlsx', '.xlsm', '.xls', '.ods']);

/** Whether a file name is an email this module reads. */
export function isMailFile(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return ext === '.eml' || ext === '.msg';
}

function isoOrUndefined(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function sortOut(list: MailAttachment[]): Pick<MailContent, 'attachments' | 'skipped'> {
  const attachments: MailAttachment[] = [];
  const skipped: string[] = [];
  for (const a of list) {
    if (SPREADSHEET.has(extname(a.name).toLowerCase())) attachments.push(a);
    else skipped.push(a.name);
  }
  return { attachments, skipped };
}

async function readEml(name: string, bytes: Uint8Array): Promise<MailContent> {
  const { default: PostalMime } = await import('postal-mime');
  let email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (e) {
    throw new MailError(`Không đọc được thư ${name}: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const list: MailAttachment[] = email.attachments.map((a, i) => ({
    name: a.filename?.trim() || `tep-dinh-kem-${i + 1}`,
    bytes: typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content),
  }));
  const date = isoOrUndefined(email.date);
  return {
    ...(date ? { date } : {}),
    ...(email.from?.address
      ? { from: email.from.name ? `${email.from.name} <${email.from.address}>` : email.from.address }
      : {}),
    ...(email.subject ? { subject: email.subject } : {}),
    ...sortOut(list),
  };
}

interface MsgFields {
  attachments?: Array<{ fileName?: string; fileNameShort?: string; innerMsgContent?: true }>;
  messageDeliveryTime?: string;
  clientSubmitTime?: string;
  creationTime?: string;
  senderName?: string;
  senderEmail?: string;
  subject?: string;
  error?: string;
}

async function readMsg(name: string, bytes: Uint8Array): Promise<MailContent> {
  const mod = (await import('@kenjiuno/msgreader')) as unknown as {
    default: { default?: unknown } & (new (buf: ArrayBuffer) => unknown);
  };
  const Reader = (mod.default.default ?? mod.default) as new (buf: ArrayBuffer) => {
    getFileData(): MsgFields;
    getAttachment(a: unknown): { fileName: string; content: Uint8Array };
  };
  let fields: MsgFields;
  let reader;
  try {
    reader = new Reader(bytes.slice().buffer);
    fields = reader.getFileData();
  } catch (e) {
    throw new MailError(`Không đọc được thư Outlook ${name}: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (fields.error) throw new MailError(`Tệp ${name} không phải thư Outlook đọc được (${fields.error}).`);
  const list: MailAttachment[] = [];
  const skipped: string[] = [];
  for (const [i, a] of (fields.attachments ?? []).entries()) {
    const fileName = a.fileName || a.fileNameShort || `tep-dinh-kem-${i + 1}`;
    if (a.innerMsgContent) {
      skipped.push(fileName);
      continue;
    }
    const att = reader.getAttachment(a);
    list.push({ name: att.fileName || fileName, bytes: new Uint8Array(att.content) });
  }
  const sorted = sortOut(list);
  const date =
    isoOrUndefined(fields.clientSubmitTime) ??
    isoOrUndefined(fields.messageDeliveryTime) ??
    isoOrUndefined(fields.creationTime);
  const from = fields.senderEmail
    ? fields.senderName
      ? `${fields.senderName} <${fields.senderEmail}>`
      : fields.senderEmail
    : fields.senderName;
  return {
    ...(date ? { date } : {}),
    ...(from ? { from } : {}),
    ...(fields.subject ? { subject: fields.subject } : {}),
    attachments: sorted.attachments,
    skipped: [...skipped, ...sorted.skipped],
  };
}

/** Read an email file (by its extension) and take out its spreadsheet attachments. */
export async function readMail(name: string, bytes: Uint8Array): Promise<MailContent> {
  if (bytes.length > MAX_MAIL_BYTES) throw new MailError(`Thư ${name} quá lớn để đọc (trên 60 MB).`);
  return extname(name).toLowerCase() === '.msg' ? readMsg(name, bytes) : readEml(name, bytes);
}
