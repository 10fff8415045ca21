// Vocabulary for comparing job titles: abbreviations, multi-word terms, head nouns and which
// modifiers belong to the same line of work. Kept apart from the comparison logic so the lists can
// grow without touching it.

/** One word (after lowercasing and accent folding) and what it stands for. */
export const WORD_EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['sr', ['senior']],
  ['snr', ['senior']],
  ['jr', ['junior']],
  ['dev', ['developer']],
  ['devs', ['developer']],
  ['eng', ['engineer']],
  ['engr', ['engineer']],
  ['mgr', ['manager']],
  ['swe', ['software', 'engineer']],
  ['sde', ['software', 'engineer']],
  ['rn', ['registered', 'nurse']],
  ['lpn', ['licensed', 'practical', 'nurse']],
  ['cna', ['certified', 'nursing', 'assistant']],
  ['np', ['nurse', 'practitioner']],
  ['ae', ['account', 'executive']],
  ['sdr', ['sales', 'development', 'representative']],
  ['bdr', ['business', 'development', 'representative']],
  ['pm', ['product', 'manager']],
  ['tpm', ['technical', 'program', 'manager']],
  ['math', ['mathematics']],
  ['maths', ['mathematics']],
  ['recruteur', ['recruiting', 'specialist']],
  ['recruteuse', ['recruiting', 'specialist']],
  ['recruiter', ['recruiting', 'specialist']],
  ['recruitment', ['recruiting']],
  ['developpeur', ['developer']],
  ['developpeuse', ['developer']],
  ['ingenieur', ['engineer']],
  ['ingenieure', ['engineer']],
  ['entwickler', ['developer']],
  ['entwicklerin', ['developer']],
  ['tech', ['technical']],
  ['it', ['technical']],
  ['golang', ['go']],
  ['node.js', ['node']],
  ['nodejs', ['node']],
  ['vue.js', ['vue']],
  ['vuejs', ['vue']],
  ['react.js', ['react']],
  ['reactjs', ['react']],
  ['js', ['javascript']],
  ['fulfillment', ['fulfilment']],
  ['transportation', ['transport']],
]);

/** Multi-word terms read as one word, and phrases that change what a word means. */
export const PHRASES: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['front', 'end'], ['frontend']],
  [['back', 'end'], ['backend']],
  [['full', 'stack'], ['fullstack']],
  [['machine', 'learning'], ['ml']],
  [['artificial', 'intelligence'], ['ai']],
  [['site', 'reliability'], ['sre']],
  [['talent', 'acquisition'], ['recruiting']],
  [['user', 'experience'], ['ux']],
  [['user', 'interface'], ['ui']],
  [
    ['staff', 'nurse'],
    ['registered', 'nurse'],
  ],
  [['staff', 'accountant'], ['accountant']],
  [['supply', 'chain'], ['supplychain']],
  [['pre', 'sales'], ['presales']],
  [['vice', 'president'], ['vp']],
  [['quality', 'assurance'], ['qa']],
  [
    ['hr', 'business', 'partner'],
    ['hr', 'partner'],
  ],
  [['new', 'grad'], []],
  [['entry', 'level'], []],
  [['mid', 'level'], []],
];

/** Level words: the seniority component judges them, so titles are compared without them. */
export const LEVEL_WORDS: ReadonlySet<string> = new Set(
  (
    'senior junior lead principal staff graduate grad trainee apprentice intern associate mid ' +
    'entry experienced group i ii iii iv v l1 l2 l3'
  ).split(' '),
);

export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the and or for with at to du des la le et remote hybrid onsite m w d f h x'.split(' '),
);

/** Words that split "Teacher of Mathematics" into the role and what it is about. */
export const OF_WORDS: ReadonlySet<string> = new Set(['of', 'in', 'de', 'fur', 'für']);

/** Nouns that name the job itself; the last one in a title is its head. */
export const HEAD_NOUNS: ReadonlySet<string> = new Set(
  (
    'engineer developer programmer architect scientist analyst designer researcher manager ' +
    'director head lead vp officer executive representative specialist partner consultant ' +
    'coordinator assistant associate clerk nurse practitioner teacher lecturer tutor ' +
    'professor educator instructor accountant controller bookkeeper administrator owner ' +
    'strategist writer technician therapist physiotherapist pharmacist intern apprentice ' +
    'trainee agent advisor adviser supervisor operator generalist marketer editor planner ' +
    'buyer auditor'
  ).split(' '),
);

const HEAD_PAIRS: ReadonlyArray<readonly [string, string, number]> = [
  ['engineer', 'developer', 0.85],
  ['engineer', 'programmer', 0.85],
  ['developer', 'programmer', 0.9],
  ['teacher', 'lecturer', 0.7],
  ['teacher', 'educator', 0.85],
  ['teacher', 'instructor', 0.7],
  ['teacher', 'tutor', 0.6],
  ['lecturer', 'tutor', 0.5],
  ['lecturer', 'professor', 0.8],
  ['specialist', 'partner', 0.7],
  ['specialist', 'consultant', 0.7],
  ['specialist', 'generalist', 0.6],
  ['partner', 'consultant', 0.7],
  ['advisor', 'adviser', 1],
  ['advisor', 'consultant', 0.7],
  ['analyst', 'scientist', 0.5],
  ['manager', 'executive', 0.4],
  ['manager', 'owner', 0.4],
  ['manager', 'head', 0.4],
  ['manager', 'lead', 0.5],
  ['manager', 'director', 0.3],
  ['lead', 'head', 0.6],
  ['director', 'head', 0.6],
  ['director', 'vp', 0.6],
  ['head', 'vp', 0.5],
  ['accountant', 'bookkeeper', 0.3],
];

/** How alike two different head nouns are (0 when unrelated). */
export const HEAD_SIMILARITY: ReadonlyMap<string, number> = new Map(
  HEAD_PAIRS.flatMap(([a, b, value]) => [
    [`${a}|${b}`, value],
    [`${b}|${a}`, value],
  ]),
);

/** Heads that lead people; "Engineering Manager" is a step up from "Backend Engineer", not a new field. */
export const LEADING_HEADS: ReadonlySet<string> = new Set([
  'manager',
  'director',
  'head',
  'lead',
  'vp',
  'supervisor',
]);

export interface WordKind {
  /** A narrow line of work ("server" for backend, platform, SRE). */
  family: string;
  /** A broad field with a human name ("software"), used in summaries. */
  group: string;
  /** Says only the field, not the specialism ("software", "marketing"). */
  generic?: boolean;
  /** A programming language or framework: two different ones are different jobs. */
  stack?: boolean;
}

const KIND_ROWS: ReadonlyArray<readonly [string, string, string, 'generic' | 'stack' | '']> = [
  [
    'backend platform infrastructure sre devops cloud systems reliability api distributed',
    'server',
    'software',
    '',
  ],
  ['java kotlin go python ruby php scala rust .net c# c++ elixir node', 'server', 'software', 'stack'],
  ['frontend web mobile ios android', 'client', 'software', ''],
  ['javascript typescript react vue angular', 'client', 'software', 'stack'],
  ['software fullstack application applications technical engineering', 'software', 'software', 'generic'],
  ['qa test testing automation', 'quality', 'software', ''],
  ['security', 'security', 'software', ''],
  ['data analytics bi etl database', 'data', 'data', ''],
  ['ml ai mlops nlp llm vision perception', 'ml', 'data', ''],
  ['ux ui interaction experience service', 'ux', 'design', ''],
  ['product', 'product', 'product', ''],
  ['graphic visual brand motion creative', 'visual', 'design', ''],
  ['seo sem ppc paid performance growth', 'search-marketing', 'marketing', ''],
  ['content social communications', 'content', 'marketing', ''],
  ['marketing digital', 'marketing', 'marketing', 'generic'],
  ['sales account presales solutions', 'sales', 'sales', ''],
  ['recruiting talent', 'recruiting', 'recruiting', ''],
  ['hr people', 'hr', 'recruiting', ''],
  [
    'warehouse logistics transport fulfilment distribution supplychain shipping inventory',
    'logistics',
    'logistics',
    '',
  ],
  ['operations', 'logistics', 'logistics', 'generic'],
  ['accounting tax audit payable receivable accounts', 'accounting', 'accounting', ''],
  ['financial finance', 'finance', 'accounting', ''],
  ['mathematics physics chemistry biology science english history geography', 'subject', 'teaching', ''],
];

/** The line of work a modifier word points to, for words that have one. */
export const WORD_KINDS: ReadonlyMap<string, WordKind> = new Map(
  KIND_ROWS.flatMap(([words, family, group, flag]) =>
    words.split(' ').map((word): [string, WordKind] => [
      word,
      {
        family,
        group,
        ...(flag === 'generic' ? { generic: true } : {}),
        ...(flag === 'stack' ? { stack: true } : {}),
      },
    ]),
  ),
);
