/** URLs refused by their form alone (no DNS involved): ≥ 25 SSRF tricks. */
export const REFUSED_URLS: readonly string[] = [
  'http://example.org/hook', // not https
  'ftp://example.org/hook',
  'https://127.0.0.1/hook',
  'https://localhost/hook',
  'https://localhost./hook',
  'https://api.localhost/hook',
  'https://2130706433/hook', // decimal 127.0.0.1
  'https://0177.0.0.1/hook', // octal
  'https://0x7f.1/hook', // hex, short form
  'https://0x7f000001/hook',
  'https://127.1/hook', // short form
  'https://10.0.0.1/hook',
  'https://172.16.5.4/hook',
  'https://172.31.255.255/hook',
  'https://192.168.1.1/hook',
  'https://169.254.169.254/latest/meta-data/', // cloud metadata
  'https://100.64.0.1/hook', // CGNAT
  'https://0.0.0.0/hook',
  'https://0/hook',
  'https://[::]/hook',
  'https://[::1]/hook',
  'https://224.0.0.1/hook', // multicast
  'https://255.255.255.255/hook', // broadcast
  'https://240.0.0.1/hook', // reserved 240/4
  'https://192.0.0.8/hook', // IETF protocol assignments
  'https://198.18.0.1/hook', // benchmarking
  'https://192.0.2.1/hook', // TEST-NET-1
  'https://198.51.100.7/hook', // TEST-NET-2
  'https://203.0.113.9/hook', // TEST-NET-3
  'https://[fc00::1]/hook', // unique local
  'https://[fd12:3456:789a::1]/hook',
  'https://[fe80::1]/hook', // link-local
  'https://[fec0::1]/hook', // site-local
  'https://[ff02::1]/hook', // multicast
  'https://[2001:db8::1]/hook', // documentation
  'https://[::ffff:127.0.0.1]/hook', // IPv4-mapped loopback
  'https://[::ffff:169.254.169.254]/hook',
  'https://[::ffff:10.1.2.3]/hook',
  'https://[::169.254.169.254]/', // IPv4-compatible (deprecated) cloud metadata
  'https://[::a9fe:a9fe]/hook', // the same, hex
  'https://[::127.0.0.1]/hook',
  'https://[::8.8.8.8]/hook', // IPv4-compatible is refused whatever it embeds
  'https://[64:ff9b::10.0.0.1]/hook', // NAT64 of a private address
  'https://[64:ff9b::7f00:1]/hook',
  'https://[64:ff9b:1::5db8:d70e]/hook', // local-use NAT64
  'https://[2002:7f00:1::1]/hook', // 6to4 of 127.0.0.1
  'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', // Teredo
  'https://user:pass@example.org/hook', // user info
  'https://user@example.org/hook',
  'https://example.org:8443/hook', // port
  'https://example.org:80/hook',
  'https://intranet/hook', // single label
  'not a url',
  '',
];
