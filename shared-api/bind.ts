import { API_METHODS, type ApiMethod, type ApiReply, type AppApi } from './app-api.js';

/** Sends one call over a transport (IPC, HTTP) and resolves with the raw reply. */
export type ApiSend = (method: ApiMethod, arg: unknown) => Promise<unknown>;

/** The shape every binding has: one function per method, same parameters and results as {@link AppApi}. */
export type ApiBindings = { [K in ApiMethod]: (...args: Parameters<AppApi[K]>) => ReturnType<AppApi[K]> };

/** Turn a raw reply into the value, or throw an Error carrying the Vietnamese message. */
export function unwrapReply(method: ApiMethod, reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as ApiReply;
    if (r.ok) return r.value;
    if (typeof r.message === 'string') throw new Error(r.message);
  }
  throw new Error(`Ứng dụng trả lời yêu cầu "${method}" không đúng định dạng.`);
}

/**
 * Generate the client side of the API over {@link API_METHODS}: each method sends
 * `(name, arg)` and unwraps the {@link ApiReply}. Used by the Electron preload and by the
 * browser test host, so both expose exactly the same object.
 */
export function bindApi(send: ApiSend): ApiBindings {
  const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (arg?: unknown) => unwrapReply(method, await send(method, arg));
  }
  return Object.freeze(api) as ApiBindings;
}
