/**
 * The messages between the Electron main process and the engine's utility process
 * (`engine-host.ts`). The engine — import, reconciliation, PDF rendering, signing — runs
 * there, so the main process (and with it every window) never waits on it; the main process
 * only checks who is asking and forwards. The two desktop actions the engine cannot do
 * outside the main process (the folder dialog, "open with") come back as `desktop` requests.
 */
import type { ApiMethod, ApiReply, ChooseFolderRequest } from '../shared-api/app-api.js';

/** Main → host, once, before any call. */
export interface InitMessage {
  kind: 'init';
  /** `app.getPath('userData')`. */
  dataDir: string;
  /** `app.getPath('documents')`: Documents as Windows names it (redirection, OneDrive). */
  documentsDir: string;
}

/** Main → host: one API call, its argument still untrusted (the host validates it). */
export interface CallMessage {
  kind: 'call';
  id: number;
  method: ApiMethod;
  arg: unknown;
}

/** Host → main: the answer to a call. */
export interface ReplyMessage {
  kind: 'reply';
  id: number;
  reply: ApiReply;
}

/** Host → main: a desktop action only the main process can do. */
export type DesktopRequest =
  | { kind: 'desktop'; id: number; op: 'chooseFolder'; arg: ChooseFolderRequest }
  | { kind: 'desktop'; id: number; op: 'openPath'; arg: string };

/** Main → host: the outcome of a desktop action (`chooseFolder`: a path or null; `openPath`: '' or an error text). */
export interface DesktopReply {
  kind: 'desktop-reply';
  id: number;
  value: string | null;
}

/** Host → main: the engine is loaded and answers calls. */
export interface ReadyMessage {
  kind: 'ready';
}

export type ToHost = InitMessage | CallMessage | DesktopReply;
export type FromHost = ReplyMessage | DesktopRequest | ReadyMessage;

/** The Vietnamese message when the engine's process stopped under a call. */
export const ENGINE_GONE =
  'Bộ phận xử lý dữ liệu của ứng dụng vừa dừng bất thường nên yêu cầu chưa thực hiện được. Hãy thử lại; nếu lỗi lặp lại, hãy khởi động lại ứng dụng.';
