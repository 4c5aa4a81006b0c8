import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, apiChannel, type ApiReply, type AppApi } from '../shared-api/app-api.js';
import { dispatchApiCall } from '../core/api/index.js';
import { isTrustedUrl, type TrustedOrigins } from './sender-check.js';

const REFUSED: ApiReply = { ok: false, message: 'Yêu cầu bị từ chối vì không đến từ cửa sổ của ứng dụng.' };

/**
 * The only place `ipcMain.handle` is called: the handler runs only for frames showing the
 * app's own page; messages from any other sender are dropped with a refusal.
 */
function handleTrusted(channel: string, trusted: TrustedOrigins, handler: (arg: unknown) => Promise<ApiReply>): void {
  ipcMain.handle(channel, (event: IpcMainInvokeEvent, arg: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url, trusted)) return REFUSED;
    return handler(arg);
  });
}

/**
 * Bind every method of {@link API_METHODS} to its `api:<name>` channel. The argument is
 * untrusted: {@link dispatchApiCall} validates it before the engine sees it.
 */
export function setupIpc(api: AppApi, trusted: TrustedOrigins): void {
  for (const method of API_METHODS) {
    handleTrusted(apiChannel(method), trusted, (arg) => dispatchApiCall(api, method, arg));
  }
}
