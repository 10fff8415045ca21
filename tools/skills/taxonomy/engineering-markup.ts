import type { SkillDef } from './types.ts';

export const ENGINEERING_MARKUP: readonly SkillDef[] = [
  { name: 'sql', label: 'SQL', category: 'markup-query', aliases: ['structured query language', 'ansi sql'] },
  {
    name: 't-sql',
    label: 'T-SQL',
    category: 'markup-query',
    aliases: ['tsql', 'transact-sql', 'transact sql'],
  },
  { name: 'pl/sql', label: 'PL/SQL', category: 'markup-query', aliases: ['plsql', 'pl sql'] },
  { name: 'html', label: 'HTML', category: 'markup-query', aliases: ['html5', 'html 5', 'xhtml'] },
  {
    name: 'css',
    label: 'CSS',
    category: 'markup-query',
    aliases: ['css3', 'css 3', 'cascading style sheets'],
  },
  { name: 'sass', label: 'Sass', category: 'markup-query', aliases: ['scss'] },
  {
    name: 'less',
    label: 'Less',
    category: 'markup-query',
    aliases: ['less.js', 'lesscss'],
    ambiguous: {
      forms: ['Less', 'LESS'],
      caseSensitive: true,
      context: 'tech',
      vetoBefore: ['no', 'or', 'more or', 'much', 'far', 'even'],
      vetoAfter: ['than', 'time', 'of'],
    },
  },
  { name: 'xml', label: 'XML', category: 'markup-query', aliases: ['xslt', 'xpath', 'xsd'] },
  { name: 'json', label: 'JSON', category: 'markup-query', aliases: ['json schema'] },
  { name: 'yaml', label: 'YAML', category: 'markup-query', aliases: ['yml'] },
  { name: 'graphql', label: 'GraphQL', category: 'markup-query', aliases: ['graph ql', 'apollo graphql'] },
  {
    name: 'regular expressions',
    label: 'Regular expressions',
    category: 'markup-query',
    aliases: ['regex', 'regexes', 'regexp'],
  },
  { name: 'markdown', label: 'Markdown', category: 'markup-query', aliases: [] },
  { name: 'latex', label: 'LaTeX', category: 'markup-query', aliases: ['tex'] },
];
