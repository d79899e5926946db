import { describe, expect, it } from 'vitest';
import {
  checkResolvedAddresses,
  checkWebhookUrl,
  classifyAddress,
  refusalReason,
} from '../../../src/core/webhooks/url-policy.js';
import { REFUSED_URLS } from './ssrf-urls.js';

describe('checkWebhookUrl', () => {
  it(`refuses all ${REFUSED_URLS.length} SSRF forms, each with a German message`, () => {
    expect(REFUSED_URLS.length).toBeGreaterThanOrEqual(25);
    const accepted = REFUSED_URLS.filter((url) => checkWebhookUrl(url).ok);
    expect(accepted).toEqual([]);
    for (const url of REFUSED_URLS) {
      const result = checkWebhookUrl(url);
      if (result.ok) throw new Error(`accepted ${url}`);
      expect(result.error).toMatch(/Webhook|Adresse|Host|Port/);
    }
  });

  it('normalises numeric host forms before classifying them', () => {
    for (const url of ['https://2130706433/', 'https://0177.0.0.1/', 'https://0x7f.1/', 'https://127.1/']) {
      const result = checkWebhookUrl(url);
      expect(result).toEqual({
        ok: false,
        error: 'Die Adresse 127.0.0.1 ist die eigene Maschine (Loopback) und als Webhook-Ziel nicht erlaubt.',
      });
    }
    expect(checkWebhookUrl('https://[::ffff:169.254.169.254]/')).toEqual({
      ok: false,
      error:
        'Die Adresse ::ffff:a9fe:a9fe (enthält 169.254.169.254) ist ein link-lokales Netz (z. B. Cloud-Metadaten) und als Webhook-Ziel nicht erlaubt.',
    });
  });

  it('accepts public https URLs and normalises them', () => {
    expect(checkWebhookUrl('https://Example.org/hooks/sia?x=1#frag')).toEqual({
      ok: true,
      value: {
        href: 'https://example.org/hooks/sia?x=1',
        protocol: 'https:',
        hostname: 'example.org',
        port: 443,
        ipLiteral: false,
        loopbackTarget: false,
      },
    });
    expect(checkWebhookUrl('https://example.org:443/h').ok).toBe(true);
    expect(checkWebhookUrl('https://93.184.215.14/h')).toMatchObject({
      ok: true,
      value: { ipLiteral: true, hostname: '93.184.215.14' },
    });
    expect(checkWebhookUrl('https://[2606:4700:4700::1111]/h')).toMatchObject({
      ok: true,
      value: { ipLiteral: true, hostname: '2606:4700:4700::1111' },
    });
    expect(checkWebhookUrl('https://bücher.example/h')).toMatchObject({
      ok: true,
      value: { hostname: 'xn--bcher-kva.example' },
    });
  });

  it('allows loopback only with allowInsecureLoopback, and then only 127.0.0.1, [::1] and localhost', () => {
    const loopback = { allowInsecureLoopback: true };
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook').ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', loopback)).toMatchObject({
      ok: true,
      value: { protocol: 'http:', port: 8080, loopbackTarget: true },
    });
    expect(checkWebhookUrl('http://localhost:1234/', loopback)).toMatchObject({
      ok: true,
      value: { loopbackTarget: true, ipLiteral: false },
    });
    expect(checkWebhookUrl('http://[::1]:1234/', loopback)).toMatchObject({
      ok: true,
      value: { loopbackTarget: true },
    });
    for (const url of [
      'http://127.0.0.2:8080/',
      'http://2130706434/',
      'http://10.0.0.1/',
      'http://example.org/',
      'http://[::ffff:127.0.0.1]/',
      'https://192.168.0.1/',
      'http://user:pw@127.0.0.1:8080/',
    ]) {
      expect(checkWebhookUrl(url, loopback).ok, url).toBe(false);
    }
    // Public https stays allowed with the setting on.
    expect(checkWebhookUrl('https://example.org/h', loopback).ok).toBe(true);
  });
});

describe('classifyAddress', () => {
  it('allows only ordinary unicast', () => {
    expect(classifyAddress('93.184.215.14')).toEqual({ range: 'unicast', allowed: true });
    expect(classifyAddress('2606:4700:4700::1111')).toEqual({ range: 'unicast', allowed: true });
    expect(classifyAddress('10.0.0.1')).toEqual({ range: 'private', allowed: false });
    expect(classifyAddress('100.100.100.100')).toEqual({ range: 'carrierGradeNat', allowed: false });
    expect(classifyAddress('fe80::1%eth0')).toEqual({ range: 'linkLocal', allowed: false });
    expect(classifyAddress('nonsense')).toEqual({ range: 'invalid', allowed: false });
  });

  it('judges IPv4-mapped and NAT64 addresses by the IPv4 address they embed', () => {
    expect(classifyAddress('::ffff:93.184.215.14')).toEqual({
      range: 'unicast',
      allowed: true,
      embeddedIpv4: '93.184.215.14',
      via: 'ipv4Mapped',
    });
    expect(classifyAddress('::ffff:192.168.0.1')).toEqual({
      range: 'private',
      allowed: false,
      embeddedIpv4: '192.168.0.1',
      via: 'ipv4Mapped',
    });
    expect(classifyAddress('64:ff9b::93.184.215.14')).toEqual({
      range: 'unicast',
      allowed: true,
      embeddedIpv4: '93.184.215.14',
      via: 'rfc6052',
    });
    expect(classifyAddress('64:ff9b::169.254.169.254')).toMatchObject({ range: 'linkLocal', allowed: false });
    expect(classifyAddress('2002:0a00:0001::1')).toEqual({
      range: '6to4',
      allowed: false,
      embeddedIpv4: '10.0.0.1',
      via: '6to4',
    });
    expect(classifyAddress('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toEqual({
      range: 'teredo',
      allowed: false,
      embeddedIpv4: '192.0.2.45',
      via: 'teredo',
    });
  });

  it('refuses IPv4-compatible IPv6 addresses (::a.b.c.d) as a literal and when DNS returns one', () => {
    expect(classifyAddress('::169.254.169.254')).toEqual({
      range: 'ipv4Compatible',
      allowed: false,
      embeddedIpv4: '169.254.169.254',
      via: 'ipv4Compatible',
    });
    const literal = checkWebhookUrl('https://[::169.254.169.254]/');
    expect(literal).toEqual({
      ok: false,
      error:
        'Die Adresse ::a9fe:a9fe (enthält 169.254.169.254) ist eine veraltete IPv4-kompatible IPv6-Adresse und als Webhook-Ziel nicht erlaubt.',
    });
    const host = checkWebhookUrl('https://hooks.example.org/');
    if (!host.ok) throw new Error(host.error);
    expect(checkResolvedAddresses(host.value, ['93.184.215.14', '::169.254.169.254']).ok).toBe(false);
    // :: and ::1 keep their own classes
    expect(classifyAddress('::').range).toBe('unspecified');
    expect(classifyAddress('::1').range).toBe('loopback');
  });

  it('explains refusals in German', () => {
    expect(refusalReason('192.168.1.1')).toBe(
      'Die Adresse 192.168.1.1 ist ein privates Netz und als Webhook-Ziel nicht erlaubt.',
    );
    expect(refusalReason('93.184.215.14')).toBeUndefined();
  });
});

describe('checkResolvedAddresses', () => {
  const target = (url: string, allowInsecureLoopback = false) => {
    const r = checkWebhookUrl(url, { allowInsecureLoopback });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  it('accepts a host whose addresses are all public and prefers IPv4', () => {
    expect(checkResolvedAddresses(target('https://example.org/'), ['93.184.215.14'])).toEqual({
      ok: true,
      value: '93.184.215.14',
    });
    expect(
      checkResolvedAddresses(target('https://example.org/'), [
        '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
        '93.184.215.14',
      ]),
    ).toEqual({ ok: true, value: '93.184.215.14' });
    expect(checkResolvedAddresses(target('https://example.org/'), ['::ffff:93.184.215.14'])).toEqual({
      ok: true,
      value: '93.184.215.14',
    });
  });

  it('refuses a host if any address is internal (DNS pointing inside)', () => {
    expect(checkResolvedAddresses(target('https://evil.example/'), ['93.184.215.14', '127.0.0.1'])).toEqual({
      ok: false,
      error:
        'Der Host „evil.example“ zeigt auf 127.0.0.1: Die Adresse 127.0.0.1 ist die eigene Maschine (Loopback) und als Webhook-Ziel nicht erlaubt.',
    });
    expect(checkResolvedAddresses(target('https://evil.example/'), ['169.254.169.254']).ok).toBe(false);
    expect(checkResolvedAddresses(target('https://evil.example/'), [])).toEqual({
      ok: false,
      error: 'Der Host „evil.example“ hat keine IP-Adresse.',
    });
  });

  it('in loopback mode requires loopback addresses for localhost', () => {
    expect(checkResolvedAddresses(target('http://localhost:8080/', true), ['127.0.0.1', '::1'])).toEqual({
      ok: true,
      value: '127.0.0.1',
    });
    expect(checkResolvedAddresses(target('http://localhost:8080/', true), ['10.0.0.1']).ok).toBe(false);
    expect(checkResolvedAddresses(target('http://localhost:8080/', true), ['93.184.215.14']).ok).toBe(false);
  });
});
