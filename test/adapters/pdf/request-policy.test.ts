import { describe, expect, it } from 'vitest';
import { describeBlockedUrl, isAllowedRequestUrl } from '../../../src/adapters/pdf/request-policy.js';

describe('request policy of the printed page', () => {
  it.each([
    'data:font/woff2;base64,d09GMgABAAAAA',
    'DATA:image/png;base64,iVBORw0KGgo=',
    'data:image/svg+xml,%3Csvg%3E',
  ])('allows %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:9001/2018-06-01/runtime/invocation/next',
    'https://example.org/font.woff2',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:a9fe:a9fe]/',
    'file:///proc/self/environ',
    'ftp://127.0.0.1/x',
    'ws://127.0.0.1/socket',
    'wss://127.0.0.1/socket',
    'blob:http://127.0.0.1/0b7f',
    'chrome://version/',
    'about:blank',
    'filesystem:http://x/temporary/a',
    ' data:text/plain,leading-space',
    'dat:',
    '',
  ])('blocks %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });

  it('shortens blocked URLs for logs and drops query strings', () => {
    expect(describeBlockedUrl('http://x/a?token=geheim#f')).toBe('http://x/a');
    expect(describeBlockedUrl(`http://x/${'a'.repeat(500)}`)).toHaveLength(201);
  });
});
