/** German text as lower-case ASCII for file names and ids: ä → ae, ö → oe, ü → ue, ß → ss, other accents dropped. */
export function asciiLower(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}
