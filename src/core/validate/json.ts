/**
 * JSON files of the upload (analyse.json, befragung-zuordnung.json): decoding, the position of a
 * syntax error (line and column, found by our own scanner so the text does not depend on the
 * Node version's JSON.parse message), and German messages for zod issues.
 */
import type { z } from 'zod';
import type { InputFile } from '../ports.js';
import type { IssueCollector } from './collector.js';
import { q, qv } from './message.js';

export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  /** The offending character, or null at the end of the text. */
  readonly found: string | null;
  /** The last non-blank character before it was a comma (`{"a": 1,}`). */
  readonly afterComma: boolean;
}

/** Finds the first syntax error of a JSON text, or null when it is valid. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const str = (): void => {
    if (text[i] !== '"') fail();
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
    fail();
  };
  const num = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else fail();
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail();
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail();
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') str();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else num();
  };
  try {
    value(0);
    ws();
    if (i < n) fail();
    return null;
  } catch (pos) {
    if (typeof pos !== 'number') throw pos;
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - (before.lastIndexOf('\n') + 1) + 1;
    const found = pos < n ? text.slice(pos, pos + 1) : null;
    const afterComma = /,\s*$/.test(before);
    return { line, column, found, afterComma };
  }
}

/** Decodes a JSON file: UTF-8 (BOM removed); invalid UTF-8 is reported and decoded as windows-1252. */
export function decodeJson(file: InputFile, issues: IssueCollector): string {
  let bytes = file.bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    issues.warning({
      code: 'json-encoding',
      file: file.name,
      text: 'Die Datei ist nicht UTF-8-kodiert; sie wurde als Windows-1252 gelesen (bitte als UTF-8 speichern).',
    });
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Parses a JSON file; a syntax error is reported with its line and column and yields undefined. */
export function parseJsonFile(file: InputFile, issues: IssueCollector): unknown {
  const text = decodeJson(file, issues);
  if (text.trim() === '') {
    issues.error({
      code: 'json-empty',
      file: file.name,
      text: 'Die Datei ist leer (erwartet: ein JSON-Objekt).',
    });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const pos = locateJsonError(text);
    if (!pos) {
      issues.error({ code: 'json-syntax', file: file.name, text: 'kein gültiges JSON.' });
      return undefined;
    }
    const what = pos.found === null ? 'unerwartetes Dateiende' : `unerwartetes Zeichen ${q(pos.found)}`;
    const hint =
      pos.afterComma && (pos.found === '}' || pos.found === ']')
        ? ' (vermutlich ein Komma zu viel vor der schließenden Klammer)'
        : '';
    issues.error({
      code: 'json-syntax',
      file: file.name,
      value: pos.found ?? '',
      expected: 'gültiges JSON',
      text: `kein gültiges JSON – ${what} in Zeile ${pos.line}, Spalte ${pos.column}${hint}.`,
    });
    return undefined;
  }
}

/** A key path for messages: `gebiete[2].name` (list entries counted from 1, as a clerk counts). */
export function keyPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p + 1}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'Text in Anführungszeichen',
  number: 'Zahl',
  int: 'ganze Zahl',
  boolean: 'true oder false',
  object: 'Objekt { … }',
  array: 'Liste [ … ]',
};

function shownValue(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return String(input);
  }
}

/**
 * Turns zod issues into validation issues: unknown keys are warnings naming the key, missing
 * required keys are errors naming the key, other problems are errors with the German text given
 * in the schema. Returns the unknown keys found (path + key), so the caller can drop them.
 */
export function reportZodIssues(
  file: string,
  zodIssues: readonly z.core.$ZodIssue[],
  issues: IssueCollector,
  hints: Readonly<Record<string, string>> = {},
): { path: PropertyKey[]; key: string }[] {
  const unknown: { path: PropertyKey[]; key: string }[] = [];
  for (const iss of zodIssues) {
    const path = keyPath(iss.path);
    const hint = hints[path.replace(/\[\d+\]/g, '[]')] ?? '';
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) {
        const full = keyPath([...iss.path, key]);
        unknown.push({ path: [...iss.path], key });
        issues.warning({
          code: 'key-unknown',
          file,
          column: full,
          field: true,
          text: 'unbekannter Schlüssel – wird ignoriert.',
        });
      }
      continue;
    }
    const input = (iss as { input?: unknown }).input;
    if (iss.code === 'invalid_type' && input === undefined) {
      issues.error({
        code: 'key-missing',
        file,
        column: path,
        field: true,
        expected: TYPE_NAMES[iss.expected] ?? iss.expected,
        text: `Pflichtangabe fehlt (erwartet: ${TYPE_NAMES[iss.expected] ?? iss.expected}).`,
      });
      continue;
    }
    if (iss.code === 'invalid_type') {
      const expected = TYPE_NAMES[iss.expected] ?? iss.expected;
      issues.error({
        code: 'key-invalid',
        file,
        column: path,
        field: true,
        value: shownValue(input),
        expected,
        text: `Wert ${qv(shownValue(input))} hat den falschen Typ (erwartet: ${expected}).${hint}`,
      });
      continue;
    }
    const own = /^(Invalid|Too (small|big))/.test(iss.message) ? 'ist nicht erlaubt.' : iss.message;
    const primitive =
      input !== undefined && input !== null && typeof input !== 'object' && String(input).trim() !== '';
    issues.error({
      code: 'key-invalid',
      file,
      column: path,
      field: true,
      ...(input !== undefined ? { value: shownValue(input) } : {}),
      text: primitive
        ? `Wert ${qv(shownValue(input))} ${own}`
        : `${own.charAt(0).toUpperCase()}${own.slice(1)}`,
    });
  }
  return unknown;
}

/** Removes the given keys from a parsed JSON value (a deep copy is not needed: we own the value). */
export function dropKeys(
  value: unknown,
  keys: readonly { path: readonly PropertyKey[]; key: string }[],
): void {
  for (const { path, key } of keys) {
    let target: unknown = value;
    for (const p of path)
      target =
        target !== null && typeof target === 'object'
          ? (target as Record<PropertyKey, unknown>)[p]
          : undefined;
    if (target !== null && typeof target === 'object') delete (target as Record<string, unknown>)[key];
  }
}
