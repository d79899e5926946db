/**
 * Audit records of erasures (DSGVO Art. 17) in the job table, in the partition of the analysis:
 * `ANALYSIS#<ags>#<id>` / `AUDIT#<at>#<auditId>`. Who (a role and, for a municipality, its AGS —
 * never a person), what (the action and counts) and when; no file names, no content. They expire
 * after the configured audit retention (TTL `expiresAt`).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditLog } from '../api/ports.js';
import type { AnalysisRef } from '../core/ports.js';
import { queryPrefix } from './aws/query-prefix.js';
import { analysisPk } from './aws/table-keys.js';

const AUDIT_PREFIX = 'AUDIT#';
/** Default retention of audit records: three years. */
export const AUDIT_TTL_SECONDS = 3 * 365 * 24 * 60 * 60;

export class DynamoAuditLog implements AuditLog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
    private readonly ttlSeconds = AUDIT_TTL_SECONDS,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: analysisPk(entry),
          sk: `${AUDIT_PREFIX}${entry.at}#${entry.auditId}`,
          kind: 'audit',
          ...entry,
          expiresAt: Math.floor(Date.parse(entry.at) / 1000) + this.ttlSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(ref: AnalysisRef): Promise<readonly AuditEntry[]> {
    const items = await queryPrefix(this.doc, this.tableName, analysisPk(ref), AUDIT_PREFIX);
    return items.map((i): AuditEntry => ({
      auditId: String(i.auditId),
      action: i.action as AuditEntry['action'],
      ags: String(i.ags),
      analysisId: String(i.analysisId),
      actor: i.actor as AuditEntry['actor'],
      ...(typeof i.actorAgs === 'string' && { actorAgs: i.actorAgs }),
      at: String(i.at),
      files: Number(i.files ?? 0),
    }));
  }
}
