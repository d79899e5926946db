/**
 * Numbering of the report's headings, figures and tables, computed while the view model is built
 * in document order. The numbers are printed in the headings themselves ("5.2 Sicherheitsgefühl"),
 * so every heading title is unique and the PDF bookmarks (which carry the heading text) can be
 * mapped back to the table of contents after the first print.
 */
import { asciiLower } from '../format/ascii.js';

export type HeadingLevel = 1 | 2 | 3;

export interface Heading {
  /** HTML id, unique in the document. */
  readonly id: string;
  readonly level: HeadingLevel;
  /** Number as printed, e.g. "5.2"; empty for unnumbered headings ("Inhalt"). */
  readonly number: string;
  /** Heading text without the number. */
  readonly text: string;
  /** Full title as printed and as it appears in the PDF outline: "5.2 Sicherheitsgefühl". */
  readonly title: string;
  /** Whether the table of contents lists this heading. */
  readonly inToc: boolean;
}

export interface NumberedFigure {
  readonly number: number;
  readonly id: string;
  readonly caption: string;
  /** Title of the h1/h2 section the figure sits in (for the list of figures). */
  readonly section: string;
}

export interface NumberedTable {
  readonly number: number;
  readonly id: string;
  readonly caption: string;
  readonly section: string;
}

/** Turns arbitrary text into an id fragment: lower case ASCII letters, digits and hyphens. */
export function slug(text: string): string {
  const s = asciiLower(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 48) || 'x';
}

/** Collects headings, figures and tables in document order. */
export class DocNumbering {
  private readonly counters: [number, number, number] = [0, 0, 0];
  private readonly ids = new Set<string>();
  private current = '';
  readonly headings: Heading[] = [];
  readonly figures: NumberedFigure[] = [];
  readonly tables: NumberedTable[] = [];

  /** A unique id built from a prefix and a text. */
  uniqueId(prefix: string, text: string): string {
    const base = `${prefix}-${slug(text)}`;
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base}-${i}`;
    this.ids.add(id);
    return id;
  }

  /** A numbered heading: level 1 starts a chapter ("5"), level 2 a section ("5.2"), level 3 "5.2.1". */
  heading(level: HeadingLevel, text: string, inToc = level <= 2): Heading {
    if (level === 1) {
      this.counters[0] += 1;
      this.counters[1] = 0;
      this.counters[2] = 0;
    } else if (level === 2) {
      this.counters[1] += 1;
      this.counters[2] = 0;
    } else {
      this.counters[2] += 1;
    }
    const number = this.counters.slice(0, level).join('.');
    return this.push({ level, number, text, inToc });
  }

  /** An unnumbered heading (e.g. "Inhalt"); it does not advance the counters. */
  plainHeading(level: HeadingLevel, text: string, inToc = false): Heading {
    return this.push({ level, number: '', text, inToc });
  }

  /** Number of an already numbered heading with this text ("2.7"), for cross references. */
  numberOf(text: string): string | undefined {
    return this.headings.find((h) => h.text === text && h.number)?.number;
  }

  figure(caption: string, idHint: string): NumberedFigure {
    const f = {
      number: this.figures.length + 1,
      id: this.uniqueId('abb', idHint),
      caption,
      section: this.current,
    };
    this.figures.push(f);
    return f;
  }

  table(caption: string): NumberedTable {
    const t = {
      number: this.tables.length + 1,
      id: this.uniqueId('tab', caption),
      caption,
      section: this.current,
    };
    this.tables.push(t);
    return t;
  }

  private push(h: { level: HeadingLevel; number: string; text: string; inToc: boolean }): Heading {
    const title = h.number ? `${h.number} ${h.text}` : h.text;
    const heading: Heading = {
      ...h,
      title,
      id: this.uniqueId(h.number ? `k${h.number.replace(/\./g, '-')}` : 'h', h.text),
    };
    // Unnumbered headings listed in the TOC (the changes chapter) are sections for the lists of figures and tables too.
    if (h.level <= 2 && (h.number || h.inToc)) this.current = heading.title;
    this.headings.push(heading);
    return heading;
  }
}
