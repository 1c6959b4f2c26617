/**
 * The Markdown file the benchmark gives Pandoc: one edition of a source with
 * the same content as ours — title block metadata, headings with their
 * numbers, paragraphs, lists, the table, the figures as images, and every
 * note with its citations already rendered as text (Pandoc's citeproc cannot
 * read the per-language fields of references.yaml).
 *
 *   node scripts/pandoc-markdown.mjs <source-dir> <lang> > edition.md
 */
import { checkSource } from '@brief/build-orchestrator/check';
import { inlineText } from '@brief/document-model';

/** Plain text of inlines (citations as printed), with note marks as Pandoc footnote references. */
function text(inlines) {
  return inlineText(inlines, (mark) => `[^${mark.number}]`)
    .replace(/\n/g, '\\\n')
    .replace(/^([#>*+-])/, '\\$1');
}

function table(t) {
  const row = (r) => `| ${r.cells.map((c) => text(c.children).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [row(t.header), `|${t.header.cells.map(() => '---').join('|')}|`, ...t.rows.map(row)].join('\n');
}

function blocks(list) {
  const out = [];
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${b.number} ${text(b.children)}`);
        break;
      case 'paragraph':
        out.push(text(b.children));
        break;
      case 'blockquote':
        out.push(
          blocks(b.children)
            .split('\n')
            .map((l) => `> ${l}`)
            .join('\n'),
        );
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${b.start + i}.` : '-'} ${blocks(item).replace(/\n/g, '\n   ')}`).join('\n'));
        break;
      case 'codeBlock':
        out.push(`\`\`\`\n${b.value}\n\`\`\``);
        break;
      case 'thematicBreak':
        out.push('---');
        break;
      case 'table':
        out.push(table(b.table));
        break;
      case 'figure': {
        const caption = `${b.label} ${text(b.caption)}`;
        if (b.body.kind === 'image') out.push(`![${caption}](${b.body.image.path})`);
        else out.push(`**${caption}**\n\n${table(b.body.table)}`);
        if (b.sourceNote) out.push(text(b.sourceNote));
        break;
      }
    }
  }
  return out.join('\n\n');
}

const [dir, lang = 'ja'] = process.argv.slice(2);
const { read } = checkSource(dir, { languages: [lang] });
const doc = read.editions[0];
if (!doc) {
  console.error(`pandoc-markdown: no ${lang} edition in ${dir}`);
  process.exit(2);
}
const { meta } = doc;
const yaml = (s) => JSON.stringify(s);
const head = [
  '---',
  `title: ${yaml(meta.title)}`,
  ...(meta.subtitle ? [`subtitle: ${yaml(meta.subtitle)}`] : []),
  `author: [${meta.authors.map((a) => yaml(a.name)).join(', ')}]`,
  `date: ${yaml(meta.published)}`,
  `lang: ${meta.lang}`,
  '---',
];
const notes = doc.notes.map((n) => `[^${n.number}]: ${blocks(n.children).replace(/\n\n/g, '\n\n    ')}`);
process.stdout.write(`${head.join('\n')}\n\n${blocks(doc.body)}\n\n${notes.join('\n\n')}\n`);
