import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../shared-api/app-api.js';
import { bindApi } from '../../shared-api/bind.js';

/** The binding the preload and the browser host make: the window's first question asked ahead. */
describe('bindApi with methods asked ahead', () => {
  it('asks them at once; the first call gets that answer, later calls ask again', async () => {
    const sent: Array<[ApiMethod, unknown]> = [];
    let n = 0;
    const api = bindApi(
      async (method, arg) => {
        sent.push([method, arg]);
        return { ok: true, value: `${method} #${++n}` };
      },
      { ahead: ['startView'] },
    );
    // Asked before the page called anything.
    expect(sent).toEqual([['startView', undefined]]);
    await expect(api.startView()).resolves.toBe('startView #1');
    expect(sent).toHaveLength(1);
    await expect(api.startView()).resolves.toBe('startView #2');
    await expect(api.listPeriods()).resolves.toBe('listPeriods #3');
    expect(sent.map(([m]) => m)).toEqual(['startView', 'startView', 'listPeriods']);
  });

  it('hands a refusal to the first call (in Vietnamese), never as an unhandled rejection, and asks again after it', async () => {
    let first = true;
    const api = bindApi(
      async () => {
        if (first) {
          first = false;
          return { ok: false, message: 'Thư mục của kỳ báo cáo đang được máy khác sử dụng.' };
        }
        return { ok: true, value: 'lần hai' };
      },
      { ahead: ['startView'] },
    );
    await new Promise((r) => setTimeout(r, 10));
    await expect(api.startView()).rejects.toThrow('Thư mục của kỳ báo cáo đang được máy khác sử dụng.');
    await expect(api.startView()).resolves.toBe('lần hai');
  });

  it('asks nothing ahead unless told', () => {
    const sent: string[] = [];
    bindApi(async (method) => {
      sent.push(method);
      return { ok: true, value: null };
    });
    expect(sent).toEqual([]);
  });
});
