import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook, XlsxError } from './index.js';
import { trimWorksheet, trimWorksheetBytes } from './parts.js';
import { decodeEntities, findInvalidChar, scanXml, XmlScanError } from './scan.js';

type Event = ['open', string, Record<string, string>, boolean] | ['close', string] | ['text', string];

/** Every event, attributes read through the accessor; adjacent text pieces joined. */
function events(xml: string): Event[] {
  const out: Event[] = [];
  scanXml(xml, {
    open(name, a, selfClosing) {
      const attrs: Record<string, string> = {};
      for (const k of a.names()) attrs[k] = a.get(k)!;
      out.push(['open', name, attrs, selfClosing]);
    },
    close(name) {
      out.push(['close', name]);
    },
    text(t) {
      const last = out[out.length - 1];
      if (last?.[0] === 'text') last[1] += t;
      else out.push(['text', t]);
    },
  });
  return out;
}

function texts(xml: string): string {
  return events(xml)
    .filter((e) => e[0] === 'text')
    .map((e) => e[1])
    .join('|');
}

function refused(xml: string): string {
  try {
    scanXml(xml, { open() {}, close() {}, text() {} });
  } catch (e) {
    expect(e).toBeInstanceOf(XmlScanError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${xml}`);
}

describe('scanXml', () => {
  it('reports elements by local name, self-closing ones with their close, and text', () => {
    expect(
      events('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:a><b/>hi<x:c k="v"></x:c></x:a>\n'),
    ).toEqual([
      ['open', 'a', {}, false],
      ['open', 'b', {}, true],
      ['close', 'b'],
      ['text', 'hi'],
      ['open', 'c', { k: 'v' }, false],
      ['close', 'c'],
      ['close', 'a'],
    ]);
  });

  it('reads attributes with either quote, any white space, and keeps their prefixes', () => {
    const [open] = events(`<a  r:id = 'rId1'\n\tname="x'y" other='a"b' \r\n/>`);
    expect(open).toEqual(['open', 'a', { 'r:id': 'rId1', name: "x'y", other: 'a"b' }, true]);
  });

  it('normalises white space in attribute values, but not what character references give', () => {
    const [open] = events('<a v="1\t2\r\n3\n4&#10;5&#x9;6"/>');
    expect(open?.[2]).toEqual({ v: '1 2 3 4\n5\t6' });
  });

  it('gives undefined for a missing attribute and names in document order', () => {
    scanXml('<a z="1" y="2"/>', {
      open(_n, a) {
        expect(a.get('x')).toBeUndefined();
        expect(a.get('z')).toBe('1');
        expect(a.names()).toEqual(['z', 'y']);
      },
    });
  });

  it('decodes the five entities and decimal and hex character references in text and attributes', () => {
    expect(texts('<a>&lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#0067;&#x1F600;</a>')).toBe(`<>&'" ABC😀`);
    expect(events('<a t="&lt;b&gt; &amp;amp; &#x4E2D;"/>')[0]?.[2]).toEqual({ t: '<b> &amp; 中' });
    expect(decodeEntities('a &amp;&amp; b')).toBe('a && b');
  });

  it('passes CDATA through verbatim and normalises line ends in text', () => {
    expect(texts('<a>x<![CDATA[<b>&amp;]] >]]>y</a>')).toBe('x<b>&amp;]] >y');
    expect(texts('<a>1\r\n2\r3</a>')).toBe('1\n2\n3');
    expect(texts('<a>&#13;</a>')).toBe('\r');
  });

  it('finds what needs care anywhere in a run of text, and only in that run', () => {
    const long = 'x'.repeat(5000);
    expect(texts(`<a>${long}&amp;</a>`)).toBe(`${long}&`);
    expect(texts(`<a>${long}\r\n${long}</a>`)).toBe(`${long}\n${long}`);
    expect(() => texts(`<a>${long}]]></a>`)).toThrow(XmlScanError);
    expect(() => texts(`<a>${long}&bogus;</a>`)).toThrow(/undefined entity &bogus;/);
    // A reference or a ">" in the next tag belongs to that tag, not to the text before it.
    expect(texts('<a>plain<b c="&amp;]]&gt;"/>more&gt;</a>')).toBe('plain|more>');
  });

  it('skips comments and processing instructions anywhere', () => {
    expect(events('<!-- c --><?pi data?><a><!-- <b> --><?x?>t</a><!-- end -->')).toEqual([
      ['open', 'a', {}, false],
      ['text', 't'],
      ['close', 'a'],
    ]);
  });

  it('does not build attribute strings unless asked', () => {
    let opens = 0;
    scanXml('<a><c r="A1" s="2" t="s"><v>1</v></c></a>', {
      open() {
        opens++;
      },
    });
    expect(opens).toBe(3);
  });

  it('refuses any DOCTYPE, so no entity is ever defined or expanded', () => {
    expect(refused('<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>')).toMatch(/DOCTYPE/);
    expect(refused('<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>')).toMatch(/DOCTYPE/);
    expect(refused('<a>&x;</a>')).toMatch(/undefined entity/);
    expect(refused('<a b="&x;"/>')).toMatch(/undefined entity/);
  });

  it.each([
    ['unterminated tag', '<a><b'],
    ['unterminated tag with attributes', '<a><b c="1"'],
    ['unterminated attribute value', '<a b="1/>'],
    ['unquoted attribute value', '<a b=1/>'],
    ['attribute without value', '<a b/>'],
    ['attributes without space between them', '<a b="1"c="2"/>'],
    ['duplicate attribute', '<a b="1" b="2"/>'],
    ['< in an attribute value', '<a b="<"/>'],
    ['unterminated comment', '<a><!-- x</a>'],
    ['-- inside a comment', '<a><!-- x -- y --></a>'],
    ['unterminated CDATA', '<a><![CDATA[x</a>'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>'],
    ['unterminated processing instruction', '<a><?pi x</a>'],
    ['XML declaration not at the start', ' <?xml version="1.0"?><a/>'],
    ['malformed XML declaration', '<?xml encoding="UTF-8"?><a/>'],
    ['unclosed element', '<a><b></b>'],
    ['mismatched end tag', '<a><b></a></b>'],
    ['prefix mismatch', '<x:a></y:a>'],
    ['end tag without start', '</a>'],
    ['second root', '<a/><b/>'],
    ['text outside the root', '<a/>x'],
    ['no root', '<!-- only -->'],
    ['empty document', ''],
    [']]> in text', '<a>]]></a>'],
    ['bad tag name', '<a><1b/></a>'],
    ['bare ampersand', '<a>a & b</a>'],
    ['unterminated entity', '<a>&amp</a>'],
    ['malformed character reference', '<a>&#x;</a>'],
    ['upper-case X in a hex reference', '<a>&#X41;</a>'],
    ['reference to a disallowed character', '<a>&#0;</a>'],
    ['reference to a surrogate', '<a>&#xD800;</a>'],
    ['control character', '<a>\u0001</a>'],
    ['lone surrogate', '<a>\ud800</a>'],
    ['U+FFFE', '<a b="\ufffe"/>'],
    ['unknown markup declaration', '<a><!ELEMENT a ANY></a>'],
  ])('refuses %s', (_why, xml) => {
    refused(xml);
  });

  it('accepts what XML allows that a quick scanner might not', () => {
    expect(texts('<a>a > b ]] c</a>')).toBe('a > b ]] c');
    expect(texts('<a>\ud83d\ude00 \t\uFFFD</a>')).toBe('😀 \t\uFFFD');
    expect(events('<a b="x > y"/>')[0]?.[2]).toEqual({ b: 'x > y' });
    expect(events('<a></a >')).toEqual([
      ['open', 'a', {}, false],
      ['close', 'a'],
    ]);
    expect(findInvalidChar('ok \ud83d\ude00')).toBe(-1);
  });

  it('finds a duplicate among many attributes without comparing every pair', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(events(`<x ${many}/>`)[0]?.[2]).toMatchObject({ a0: '0', a4999: '4999' });
    expect(refused(`<x ${many} a17="again"/>`)).toMatch(/duplicate attribute a17/);
    expect(refused(`<x ${many} a1="again"/>`)).toMatch(/duplicate attribute a1 /);
  });

  it('lets errors thrown by a handler through unchanged', () => {
    const boom = new Error('boom');
    expect(() =>
      scanXml('<a/>', {
        open() {
          throw boom;
        },
      }),
    ).toThrow(boom);
  });
});

describe('trimWorksheetBytes', () => {
  const sheet = (tail: string): string =>
    `\ufeff<?xml version="1.0"?><x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Số liệu</x:t></x:is></x:c></x:row></x:sheetData >${tail}</x:worksheet>`;

  it.each([
    [
      'merge cells then validations',
      '<x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells><x:dataValidations><x:dataValidation prompt="Nhập số"/></x:dataValidations>',
    ],
    ['validations only', '<x:dataValidations\u00a0count="1"/><x:pageSetup/>'],
    ['nothing after the data', ''],
    ['validations before merge cells', '<x:dataValidations/><x:mergeCells/>'],
  ])('cuts the bytes where trimWorksheet cuts the text: %s', (_why, tail) => {
    const xml = sheet(tail);
    const bytes = strToU8(xml);
    const expected = trimWorksheet(new TextDecoder().decode(bytes));
    expect(new TextDecoder().decode(trimWorksheetBytes(bytes))).toBe(expected);
  });
});

describe('readWorkbook on malformed parts', () => {
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const book = (sheetXml: string): Uint8Array =>
    zipSync({
      '_rels/.rels': strToU8(
        `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<workbook xmlns:r="${REL}"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/s1.xml"/></Relationships>`,
      ),
      'xl/worksheets/s1.xml': strToU8(sheetXml),
    });

  it('turns a scanner refusal into BAD_XML naming the part', () => {
    for (const xml of [
      '<!DOCTYPE worksheet [<!ENTITY e "x">]><worksheet><sheetData/></worksheet>',
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></sheetData></worksheet>',
      '<worksheet><sheetData><row r="1"><c r="A1"><v>&e;</v></c></row></sheetData></worksheet>',
    ]) {
      let err: unknown;
      try {
        readWorkbook(book(xml));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(XlsxError);
      expect((err as XlsxError).code).toBe('BAD_XML');
      expect((err as XlsxError).entry).toBe('xl/worksheets/s1.xml');
    }
  });

  it('reads entities and CDATA in cells', () => {
    const wb = readWorkbook(
      book(
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b&#x20;<![CDATA[<c>]]></t></is></c></row></sheetData></worksheet>',
      ),
    );
    expect(wb.sheets[0]?.rows.get(1)?.get(1)?.value).toBe('a & b <c>');
  });
});

describe('the attribute view shared by scans', () => {
  it('a scan started from inside a handler gets its own view; the outer one still reads its attributes', () => {
    const seen: string[] = [];
    scanXml('<a x="1"><b y="2"/></a>', {
      open(name, attrs) {
        if (name === 'a') {
          seen.push(...events('<inner z="3"/>').map((e) => JSON.stringify(e)));
          seen.push(`a x=${attrs.get('x')} names=${attrs.names().join(',')}`);
        } else seen.push(`${name} y=${attrs.get('y')} x=${attrs.get('x')}`);
      },
    });
    expect(seen).toEqual([
      '["open","inner",{"z":"3"},true]',
      '["close","inner"]',
      'a x=1 names=x',
      'b y=2 x=undefined',
    ]);
  });

  it('a tag with thousands of attributes leaves no positions held for the next scans', () => {
    const many = Array.from({ length: 5000 }, (_, k) => `a${k}="${k}"`).join(' ');
    let held: string[] = [];
    scanXml(`<r ${many}/>`, {
      open(_name, attrs) {
        held = attrs.names();
      },
    });
    expect(held).toHaveLength(5000);
    // The view shared with the next scan starts small again (no 25,000 positions kept).
    scanXml('<r a="1"/>', {
      open(_name, attrs) {
        expect((attrs as unknown as { pos: number[] }).pos.length).toBeLessThanOrEqual(5);
        expect(attrs.get('a')).toBe('1');
        expect(attrs.get('a4999')).toBeUndefined();
      },
    });
  });

  it('a scan stopped by a handler or a refusal leaves nothing behind for the next one', () => {
    expect(() =>
      scanXml('<a x="1" y="2"><b/></a>', {
        open(name) {
          if (name === 'b') throw new Error('stop');
        },
      }),
    ).toThrow('stop');
    expect(refused('<a q="1" q="2"/>')).toMatch(/duplicate attribute q/);
    expect(events('<c/>')).toEqual([
      ['open', 'c', {}, true],
      ['close', 'c'],
    ]);
  });
});
