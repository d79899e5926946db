/**
 * The document's XMP metadata packet (ISO 16684-1), as PDF/UA-1 asks for it (ISO 14289-1 §6.7.11 and
 * §7.1): the PDF/UA identification `pdfuaid:part` 1 and the title as `dc:title`, plus what the document
 * information dictionary says (author, producer, creator tool, dates), so that both agree.
 */

export interface XmpFields {
  readonly title: string;
  readonly author: string;
  readonly lang: string;
  readonly producer?: string;
  readonly creatorTool?: string;
  /** ISO 8601 dates. */
  readonly created?: string;
  readonly modified?: string;
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A PDF date (`D:20261206083528+00'00'`) as ISO 8601, or undefined if it is not one. */
export function isoDate(pdfDate: string | undefined): string | undefined {
  const m = pdfDate
    ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(pdfDate)
    : null;
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z, sign, th, tm = '00'] = m;
  const zone = z || !sign ? 'Z' : `${sign}${th}:${tm}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

export function xmpPacket(fields: XmpFields): string {
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
  ];
  if (fields.author)
    lines.push(`<dc:creator><rdf:Seq><rdf:li>${xml(fields.author)}</rdf:li></rdf:Seq></dc:creator>`);
  lines.push(`<dc:language><rdf:Bag><rdf:li>${xml(fields.lang)}</rdf:li></rdf:Bag></dc:language>`);
  if (fields.producer) lines.push(`<pdf:Producer>${xml(fields.producer)}</pdf:Producer>`);
  if (fields.creatorTool) lines.push(`<xmp:CreatorTool>${xml(fields.creatorTool)}</xmp:CreatorTool>`);
  if (fields.created) lines.push(`<xmp:CreateDate>${fields.created}</xmp:CreateDate>`);
  if (fields.modified) lines.push(`<xmp:ModifyDate>${fields.modified}</xmp:ModifyDate>`);
  lines.push(
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  );
  return lines.join('\n');
}
