/**
 * Resolves area references (contract §2: the `id` or the exact `name` from the manifest, compared
 * after trimming). A number cell also matches a digits-only id with the same value, because Excel
 * turns `01` into `1`. Results are cached per distinct text, so a million survey rows cost a
 * million map look-ups, not a million normalisations.
 */
import type { Area } from '../model/dataset.js';
import type { Cell } from '../input/table.js';
import { q, qv } from './message.js';

/** Empty cell. */
export const AREA_EMPTY = -1;
/** `gesamt` (whole municipality), where allowed. */
export const AREA_TOTAL = -2;
/** Not an area of the manifest. */
export const AREA_UNKNOWN = -3;

const SHOWN_AREAS = 8;

export class AreaResolver {
  /** False when the manifest's areas are not known (missing or invalid manifest): no area checks then. */
  readonly known: boolean;
  private readonly byText = new Map<string, number>();
  private readonly byNumber = new Map<number, number>();
  private readonly byLowerName = new Map<string, string>();
  private readonly cache = new Map<string, number>();

  private readonly allowTotal: boolean;
  private readonly allowEmpty: boolean;

  /** `total`: `gesamt` is allowed; `empty`: an empty cell is allowed (only for messages). */
  constructor(
    private readonly areas: readonly Area[] | null,
    options: { readonly total?: boolean; readonly empty?: boolean } = {},
  ) {
    this.allowTotal = options.total ?? false;
    this.allowEmpty = options.empty ?? false;
    this.known = areas !== null;
    (areas ?? []).forEach((a, i) => {
      const id = a.id.trim();
      const name = a.name.trim();
      this.byText.set(id, i);
      if (!this.byText.has(name)) this.byText.set(name, i);
      if (/^\d+$/.test(id)) {
        const n = Number(id);
        this.byNumber.set(n, this.byNumber.has(n) ? AREA_UNKNOWN : i);
      }
      this.byLowerName.set(name.toLowerCase(), name);
    });
  }

  /** Index into the manifest's areas, or AREA_EMPTY / AREA_TOTAL / AREA_UNKNOWN. */
  resolve(cell: Cell | undefined): number {
    if (cell === null || cell === undefined) return AREA_EMPTY;
    if (typeof cell === 'number') {
      const key = `#${cell}`;
      let r = this.cache.get(key);
      if (r === undefined) {
        r = this.byText.get(String(cell)) ?? this.byNumber.get(cell) ?? AREA_UNKNOWN;
        this.cache.set(key, r);
      }
      return r;
    }
    const raw = typeof cell === 'string' ? cell : String(cell);
    let r = this.cache.get(raw);
    if (r === undefined) {
      const t = raw.trim();
      if (t === '') r = AREA_EMPTY;
      else if (this.allowTotal && t.toLowerCase() === 'gesamt') r = AREA_TOTAL;
      else r = this.byText.get(t) ?? AREA_UNKNOWN;
      this.cache.set(raw, r);
    }
    return r;
  }

  allAreas(): readonly Area[] {
    return this.areas ?? [];
  }

  idOf(index: number): string | null {
    return index >= 0 ? (this.areas?.[index]?.id ?? null) : null;
  }

  /** The expected values for messages: `Kennung oder Name eines Gebiets (01 Altstadt, 02 Nordviertel) oder „gesamt“`. */
  expected(): string {
    const list = (this.areas ?? []).slice(0, SHOWN_AREAS).map((a) => `${a.id} ${a.name}`);
    if ((this.areas?.length ?? 0) > SHOWN_AREAS) list.push('…');
    const tail = this.allowTotal ? ` oder ${q('gesamt')}` : this.allowEmpty ? ' oder leer' : '';
    return `Kennung oder Name eines Gebiets (${list.join(', ')})${tail}`;
  }

  /** The German text for an unknown area value, with a hint when only the case differs. */
  unknownText(value: string): string {
    const near = this.byLowerName.get(value.trim().toLowerCase());
    const hint =
      near !== undefined ? ` Gemeint ist vielleicht ${q(near)} (Groß-/Kleinschreibung beachten).` : '';
    return `Gebiet ${qv(value)} ist in analyse.json nicht angelegt (erlaubt: ${this.expected()}).${hint}`;
  }
}
