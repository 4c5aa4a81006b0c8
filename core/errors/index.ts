/** Vietnamese sentences for failures that come from outside the engine: the file system, JSON typed by people. */
export { fsErrorMessage, isFsError, type FsAction } from './fs.js';
export { JsonTextError, parseJsonText } from './json.js';
