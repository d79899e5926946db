/**
 * Which requests a page being printed may make: only `data:` URLs (the fonts, logos and images we embedded
 * ourselves). Everything else (http, https, file, ftp, ws, wss, blob, chrome, about, filesystem, …) is
 * aborted. The HTML itself arrives via setContent, so the page needs no request for its document.
 */
export function isAllowedRequestUrl(url: string): boolean {
  // Case-insensitive scheme check without URL parsing: a data: URL may be megabytes long.
  return url.length >= 5 && url.slice(0, 5).toLowerCase() === 'data:';
}

/** A short, log-safe form of a blocked URL (data URIs and query strings can be long or carry data). */
export function describeBlockedUrl(url: string): string {
  const noQuery = url.split(/[?#]/, 1)[0] ?? '';
  return noQuery.length > 200 ? `${noQuery.slice(0, 200)}…` : noQuery;
}
