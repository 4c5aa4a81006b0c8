/** Messages between the engine's worker thread and the thread that owns the dialogs. */
import type { ApiReply, AppInfo, JobStatus } from '../../shared-api/app-api.js';

/** What the worker is started with (plain data). */
export interface WorkerOptions {
  dataDir: string;
  shell?: AppInfo['shell'];
  workspaceRoot?: string;
  /** Documents as the desktop shell names it (`app.getPath('documents')`). */
  documentsDir?: string;
  /** Whether the parent answers dialog requests. */
  dialogs: boolean;
}

export type ToWorker =
  { type: 'call'; id: number; method: string; arg: unknown } | { type: 'dialog-reply'; id: number; value: unknown };

export type ToParent =
  | { type: 'reply'; id: number; reply: ApiReply }
  /** A long operation's status changed (sent at once, even while the worker is busy with it). */
  | { type: 'job'; status: JobStatus }
  | {
      type: 'dialog';
      id: number;
      name: 'chooseFolder' | 'openPath' | 'chooseFiles' | 'chooseSavePath';
      request: unknown;
    };
