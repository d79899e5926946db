import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  XmlScanner,
  XmlSyntaxError,
  type XmlHandler,
} from '../../../src/core/input/xml-scan.js';

/** Records the events of a document fed in pieces of `size` characters. */
function events(xml: string, size: number, captureIn: readonly string[] = ['t', 'v']): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  const h: XmlHandler = {
    capture: false,
    open(name, attrs, selfClosing) {
      out.push(`<${name}${attrs}${selfClosing ? '/' : ''}>`);
      stack.push(name);
      h.capture = captureIn.includes(name);
    },
    close(name) {
      out.push(`</${name}>`);
      stack.pop();
      h.capture = captureIn.includes(stack[stack.length - 1] ?? '');
    },
    text(t) {
      out.push(`"${t}"`);
    },
  };
  const scanner = new XmlScanner(h);
  for (let i = 0; i < xml.length; i += size) scanner.write(xml.slice(i, i + size));
  scanner.end();
  return out;
}

const DOC =
  '<?xml version="1.0"?>\n<!-- note --><x:sst xmlns:x="urn:x"><x:si><x:t>A &amp; B &lt;3&gt; &#228;&#x1F600;</x:t></x:si>' +
  '<si><t><![CDATA[<raw> & ]]>rest</t></si><c r="A1" s=\'2\' q="a>b"/><v>12</v></x:sst>';

describe('XmlScanner', () => {
  it('gives the same events however the text is cut into chunks', () => {
    const whole = events(DOC, DOC.length);
    expect(whole).toEqual([
      '<sst xmlns:x="urn:x">',
      '<si>',
      '<t>',
      '"A & B <3> ä😀"',
      '</t>',
      '</si>',
      '<si>',
      '<t>',
      '"<raw> & "',
      '"rest"',
      '</t>',
      '</si>',
      '<c r="A1" s=\'2\' q="a>b"/>',
      '</c>',
      '<v>',
      '"12"',
      '</v>',
      '</sst>',
    ]);
    for (const size of [1, 2, 3, 7, 16]) {
      const pieces = events(DOC, size);
      // Character data may arrive in more pieces; joined it is the same.
      const join = (e: string[]) => e.join('').replace(/""/g, '');
      expect(join(pieces), `chunks of ${size}`).toBe(join(whole));
    }
  });

  it('refuses a document type declaration, broken tags and unbalanced ends', () => {
    expect(() => events('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 100)).toThrow(XmlSyntaxError);
    expect(() => events('<<<not xml', 100)).toThrow(XmlSyntaxError);
    expect(() => events('<a></a></b>', 100)).toThrow(XmlSyntaxError);
    expect(() => events('<a><b>', 100)).toThrow(XmlSyntaxError);
    expect(() => events('<a', 100)).toThrow(XmlSyntaxError);
  });

  it('decodes only the predefined and numeric references', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&unknown;&#0;')).toBe('<>&"\'AB&unknown;&#0;');
  });
});
