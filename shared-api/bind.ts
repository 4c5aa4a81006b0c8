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

/** How a binding is made. */
export interface BindOptions {
  /**
   * Methods without argument asked the moment the binding is made (the preload runs before any
   * script of the page): the first call of each gets that answer instead of asking again. The
   * window's first question (`startView`) then travels while the page itself still loads.
   */
  ahead?: readonly ApiMethod[];
}

/**
 * Generate the client side of the API over {@link API_METHODS}: each method sends
 * `(name, arg)` and unwraps the {@link ApiReply}. Used by the Electron preload and by the
 * browser test host, so both expose exactly the same object.
 */
export function bindApi(send: ApiSend, opts: BindOptions = {}): ApiBindings {
  const asked = new Map<ApiMethod, Promise<unknown>>();
  for (const method of opts.ahead ?? []) {
    const reply = send(method, undefined);
    // Seen by the first call; an answer nobody asks for is not an unhandled rejection.
    reply.catch(() => undefined);
    asked.set(method, reply);
  }
  const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (arg?: unknown) => {
      const early = arg === undefined ? asked.get(method) : undefined;
      asked.delete(method);
      return unwrapReply(method, await (early ?? send(method, arg)));
    };
  }
  return Object.freeze(api) as ApiBindings;
}
