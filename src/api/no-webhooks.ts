/** The WebhookAdmin to use where no webhook service is wired: listing is empty, changes are refused in German. */
import { WebhookAdminError, type WebhookAdmin } from './ports.js';

const refuse = (): never => {
  throw new WebhookAdminError(
    'webhooks-not-configured',
    'Webhooks sind in dieser Umgebung nicht eingerichtet.',
  );
};

export const webhooksNotConfigured: WebhookAdmin = {
  register: async () => refuse(),
  list: async () => [],
  rotate: async () => refuse(),
  remove: async () => refuse(),
  deliveries: async () => undefined,
};
