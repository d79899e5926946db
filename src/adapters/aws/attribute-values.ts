/**
 * Minimal conversion of raw DynamoDB attribute values (as found on `ConditionalCheckFailedException.Item`,
 * which the document client does not convert) into plain values, for the types the job table uses.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromItem(value.M);
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(Number));
  if (value.B !== undefined) return value.B;
  throw new Error('unsupported DynamoDB attribute value');
}

export function fromItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromAttributeValue(v)]));
}
