/**
 * Test helper: reads a `.lss` the way LimeSurvey would (questions, subquestions, answers, texts,
 * subquestion relevance) and writes a response export shaped like LimeSurvey's CSV writer:
 * UTF-8 with BOM, every field in double quotes, CRLF, a trailing empty line, metadata columns
 * first; headings as question codes (`Q[SQ]`) or full texts (`Frage [Teilfrage]`), answers as
 * codes or texts, unanswered as empty or `N/A`. Independent of the code that builds the `.lss`.
 */
interface LssQuestion {
  qid: string;
  parent: string;
  type: string;
  title: string;
  relevance: string;
  order: number;
  gid: string;
}

function rows(xml: string, section: string): Record<string, string>[] {
  const block = new RegExp(`<${section}>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? '';
  return [...block.matchAll(/<row>([\s\S]*?)<\/row>/g)].map((m) => {
    const out: Record<string, string> = {};
    for (const f of m[1]!.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>)?<\/\1>|<(\w+)\/>/g))
      out[f[1] ?? f[3]!] = f[2] ?? '';
    return out;
  });
}

export interface ExportColumn {
  code: string;
  full: string;
  answers: { code: string; text: string }[];
  type: string;
  relevance: string;
}

export function lssColumnsOf(xml: string): ExportColumn[] {
  const q = (r: Record<string, string>): LssQuestion => ({
    qid: r['qid']!,
    parent: r['parent_qid']!,
    type: r['type']!,
    title: r['title']!,
    relevance: r['relevance'] ?? '1',
    order: Number(r['question_order']),
    gid: r['gid']!,
  });
  const questions = rows(xml, 'questions').map(q);
  const subs = rows(xml, 'subquestions').map(q);
  const text = new Map(rows(xml, 'question_l10ns').map((r) => [r['qid']!, r['question']!]));
  const groupOrder = new Map(rows(xml, 'groups').map((r) => [r['gid']!, Number(r['group_order'])]));
  const answerText = new Map(rows(xml, 'answer_l10ns').map((r) => [r['aid']!, r['answer']!]));
  const answers = rows(xml, 'answers');
  questions.sort((a, b) => groupOrder.get(a.gid)! - groupOrder.get(b.gid)! || a.order - b.order);
  const out: ExportColumn[] = [];
  for (const question of questions) {
    const own = answers
      .filter((a) => a['qid'] === question.qid)
      .map((a) => ({ code: a['code']!, text: answerText.get(a['aid']!)! }));
    const children = subs.filter((s) => s.parent === question.qid).sort((a, b) => a.order - b.order);
    if (children.length === 0)
      out.push({
        code: question.title,
        full: text.get(question.qid)!,
        answers: own,
        type: question.type,
        relevance: '1',
      });
    for (const s of children)
      out.push({
        code: `${question.title}[${s.title}]`,
        full: `${text.get(question.qid)} [${text.get(s.qid)}]`,
        answers: own,
        type: question.type,
        relevance: s.relevance,
      });
  }
  return out;
}

export interface ExportOptions {
  headings: 'code' | 'full';
  answers: 'code' | 'text';
  empty: '' | 'N/A';
  separator: ',' | ';';
  respondents: number;
}

/** Deterministic answers: respondent i answers column c with option (i + c) mod k; relevance respected. */
export function limeSurveyExport(
  xml: string,
  o: ExportOptions,
): { csv: string; codes: Record<string, string>[] } {
  const columns = lssColumnsOf(xml);
  const header = ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed'];
  const headerFull = ['Antwort ID', 'Datum Abgeschickt', 'Letzte Seite', 'Start-Sprache', 'Zufallsstartwert'];
  const lines: string[][] = [
    [
      ...(o.headings === 'code' ? header : headerFull),
      ...columns.map((c) => (o.headings === 'code' ? c.code : c.full)),
    ],
  ];
  const codes: Record<string, string>[] = [];
  for (let i = 0; i < o.respondents; i++) {
    const given: Record<string, string> = {};
    const cells = columns.map((c, k) => {
      // relevance like `OPFER_raub.NAOK == "1"`
      const cond = /^(\w+)_(\w+)\.NAOK == "(\w+)"$/.exec(c.relevance);
      if (cond && given[`${cond[1]}[${cond[2]}]`] !== cond[3]) return o.empty;
      if ((i + k) % 11 === 10) return o.empty; // some left out
      let code: string;
      if (c.type === 'N') code = String(16 + ((i * 7) % 80));
      else if (c.type === 'S' || c.type === 'Q') code = (i + k) % 3 === 0 ? `Ort ${i}, „Straße“` : '';
      else code = c.answers[(i + k) % c.answers.length]!.code;
      given[c.code] = code;
      if (code === '') return o.empty;
      return o.answers === 'text' && c.answers.length > 0
        ? c.answers.find((a) => a.code === code)!.text
        : code;
    });
    codes.push(given);
    lines.push([String(i + 1), '2026-03-1' + (i % 9) + ' 10:00:00', '9', 'de', String(1000 + i), ...cells]);
  }
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return {
    csv: '\uFEFF' + lines.map((l) => l.map(quote).join(o.separator)).join('\r\n') + '\r\n\r\n',
    codes,
  };
}
