/**
 * WaveStore over the job table (issue 16): per analysis one `MEASURE#<recommendation id>` item per
 * measure recorded as implemented, and one `PREDECESSOR` item for the predecessor chosen in the portal.
 * They share the analysis's partition and are read by key or by prefix, never by the listing scan
 * (which filters on `META` and `JOB#`).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AnalysisRef, MeasureRecord, WaveStore } from '../core/ports.js';
import { queryPrefix } from './aws/query-prefix.js';
import { analysisPk } from './aws/table-keys.js';

export const MEASURE_PREFIX = 'MEASURE#';
export const PREDECESSOR_SK = 'PREDECESSOR';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class DynamoWaveStore implements WaveStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async listMeasures(ref: AnalysisRef): Promise<readonly MeasureRecord[]> {
    const items = await queryPrefix(this.doc, this.tableName, analysisPk(ref), MEASURE_PREFIX);
    return items
      .map((i): MeasureRecord => ({
        recommendationId: String(i.recommendationId),
        implementedOn: String(i.implementedOn),
        areas: Array.isArray(i.areas) ? i.areas.map(String) : [],
        note: str(i.note) ?? null,
        recordedBy: i.recordedBy === 'lpr' ? 'lpr' : 'municipality',
        recordedAt: String(i.recordedAt ?? ''),
      }))
      .sort((a, b) => (a.recommendationId < b.recommendationId ? -1 : 1));
  }

  async putMeasure(ref: AnalysisRef, m: MeasureRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: analysisPk(ref),
          sk: `${MEASURE_PREFIX}${m.recommendationId}`,
          kind: 'measure',
          ags: ref.ags,
          analysisId: ref.analysisId,
          ...m,
          areas: [...m.areas],
          note: m.note ?? undefined,
        },
      }),
    );
  }

  async deleteMeasure(ref: AnalysisRef, recommendationId: string): Promise<boolean> {
    const out = await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: analysisPk(ref), sk: `${MEASURE_PREFIX}${recommendationId}` },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  async getPredecessor(ref: AnalysisRef): Promise<string | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: analysisPk(ref), sk: PREDECESSOR_SK },
        ConsistentRead: true,
      }),
    );
    return str(out.Item?.predecessor);
  }

  async setPredecessor(ref: AnalysisRef, predecessor: string | null, now: Date): Promise<void> {
    const key = { pk: analysisPk(ref), sk: PREDECESSOR_SK };
    if (predecessor === null) {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
      return;
    }
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key,
          kind: 'predecessor',
          ags: ref.ags,
          analysisId: ref.analysisId,
          predecessor,
          updatedAt: now.toISOString(),
        },
      }),
    );
  }
}
