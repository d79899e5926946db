/** Resolver over the system resolver (`dns.lookup`, all A and AAAA records, in resolver order). */
import { lookup } from 'node:dns/promises';
import { err, ok } from '../../core/result.js';
import type { Resolver } from '../../core/webhooks/ports.js';

export function systemResolver(timeoutMs = 5_000): Resolver {
  return async (hostname) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
          timeoutMs,
        );
      });
      const records = await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout]);
      return ok(records.map((r) => r.address));
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unbekannt';
      if (code === 'ENOTFOUND' || code === 'ENODATA')
        return err(`Der Host „${hostname}“ ist im DNS nicht bekannt.`);
      if (code === 'ETIMEOUT')
        return err(`Der Host „${hostname}“ konnte nicht rechtzeitig aufgelöst werden.`);
      return err(`Der Host „${hostname}“ konnte nicht aufgelöst werden (${code}).`);
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}
