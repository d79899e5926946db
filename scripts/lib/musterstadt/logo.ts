/** A fictitious coat of arms for Musterstadt: shield, city wall, initial "M". No scripts, no links. */

export function buildLogo(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 140" width="120" height="140" role="img" aria-labelledby="title">
  <title id="title">Wappen der Musterstadt (fiktiv)</title>
  <path d="M8 8 H112 V66 C112 102 88 124 60 134 C32 124 8 102 8 66 Z" fill="#005CA9" stroke="#E8A33D" stroke-width="5" stroke-linejoin="round"/>
  <path d="M20 22 H32 V28 H40 V22 H52 V28 H68 V22 H80 V28 H88 V22 H100 V40 H20 Z" fill="#E8A33D"/>
  <path d="M32 108 V50 H44 L60 78 L76 50 H88 V108 H77 V69 L60 98 L43 69 V108 Z" fill="#FFFFFF"/>
</svg>
`;
}
