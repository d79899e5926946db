/** JobQueue over the SQS jobs queue: sends the regeneration message the worker parses (src/api/job-message.ts). */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { UploadEvent } from '../../app/upload-event.js';
import { encodeRegeneration } from '../job-message.js';
import type { JobQueue } from '../ports.js';

export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(event: UploadEvent): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: encodeRegeneration(event) }),
    );
  }
}
