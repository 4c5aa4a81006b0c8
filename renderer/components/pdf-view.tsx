import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

// The worker is bundled with the app (no remote code) and runs from the app's own origin.
GlobalWorkerOptions.workerSrc = workerUrl;

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The pages of a PDF, drawn with pdf.js (no eval: fonts are drawn from their outlines). */
export function PdfView({ base64, label }: { base64: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let doc: PDFDocumentProxy | null = null;
    let cancelled = false;
    const holder = box.current;
    if (!holder) return;
    holder.replaceChildren();
    void (async () => {
      try {
        doc = await getDocument({ data: fromBase64(base64), isEvalSupported: false, enableXfa: false }).promise;
        if (cancelled) return;
        setPages(doc.numPages);
        const width = Math.max(300, holder.clientWidth - 24);
        for (let n = 1; n <= doc.numPages && !cancelled; n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const scale = width / base.width;
          const vp = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(vp.width);
          canvas.height = Math.floor(vp.height);
          canvas.style.width = `${Math.floor(base.width * scale)}px`;
          canvas.className = 'pdf-page';
          canvas.setAttribute('aria-label', `Trang ${n}`);
          holder.append(canvas);
          await page.render({ canvas, viewport: vp }).promise;
        }
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
      void doc?.destroy();
    };
  }, [base64]);
  return (
    <div className="pdf-view" aria-label={label} data-pages={pages}>
      {error && <p className="error">Không hiển thị được bản xem trước: {error}</p>}
      <div ref={box} className="pdf-pages" />
    </div>
  );
}
