/**
 * SSRF protection for webhook URLs: which URLs may be registered and which addresses may be
 * connected to. Pure; the service resolves the host (at registration and again before every
 * attempt) and the sender connects to exactly the address checked here.
 *
 * - https only, port 443, no user info, a fully qualified host name or a public IP literal.
 * - Every resolved address must be ordinary unicast (ipaddr.js's `range()`): loopback, private,
 *   link-local, CGNAT, unspecified, multicast, broadcast, reserved, documentation, benchmarking,
 *   unique-local, site-local, discard, 6to4, Teredo, IPv4-compatible (`::a.b.c.d`), … are refused.
 *   IPv4-mapped / NAT64 addresses are judged by the IPv4 address they embed.
 * - Host forms like `2130706433`, `0177.0.0.1`, `0x7f.1` or `127.1` are normalised to dotted IPv4 by
 *   the WHATWG URL parser and then classified like any other address.
 * - `allowInsecureLoopback` (tests and the local stack only) additionally allows http or https to
 *   `127.0.0.1`, `[::1]` and `localhost` on any port, whose addresses must then be loopback. Nothing else.
 */
import ipaddr from 'ipaddr.js';
import { err, ok, type Result } from '../result.js';

export interface UrlPolicyOptions {
  /** Tests and the local stack: allow http(s)://127.0.0.1|localhost|[::1] on any port. Never on AWS. */
  readonly allowInsecureLoopback?: boolean;
}

export interface CheckedUrl {
  /** The normalised URL (WHATWG serialisation, without fragment). */
  readonly href: string;
  readonly protocol: 'https:' | 'http:';
  /** Host name for DNS, SNI and the Host header; an IP literal without brackets. */
  readonly hostname: string;
  readonly port: number;
  /** The host is an IP literal (no DNS lookup needed). */
  readonly ipLiteral: boolean;
  /** Allowed only through `allowInsecureLoopback`: its addresses must be loopback. */
  readonly loopbackTarget: boolean;
}

export const MAX_URL_LENGTH = 2048;
const LOOPBACK_NAMES = new Set(['127.0.0.1', '::1', 'localhost']);

/** Checks the form of a webhook URL (no DNS). German message on refusal. */
export function checkWebhookUrl(raw: string, options: UrlPolicyOptions = {}): Result<CheckedUrl, string> {
  const text = raw.trim();
  if (text.length === 0) return err('Bitte eine Webhook-Adresse angeben.');
  if (text.length > MAX_URL_LENGTH)
    return err(`Die Webhook-Adresse ist zu lang (höchstens ${MAX_URL_LENGTH} Zeichen).`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err('Die Webhook-Adresse ist keine gültige URL.');
  }
  if (url.username !== '' || url.password !== '')
    return err('Die Webhook-Adresse darf keine Zugangsdaten (Benutzername oder Passwort) enthalten.');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return err('Die Webhook-Adresse muss mit https:// beginnen.');

  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const host = hostname.toLowerCase();
  const loopbackTarget = options.allowInsecureLoopback === true && LOOPBACK_NAMES.has(host);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);

  if (!loopbackTarget) {
    if (url.protocol !== 'https:')
      return err(
        'Die Webhook-Adresse muss mit https:// beginnen (unverschlüsselte Zustellung ist nicht erlaubt).',
      );
    if (port !== 443) return err(`Webhooks werden nur an Port 443 zugestellt (angegeben: ${port}).`);
  }
  if (host === '') return err('Die Webhook-Adresse enthält keinen Hostnamen.');

  const ipLiteral = ipaddr.isValid(host) && (host.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(host));
  if (!ipLiteral && !loopbackTarget) {
    const name = host.replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost'))
      return err(
        `Der Host „${hostname}“ ist die eigene Maschine (localhost) und als Webhook-Ziel nicht erlaubt.`,
      );
    if (!name.includes('.')) return err(`Der Host „${hostname}“ ist kein vollständiger Domainname.`);
    if (!/^[a-z0-9._-]+$/.test(name)) return err(`Der Host „${hostname}“ enthält unzulässige Zeichen.`);
  }
  if (ipLiteral) {
    const verdict = checkAddress(host, loopbackTarget);
    if (!verdict.ok) return verdict;
  }
  url.hash = '';
  return ok({ href: url.href, protocol: url.protocol, hostname, port, ipLiteral, loopbackTarget });
}

export interface AddressClass {
  /** ipaddr.js range name (`unicast`, `private`, `loopback`, …); for embedding forms the embedded IPv4's. */
  readonly range: string;
  readonly allowed: boolean;
  /** The IPv4 address embedded in an IPv4-mapped, IPv4-translated or NAT64 address. */
  readonly embeddedIpv4?: string;
  /** The IPv6 form that embedded it (`ipv4Mapped`, `rfc6145`, `rfc6052`). */
  readonly via?: string;
}

/** IPv6 ranges that carry an IPv4 address in their last 32 bits and reach it directly. */
const EMBEDDING_RANGES = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

/** Classifies one IP address (textual, IPv4 or IPv6). Only ordinary unicast is allowed. */
export function classifyAddress(address: string): AddressClass {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // `::a.b.c.d` is IPv4-compatible, but ipaddr.js reads that spelling as IPv4-mapped: decide it here.
  const compatible = /^::(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)?.[1];
  if (
    compatible !== undefined &&
    ipaddr.IPv4.isValidFourPartDecimal(compatible) &&
    !/^0\.0\.0\.[01]$/.test(compatible)
  )
    return { range: 'ipv4Compatible', allowed: false, embeddedIpv4: compatible, via: 'ipv4Compatible' };
  try {
    parsed = ipaddr.parse(text);
  } catch {
    return { range: 'invalid', allowed: false };
  }
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return { range, allowed: range === 'unicast' };
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (EMBEDDING_RANGES.has(range)) {
    // 64:ff9b:1::/48 is for local use only: the embedded address is in some private network.
    if (range === 'rfc6052' && !v6.match(ipaddr.IPv6.parse('64:ff9b::'), 96))
      return { range, allowed: false };
    const bytes = v6.toByteArray().slice(12);
    const embedded = ipaddr.fromByteArray(bytes) as ipaddr.IPv4;
    const inner = embedded.range();
    return { range: inner, allowed: inner === 'unicast', embeddedIpv4: embedded.toString(), via: range };
  }
  // IPv4-compatible (::/96, RFC 4291 §2.5.5.1, deprecated): `::169.254.169.254` is `::a9fe:a9fe`, which
  // ipaddr.js calls unicast. Stacks that still route it reach the embedded IPv4: never a webhook target.
  if (range === 'unicast' && v6.match(ipaddr.IPv6.parse('::'), 96)) {
    const embedded = ipaddr.fromByteArray(v6.toByteArray().slice(12)).toString();
    return { range: 'ipv4Compatible', allowed: false, embeddedIpv4: embedded, via: 'ipv4Compatible' };
  }
  if (range === '6to4') {
    const b = v6.toByteArray();
    const embedded = ipaddr.fromByteArray(b.slice(2, 6)).toString();
    return { range, allowed: false, embeddedIpv4: embedded, via: range };
  }
  if (range === 'teredo') {
    const b = v6
      .toByteArray()
      .slice(12)
      .map((x) => x ^ 0xff);
    return { range, allowed: false, embeddedIpv4: ipaddr.fromByteArray(b).toString(), via: range };
  }
  return { range, allowed: range === 'unicast' };
}

const RANGE_TEXT: Readonly<Record<string, string>> = {
  loopback: 'die eigene Maschine (Loopback)',
  private: 'ein privates Netz',
  linkLocal: 'ein link-lokales Netz (z. B. Cloud-Metadaten)',
  carrierGradeNat: 'ein Provider-internes Netz (CGNAT)',
  unspecified: 'keine gültige Zieladresse (unspezifiziert)',
  multicast: 'eine Multicast-Adresse',
  broadcast: 'eine Broadcast-Adresse',
  reserved: 'einen reservierten Bereich oder ein Dokumentationsnetz',
  uniqueLocal: 'ein privates IPv6-Netz (Unique Local)',
  deprecatedSiteLocal: 'ein privates IPv6-Netz (Site Local)',
  benchmarking: 'ein Testnetz',
  discard: 'einen Verwerfen-Bereich',
  '6to4': 'eine 6to4-Tunneladresse',
  teredo: 'eine Teredo-Tunneladresse',
  ipv4Compatible: 'eine veraltete IPv4-kompatible IPv6-Adresse',
  rfc6052: 'eine lokale NAT64-Adresse',
  invalid: 'keine gültige IP-Adresse',
};

/** German reason why `address` is refused, or undefined when it is allowed. */
export function refusalReason(
  address: string,
  cls: AddressClass = classifyAddress(address),
): string | undefined {
  if (cls.allowed) return undefined;
  const what = RANGE_TEXT[cls.range] ?? `einen nicht öffentlichen Adressbereich (${cls.range})`;
  const embedded =
    cls.embeddedIpv4 !== undefined && cls.via !== '6to4' && cls.via !== 'teredo'
      ? ` (enthält ${cls.embeddedIpv4})`
      : '';
  return `Die Adresse ${address}${embedded} ist ${what} und als Webhook-Ziel nicht erlaubt.`;
}

function checkAddress(address: string, loopbackTarget: boolean): Result<string, string> {
  const cls = classifyAddress(address);
  if (loopbackTarget)
    return cls.range === 'loopback' && cls.embeddedIpv4 === undefined
      ? ok(address)
      : err(`Die Adresse ${address} ist keine Loopback-Adresse.`);
  const reason = refusalReason(address, cls);
  return reason === undefined ? ok(address) : err(reason);
}

/**
 * Checks the addresses a host resolved to and picks the one to connect to (the first IPv4 address,
 * else the first). Every address must be allowed: a host that also resolves to an internal address
 * is refused as a whole.
 */
export function checkResolvedAddresses(
  target: CheckedUrl,
  addresses: readonly string[],
): Result<string, string> {
  if (addresses.length === 0) return err(`Der Host „${target.hostname}“ hat keine IP-Adresse.`);
  for (const address of addresses) {
    const verdict = checkAddress(address, target.loopbackTarget);
    if (!verdict.ok) return err(`Der Host „${target.hostname}“ zeigt auf ${address}: ${verdict.error}`);
  }
  const v4 = addresses.find((a) => ipaddr.IPv4.isValidFourPartDecimal(a));
  const chosen = v4 ?? (addresses[0] as string);
  // An IPv4-mapped address is the IPv4 host itself: connect over IPv4 (works without IPv6 egress).
  const cls = classifyAddress(chosen);
  return ok(cls.via === 'ipv4Mapped' && cls.embeddedIpv4 !== undefined ? cls.embeddedIpv4 : chosen);
}
