/** In-memory fakes of the API's ports for tests: webhook administration and a recording job queue. */
import type { UploadEvent } from '../../src/app/upload-event.js';
import type {
  JobQueue,
  WebhookAdmin,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../../src/api/ports.js';

export class FakeWebhookAdmin implements WebhookAdmin {
  readonly endpoints = new Map<string, WebhookEndpointView & { secret: string }>();
  readonly calls: string[] = [];
  private next = 1;

  async register(
    ags: string,
    r: { url: string; events: readonly WebhookEndpointView['events'][number][]; coordinatorEmail: string },
  ) {
    this.calls.push(`register ${ags}`);
    const id = `wh${this.next++}`;
    const endpoint = {
      id,
      ags,
      url: r.url,
      events: [...r.events],
      coordinatorEmail: r.coordinatorEmail,
      createdAt: '2026-05-01T10:00:00.000Z',
      active: true,
    };
    this.endpoints.set(id, { ...endpoint, secret: `whsec_${id}` });
    return { endpoint, secret: `whsec_${id}` };
  }

  async list(ags: string) {
    this.calls.push(`list ${ags}`);
    return [...this.endpoints.values()].filter((e) => e.ags === ags).map(({ secret: _s, ...e }) => e);
  }

  async rotate(ags: string, id: string) {
    this.calls.push(`rotate ${ags} ${id}`);
    const e = this.endpoints.get(id);
    if (e?.ags !== ags) return undefined;
    e.secret = `${e.secret}r`;
    return { secret: e.secret };
  }

  async remove(ags: string, id: string) {
    this.calls.push(`remove ${ags} ${id}`);
    const e = this.endpoints.get(id);
    if (e?.ags !== ags) return false;
    this.endpoints.delete(id);
    return true;
  }

  async deliveries(ags: string, id: string): Promise<readonly WebhookDeliveryView[] | undefined> {
    this.calls.push(`deliveries ${ags} ${id}`);
    const e = this.endpoints.get(id);
    if (e?.ags !== ags) return undefined;
    return [
      {
        id: 'd1',
        type: 'report.ready',
        status: 'delivered',
        attempts: 1,
        responseStatus: 204,
        createdAt: '2026-05-01T10:05:00.000Z',
      },
    ];
  }
}

export class RecordingQueue implements JobQueue {
  readonly events: UploadEvent[] = [];
  async enqueue(event: UploadEvent): Promise<void> {
    this.events.push(event);
  }
}
