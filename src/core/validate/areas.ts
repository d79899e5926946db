/**
 * Resolves area references (contract §2: the `id` or the exact `name` from the manifest, compared
 * after trimming). A number, or digits, also match a digits-only id with the same value, because
 * Excel turns `01` into `1` (and an AGS `01001000` into `1001000`); where that is unambiguous the
 * area is found and the written value is remembered, so the caller can warn once per file.
 * Results are cached per distinct text, so a million survey rows cost a million map look-ups, not
 * a million normalisations.
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
  /** Written value → id, for values found only by their number (leading zeros lost). */
  private readonly restored = new Map<string, string>();

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
        r = this.byText.get(String(cell)) ?? this.byNumberRestoring(cell, String(cell));
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
      else r = this.byText.get(t) ?? (/^\d+$/.test(t) ? this.byNumberRestoring(Number(t), t) : AREA_UNKNOWN);
      this.cache.set(raw, r);
    }
    return r;
  }

  private byNumberRestoring(n: number, written: string): number {
    const r = this.byNumber.get(n);
    if (r === undefined || r < 0) return AREA_UNKNOWN;
    this.restored.set(written, this.areas?.[r]?.id ?? written);
    return r;
  }

  /** The values found only by their number since the last call (`1` → `01`), in order of appearance. */
  takeRestored(): { readonly written: string; readonly id: string }[] {
    const out = [...this.restored].map(([written, id]) => ({ written, id }));
    this.restored.clear();
    this.cache.clear();
    return out;
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
