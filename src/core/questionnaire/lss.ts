/**
 * The standard questionnaire as a LimeSurvey survey structure (`.lss`, XML, the format of
 * LimeSurvey 4 and later: questions, subquestions, answers and their texts per language), to
 * import under "Umfrage erstellen → Importieren". Its question codes are those of
 * structure.ts, so the response export is read without a mapping.
 *
 * Decisions: German only; responses anonymised, no IP address, no referrer, no date stamps
 * (survey answers are personal data); no "Keine Antwort" option (an unanswered question is empty,
 * which the contract reads as keine Angabe); the reporting items follow the victimisation items
 * only where the respondent was a victim (subquestion relevance).
 */
import { lsColumn, standardQuestionnaire, type Question, type QuestionnaireOptions } from './structure.js';

/** LimeSurvey's database version the file is written for (LimeSurvey 5.x/6.x import it). */
export const LSS_DB_VERSION = 477;
/** A fixed survey id; LimeSurvey assigns a new one on import when it is taken. */
export const LSS_SURVEY_ID = 271828;

export interface LssOptions extends QuestionnaireOptions {
  readonly title?: string;
}

const TYPE: Readonly<Record<Question['kind'], string>> = {
  single: 'L',
  array: 'F',
  number: 'N',
  text: 'S',
  texts: 'Q',
};

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function table(
  name: string,
  fields: readonly string[],
  rows: readonly Record<string, string | number>[],
): string {
  const head = fields.map((f) => `   <fieldname>${f}</fieldname>`).join('\n');
  const body = rows
    .map(
      (r) =>
        `   <row>\n${fields
          .filter((f) => r[f] !== undefined)
          .map((f) => (r[f] === '' ? `    <${f}/>` : `    <${f}>${cdata(String(r[f]))}</${f}>`))
          .join('\n')}\n   </row>`,
    )
    .join('\n');
  return ` <${name}>\n  <fields>\n${head}\n  </fields>\n  <rows>\n${body}\n  </rows>\n </${name}>`;
}

const QUESTION_FIELDS = [
  'qid',
  'parent_qid',
  'sid',
  'gid',
  'type',
  'title',
  'preg',
  'other',
  'mandatory',
  'encrypted',
  'question_order',
  'scale_id',
  'same_default',
  'relevance',
  'modulename',
];

/** The `.lss` XML text. Deterministic: the same options give the same bytes. */
export function buildLss(options: LssOptions = {}): string {
  const sid = LSS_SURVEY_ID;
  const lang = 'de';
  const title = options.title?.trim() || 'Bürgerbefragung zur Sicherheit';
  const groups: Record<string, string | number>[] = [];
  const groupTexts: Record<string, string | number>[] = [];
  const questions: Record<string, string | number>[] = [];
  const subquestions: Record<string, string | number>[] = [];
  const questionTexts: Record<string, string | number>[] = [];
  const answers: Record<string, string | number>[] = [];
  const answerTexts: Record<string, string | number>[] = [];
  const attributes: Record<string, string | number>[] = [];
  let gid = 0;
  let qid = 0;
  let aid = 0;
  let l10n = 0;
  const codeOf = new Map<string, string>(); // standard code → LimeSurvey variable (ExpressionScript)

  standardQuestionnaire(options).forEach((section, s) => {
    gid += 1;
    groups.push({ gid, sid, group_order: s + 1, randomization_group: '', grelevance: '1' });
    groupTexts.push({ id: gid, gid, group_name: section.title, description: '', language: lang });
    section.questions.forEach((q, order) => {
      qid += 1;
      const parent = qid;
      const rowsConditions = q.condition ? q.rows.map((r) => q.condition!(r)) : [];
      const relevance =
        rowsConditions.length > 0
          ? rowsConditions
              .map((c) => (c ? `${codeOf.get(c.code) ?? c.code}.NAOK == "${c.value}"` : '1'))
              .join(' or ')
          : '1';
      questions.push({
        qid: parent,
        parent_qid: 0,
        sid,
        gid,
        type: TYPE[q.kind],
        title: q.lsCode,
        preg: '',
        other: 'N',
        mandatory: 'N',
        encrypted: 'N',
        question_order: order + 1,
        scale_id: 0,
        same_default: 0,
        relevance,
        modulename: '',
      });
      l10n += 1;
      questionTexts.push({
        id: l10n,
        qid: parent,
        question: q.text,
        help: q.help ?? '',
        script: '',
        language: lang,
      });
      if (q.kind === 'array' || q.kind === 'texts') {
        q.rows.forEach((row, i) => {
          qid += 1;
          const condition = rowsConditions[i];
          subquestions.push({
            qid,
            parent_qid: parent,
            sid,
            gid,
            type: 'T',
            title: row.lsCode,
            preg: '',
            other: 'N',
            mandatory: '',
            encrypted: 'N',
            question_order: i + 1,
            scale_id: 0,
            same_default: 0,
            relevance: condition
              ? `${codeOf.get(condition.code) ?? condition.code}.NAOK == "${condition.value}"`
              : '1',
            modulename: '',
          });
          l10n += 1;
          questionTexts.push({ id: l10n, qid, question: row.text, help: '', script: '', language: lang });
          codeOf.set(row.code, `${q.lsCode}_${row.lsCode}`);
        });
      } else codeOf.set(q.rows[0]!.code, q.lsCode);
      q.answers.forEach((a, i) => {
        aid += 1;
        answers.push({ aid, qid: parent, code: a.code, sortorder: i + 1, assessment_value: 0, scale_id: 0 });
        answerTexts.push({ id: aid, aid, answer: a.label, language: lang });
      });
      if (q.kind === 'number') {
        attributes.push({ qid: parent, attribute: 'min_num_value_n', value: 14, language: '' });
        attributes.push({ qid: parent, attribute: 'max_num_value_n', value: 110, language: '' });
        attributes.push({ qid: parent, attribute: 'num_value_int_only', value: 1, language: '' });
      }
    });
  });

  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<document>',
    ' <LimeSurveyDocType>Survey</LimeSurveyDocType>',
    ` <DBVersion>${LSS_DB_VERSION}</DBVersion>`,
    ' <languages>',
    `  <language>${lang}</language>`,
    ' </languages>',
    table('answers', ['aid', 'qid', 'code', 'sortorder', 'assessment_value', 'scale_id'], answers),
    table('answer_l10ns', ['id', 'aid', 'answer', 'language'], answerTexts),
    table('groups', ['gid', 'sid', 'group_order', 'randomization_group', 'grelevance'], groups),
    table('group_l10ns', ['id', 'gid', 'group_name', 'description', 'language'], groupTexts),
    table('questions', QUESTION_FIELDS, questions),
    table('subquestions', QUESTION_FIELDS, subquestions),
    table('question_l10ns', ['id', 'qid', 'question', 'help', 'script', 'language'], questionTexts),
    table('question_attributes', ['qid', 'attribute', 'value', 'language'], attributes),
    table(
      'surveys',
      [
        'sid',
        'gsid',
        'admin',
        'adminemail',
        'anonymized',
        'format',
        'savetimings',
        'template',
        'language',
        'additional_languages',
        'datestamp',
        'usecookie',
        'allowregister',
        'allowsave',
        'autoredirect',
        'allowprev',
        'printanswers',
        'ipaddr',
        'ipanonymize',
        'refurl',
        'publicstatistics',
        'publicgraphs',
        'listpublic',
        'htmlemail',
        'tokenanswerspersistence',
        'assessments',
        'usecaptcha',
        'usetokens',
        'showxquestions',
        'showgroupinfo',
        'shownoanswer',
        'showqnumcode',
        'showwelcome',
        'showprogress',
        'questionindex',
        'navigationdelay',
        'nokeyboard',
        'alloweditaftercompletion',
      ],
      [
        {
          sid,
          gsid: 1,
          admin: 'inherit',
          adminemail: 'inherit',
          anonymized: 'Y',
          format: 'G',
          savetimings: 'N',
          template: 'inherit',
          language: lang,
          additional_languages: '',
          datestamp: 'N',
          usecookie: 'N',
          allowregister: 'N',
          allowsave: 'Y',
          autoredirect: 'N',
          allowprev: 'Y',
          printanswers: 'N',
          ipaddr: 'N',
          ipanonymize: 'Y',
          refurl: 'N',
          publicstatistics: 'N',
          publicgraphs: 'N',
          listpublic: 'N',
          htmlemail: 'Y',
          tokenanswerspersistence: 'N',
          assessments: 'N',
          usecaptcha: 'N',
          usetokens: 'N',
          showxquestions: 'N',
          showgroupinfo: 'B',
          shownoanswer: 'N',
          showqnumcode: 'N',
          showwelcome: 'Y',
          showprogress: 'Y',
          questionindex: 0,
          navigationdelay: 0,
          nokeyboard: 'N',
          alloweditaftercompletion: 'N',
        },
      ],
    ),
    table(
      'surveys_languagesettings',
      [
        'surveyls_survey_id',
        'surveyls_language',
        'surveyls_title',
        'surveyls_description',
        'surveyls_welcometext',
        'surveyls_endtext',
        'surveyls_dateformat',
        'surveyls_numberformat',
      ],
      [
        {
          surveyls_survey_id: sid,
          surveyls_language: lang,
          surveyls_title: title,
          surveyls_description:
            'Standardfragebogen der Sicherheitsanalyse (ASSKomm, Landespräventionsrat Sachsen).',
          surveyls_welcometext:
            'Ihre Angaben sind freiwillig und anonym. Es gibt keine richtigen oder falschen Antworten; wenn Sie eine Frage nicht beantworten möchten, lassen Sie sie einfach aus.',
          surveyls_endtext: 'Vielen Dank für Ihre Teilnahme!',
          surveyls_dateformat: 1,
          surveyls_numberformat: 1,
        },
      ],
    ),
    '</document>',
    '',
  ];
  return parts.join('\n');
}

/** The response export's column per standard code (for documentation and tests). */
export function lssColumns(options: QuestionnaireOptions = {}): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const section of standardQuestionnaire(options))
    for (const q of section.questions) for (const row of q.rows) out.set(row.code, lsColumn(q, row));
  return out;
}
