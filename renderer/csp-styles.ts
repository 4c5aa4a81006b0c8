/**
 * Keeps the strict CSP (`style-src 'self'`, no inline style) with Ant Design. Its static
 * stylesheet (antd/dist/antd.css, "zero runtime") holds every component style, but the
 * design tokens' CSS variables and the icons' few rules are still written at run time as
 * `<style>` elements, which the CSP refuses. Those elements are recognised by the marks
 * the library puts on them (`data-rc-order`, `data-css-hash`) and their text is applied as
 * a constructed stylesheet instead (CSSOM, which the CSP allows). Likewise a `style`
 * attribute written as text (the text area's auto-size measure does it) is applied through
 * `element.style.cssText`. Nothing else is touched.
 * Must run before the first component renders.
 */
const adopted = new Map<string, CSSStyleSheet>();

function isLibraryStyle(node: Node): node is HTMLStyleElement {
  return node instanceof HTMLStyleElement && (node.hasAttribute('data-rc-order') || node.hasAttribute('data-css-hash'));
}

function adopt(style: HTMLStyleElement): void {
  const key = style.getAttribute('data-css-hash') ?? style.getAttribute('data-token-hash') ?? style.textContent ?? '';
  let sheet = adopted.get(key);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    adopted.set(key, sheet);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(style.textContent ?? '');
}

export function installCspStyles(): void {
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = value;
      return;
    }
    setAttribute.call(this, name, value);
  };
  const append = Node.prototype.appendChild;
  const remove = Node.prototype.removeChild;
  const insertBefore = Node.prototype.insertBefore;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    if (isLibraryStyle(node)) {
      adopt(node);
      return node;
    }
    return append.call(this, node) as T;
  };
  Node.prototype.removeChild = function <T extends Node>(this: Node, node: T): T {
    // A library style was never inserted: removing it removes nothing.
    if (isLibraryStyle(node) && node.parentNode !== this) return node;
    return remove.call(this, node) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    if (isLibraryStyle(node)) {
      adopt(node);
      return node;
    }
    return insertBefore.call(this, node, child) as T;
  };
}
