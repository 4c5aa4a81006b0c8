/**
 * A hook into pdfmake's layout that its public API lacks (for the pdfmake document left: the
 * data warnings): a view of the laid-out pages (where each line landed) before they are drawn.
 *
 * The report no longer uses pdfmake (core/report/print.ts); its lines are reported in the
 * same `LaidOutPage`/`LaidOutLine` shape.
 *
 * It rides on the document's page-margins object, which pdfmake passes by reference to
 * every page, so concurrent renders never see each other's settings. Documents without
 * these settings are laid out exactly as before.
 */
import { createRequire } from 'node:module';

const ON_LAYOUT = Symbol('onLayout');

/** One laid-out line of text: where it is and which marks it carries. */
export interface LaidOutLine {
  /** Left edge and top, in points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The `id` of the text node whose first line this is. */
  id?: string;
  /** `linkToDestination` values of the line's inlines, in order. */
  destinations: string[];
  /** `layoutTag` values of the line's inlines (a custom inline property), in order. */
  tags: string[];
  text: string;
}

/** One laid-out page (1-based `number`). */
export interface LaidOutPage {
  number: number;
  width: number;
  height: number;
  lines: LaidOutLine[];
}

/** Extra layout controls for {@link renderPdf}. */
export interface LayoutOptions {
  /** Called with the laid-out pages before drawing; return `'stop'` to skip drawing. */
  onLayout?: (pages: LaidOutPage[]) => 'stop' | void;
}

/** Thrown internally to skip drawing after a measuring layout. */
export class LayoutStopped extends Error {
  constructor() {
    super('layout stopped after measuring');
    this.name = 'LayoutStopped';
  }
}

interface MarginsWithHooks {
  left: number;
  top: number;
  right: number;
  bottom: number;
  [ON_LAYOUT]?: (pages: LaidOutPage[]) => 'stop' | void;
}

interface RawInline {
  text?: string;
  x: number;
  linkToDestination?: string | null;
  layoutTag?: string;
}
interface RawLine {
  x: number;
  y: number;
  id?: string;
  inlines: RawInline[];
  getHeight(): number;
  getWidth(): number;
}
interface RawPage {
  pageSize: { width: number; height: number };
  pageMargins: MarginsWithHooks;
  items: { type: string; item: unknown }[];
}
interface RendererProto {
  renderPages(pages: RawPage[]): void;
}

let patched = false;

/** Install the hooks once (idempotent). Must run before the first layout. */
export function installLayoutHooks(): void {
  if (patched) return;
  patched = true;
  const require = createRequire(import.meta.url);
  const renderer = (require('pdfmake/js/Renderer.js') as { default: { prototype: RendererProto } }).default.prototype;

  const renderPages = renderer.renderPages;
  renderer.renderPages = function (this: RendererProto, pages: RawPage[]) {
    const margins = pages[0]?.pageMargins;
    const hook = margins?.[ON_LAYOUT];
    if (hook && hook(pages.map(toLaidOut)) === 'stop') throw new LayoutStopped();
    renderPages.call(this, pages);
  };
}

function toLaidOut(page: RawPage, index: number): LaidOutPage {
  const lines: LaidOutLine[] = [];
  for (const it of page.items) {
    if (it.type !== 'line') continue;
    const line = it.item as RawLine;
    const destinations: string[] = [];
    const tags: string[] = [];
    let text = '';
    for (const inl of line.inlines) {
      if (inl.linkToDestination) destinations.push(inl.linkToDestination);
      if (inl.layoutTag) tags.push(inl.layoutTag);
      text += inl.text ?? '';
    }
    lines.push({
      x: line.x,
      y: line.y,
      width: line.getWidth(),
      height: line.getHeight(),
      ...(line.id ? { id: line.id } : {}),
      destinations,
      tags,
      text,
    });
  }
  return { number: index + 1, width: page.pageSize.width, height: page.pageSize.height, lines };
}

/** Page margins as pdfmake's object form, carrying the hooks. */
export function marginsWithHooks(
  margins: number | [number, number] | [number, number, number, number] | undefined,
  opts: LayoutOptions,
): MarginsWithHooks {
  const m = margins ?? 40;
  const [left, top, right, bottom] =
    typeof m === 'number' ? [m, m, m, m] : m.length === 2 ? [m[0], m[1], m[0], m[1]] : [m[0], m[1], m[2], m[3]];
  const out: MarginsWithHooks = { left, top, right, bottom };
  if (opts.onLayout) out[ON_LAYOUT] = opts.onLayout;
  return out;
}
