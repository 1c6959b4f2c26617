/**
 * Generated long reports for composition tests: chapters of Japanese and
 * English paragraphs with notes, long URLs, hashes, chemical names and German
 * compounds, code with long lines, wide tables and tables longer than a page,
 * figures at every position (right after a heading, in the middle of a
 * chapter, several in a row, before their first mention, at the report's
 * end). The same skeleton is written in both languages, so the two editions
 * agree (parity), and the same seed gives the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic generator (mulberry32): numbers in [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const longTokens = {
  url: 'https://www.example.org/research/reports/2026/policy_brief-trade.html?lang=ja&section=tariffs#summary',
  hash: `sha256:${'0123456789abcdef'.repeat(10)}`,
  german: 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsverfahren',
  chemical: '2,3,3,3-tetrafluoro-2-(1,1,2,2,3,3,3-heptafluoropropoxy)propanoicacid',
};

const enWords =
  'the government said that tariffs on imports of steel and aluminium would rise while negotiations with allies continued through the summer and into the autumn as officials sought an agreement on investment supply chains energy defence procurement and the rules of the World Trade Organization'.split(
    ' ',
  );

const jaPhrases = [
  '政府は',
  '鉄鋼とアルミニウムの輸入に対する関税を',
  '引き上げると発表した。',
  '同盟国との交渉は夏から秋にかけて続き、',
  '投資、サプライチェーン、エネルギー、防衛装備品の調達について',
  '合意を目指した。',
  '世界貿易機関（WTO）のルールとの整合性が',
  '問われている。',
  'なお、2026年3月末時点の状況は',
  '次のとおりである。',
];

function sentence(rand, noteTexts) {
  const out = [];
  const words = 18 + Math.floor(rand() * 30);
  const en = [];
  for (let k = 0; k < words; k++) en.push(enWords[Math.floor(rand() * enWords.length)]);
  let ja = '';
  const phrases = 3 + Math.floor(rand() * 5);
  for (let k = 0; k < phrases; k++) ja += jaPhrases[Math.floor(rand() * jaPhrases.length)];
  const r = rand();
  if (r < 0.08) {
    en.push('(see', `<${longTokens.url}>)`);
    ja += `詳細は ${longTokens.url} を参照。`;
  } else if (r < 0.12) {
    en.push('with the digest', longTokens.hash);
    ja += `ダイジェストは ${longTokens.hash} である。`;
  } else if (r < 0.15) {
    en.push('and', longTokens.chemical);
    ja += `物質名は ${longTokens.chemical} である。`;
  } else if (r < 0.18) {
    en.push('the', longTokens.german);
    ja += `ドイツ語では ${longTokens.german} という。`;
  }
  out.push({ en: `${en.join(' ').replace(/^./, (c) => c.toUpperCase())}.`, ja });
  if (rand() < 0.35) {
    const label = String(noteTexts.length + 1);
    noteTexts.push({
      en: `Minutes of the Committee on Foreign Affairs, House of Representatives, 217th Diet session, No. ${label}, p. ${Math.floor(rand() * 40) + 1}${rand() < 0.3 ? `, <${longTokens.url}>` : ''}.`,
      ja: `第217回国会衆議院外務委員会議録第${label}号（${rand() < 0.3 ? longTokens.url : '2025.5.9'}）${Math.floor(rand() * 40) + 1}頁`,
    });
    out.push({ en: `[^${label}]`, ja: `[^${label}]` });
  }
  return out;
}

function skeleton(options) {
  const rand = random(options.seed);
  const blocks = [];
  const notes = [];
  let figures = 0;
  const paragraphs = Math.max(2, Math.round(options.pages * 2.4));
  const perChapter = 12;
  const chapters = Math.max(1, Math.ceil(paragraphs / perChapter));
  let written = 0;
  const figure = (kind) => {
    figures++;
    return { t: 'figure', id: `fig-${figures}`, n: figures, kind, height: 60 + Math.floor(rand() * 240), rows: kind === 'long' ? 45 + Math.floor(rand() * 20) : 3 + Math.floor(rand() * 6) };
  };
  const paragraph = () => {
    const text = [];
    const sentences = 2 + Math.floor(rand() * 4);
    for (let k = 0; k < sentences; k++) text.push(...sentence(rand, notes), { en: ' ', ja: '' });
    written++;
    return { t: 'p', text };
  };
  for (let c = 1; c <= chapters; c++) {
    blocks.push({
      t: 'h2',
      id: `ch-${c}`,
      text: { en: `Chapter ${c} on trade ${c % 3 === 0 ? longTokens.hash : 'and investment'}`, ja: `第${c}章の論点${c % 3 === 0 ? ` ${longTokens.hash}` : '（通商と投資）'}` },
    });
    // A figure right after a heading in every fourth chapter.
    if (c % 4 === 2) blocks.push(figure('svg'));
    const count = Math.min(perChapter, Math.max(1, paragraphs - written));
    for (let k = 0; k < count; k++) {
      if (k === 4) blocks.push({ t: 'h3', id: `sec-${c}-1`, text: { en: `Section ${c}.1`, ja: `（${c}）節の見出し` } });
      // A figure before its first mention, then the mention.
      if (k === 2 && c % 3 === 1) {
        const f = figure('svg');
        blocks.push(f, paragraph());
        blocks.push({
          t: 'p',
          text: [
            { en: 'As the figure shows (:ref{#', ja: '図のとおり（:ref{#' },
            { en: `${f.id}}), the trend continues.`, ja: `${f.id}}）、傾向は続く。` },
          ],
        });
        continue;
      }
      blocks.push(paragraph());
      if (k === 6 && c % 2 === 0) blocks.push(figure(c % 6 === 0 ? 'long' : 'wide'));
      // Several figures in a row.
      if (k === 8 && c % 5 === 3) blocks.push(figure('svg'), figure('wide'), figure('svg'));
      if (k === 9 && c % 7 === 5) blocks.push({ t: 'code', value: codeSample(c) });
    }
  }
  // A figure at the report's end.
  if (options.pages > 1) blocks.push(figure('svg'));
  return { blocks, notes };
}

function codeSample(c) {
  return [
    `// chapter ${c}: fetch and verify`,
    'export async function fetchReport(url: string): Promise<Uint8Array> {',
    `  const response = await fetch("${longTokens.url}", { headers: { accept: "application/pdf" } });`,
    '  if (!response.ok) throw new Error("request failed: " + response.status);',
    `  return verify(new Uint8Array(await response.arrayBuffer()), "${longTokens.hash}");`,
    '}',
  ].join('\n');
}

function svg(height, n) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="${height}" viewBox="0 0 480 ${height}"><rect x="1" y="1" width="478" height="${height - 2}" fill="#e8eef8" stroke="#36c"/><text x="240" y="${height / 2}" font-family="sans-serif" font-size="14" text-anchor="middle">Figure ${n}</text></svg>\n`;
}

function table(rows, wide, lang) {
  const cols = wide ? 6 : 2;
  const head = Array.from({ length: cols }, (_, k) => (lang === 'ja' ? `項目${k + 1}` : `Item ${k + 1}`));
  const cell = (r, k) => (k === cols - 1 && r % 5 === 0 ? longTokens.url : lang === 'ja' ? `${r + 1}行${k + 1}列の内容（関税率15%）` : `Row ${r + 1}, column ${k + 1}: tariff of 15 percent`);
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...Array.from({ length: rows }, (_, r) => `| ${Array.from({ length: cols }, (_, k) => cell(r, k)).join(' | ')} |`),
  ].join('\n');
}

function render(blocks, notes, lang) {
  const out = [];
  const noteDefs = new Map();
  notes.forEach((n, k) => noteDefs.set(String(k + 1), n[lang]));
  for (const b of blocks) {
    switch (b.t) {
      case 'h2':
      case 'h3':
        out.push(`${b.t === 'h2' ? '##' : '###'} ${b.text[lang]} {#${b.id}}`);
        break;
      case 'p': {
        out.push(
          b.text
            .map((p) => p[lang])
            .join('')
            .trim(),
        );
        // Note definitions after the paragraph that marks them.
        for (const m of b.text
          .map((p) => p[lang])
          .join('')
          .matchAll(/\[\^(\d+)\]/g))
          out.push(`[^${m[1]}]: ${noteDefs.get(m[1])}`);
        break;
      }
      case 'code':
        out.push(`\`\`\`\n${b.value}\n\`\`\``);
        break;
      case 'figure': {
        const caption =
          lang === 'ja'
            ? `図表${b.n}の題（${b.kind === 'long' ? '長い表' : b.kind === 'wide' ? '横に広い表' : '図'}）`
            : `Caption of figure ${b.n} (${b.kind === 'long' ? 'a long table' : b.kind === 'wide' ? 'a wide table' : 'a drawing'})`;
        const source = lang === 'ja' ? '筆者作成' : 'Prepared by the author';
        const body = b.kind === 'svg' ? `![${lang === 'ja' ? `図${b.n}の説明` : `Description of figure ${b.n}`}](figures/fig-${b.n}.svg)` : table(b.rows, b.kind === 'wide', lang);
        out.push(`:::figure{#${b.id} source="${source}"}\n${caption}\n\n${body}\n:::`);
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** Write a generated report into `dir` (made if missing): brief.yaml, ja.md, en.md, references.yaml, figures. */
export function writeStressReport(dir, id, options) {
  mkdirSync(join(dir, 'figures'), { recursive: true });
  const { blocks, notes } = skeleton(options);
  const placed = { figures: [], chapters: 0 };
  for (const b of blocks) {
    if (b.t === 'h2') placed.chapters++;
    if (b.t === 'figure') placed.figures.push({ n: b.n, chapter: placed.chapters, mentionedAfter: false });
    if (b.t === 'p')
      for (const m of b.text
        .map((t) => t.en)
        .join('')
        .matchAll(/:ref\{#fig-(\d+)\}/g))
        for (const f of placed.figures) if (f.n === Number(m[1])) f.mentionedAfter = true;
  }
  for (const b of blocks) if (b.t === 'figure' && b.kind === 'svg') writeFileSync(join(dir, 'figures', `fig-${b.n}.svg`), svg(b.height, b.n));
  writeFileSync(
    join(dir, 'brief.yaml'),
    `id: ${id}
languages: [ja, en]
title:
  ja: 生成された長い報告書（${options.pages}頁）
  en: A generated long report (${options.pages} pages)
authors:
  - name: { ja: 試験 太郎, en: SHIKEN Taro }
series:
  title: { ja: 立法と調査, en: Legislation and Research }
  issue: 1
published: 2026-03-16
as-of: 2026-02-25
`,
  );
  writeFileSync(join(dir, 'references.yaml'), 'references: []\n');
  writeFileSync(join(dir, 'ja.md'), render(blocks, notes, 'ja'));
  writeFileSync(join(dir, 'en.md'), render(blocks, notes, 'en'));
  return placed;
}
