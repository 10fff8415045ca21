import type { SkillDef } from './types.ts';

// Spoken languages. Bare adjectives ("English", "German") are how postings ask for them; the
// language of the posting itself is not a requirement, which callers must judge, not this list.
export const SPOKEN_LANGUAGES: readonly SkillDef[] = [
  {
    name: 'english',
    label: 'English',
    category: 'spoken-language',
    aliases: ['englisch', 'business english', 'fluent english', 'englischkenntnisse', 'english language'],
  },
  {
    name: 'german',
    label: 'German',
    category: 'spoken-language',
    aliases: ['deutsch', 'deutschkenntnisse', 'fluent german', 'business german', 'german language'],
  },
  {
    name: 'french',
    label: 'French',
    category: 'spoken-language',
    aliases: ['französisch', 'français', 'francais', 'fluent french'],
  },
  {
    name: 'spanish',
    label: 'Spanish',
    category: 'spoken-language',
    aliases: ['spanisch', 'español', 'espanol', 'fluent spanish', 'castellano'],
  },
  { name: 'italian', label: 'Italian', category: 'spoken-language', aliases: ['italienisch', 'italiano'] },
  {
    name: 'portuguese',
    label: 'Portuguese',
    category: 'spoken-language',
    aliases: ['portugiesisch', 'português', 'portugues', 'brazilian portuguese'],
  },
  {
    name: 'dutch',
    label: 'Dutch',
    category: 'spoken-language',
    aliases: ['niederländisch', 'nederlands', 'flemish'],
  },
  {
    name: 'polish',
    label: 'Polish',
    category: 'spoken-language',
    aliases: ['polnisch', 'polski'],
    ambiguous: { forms: ['Polish'], caseSensitive: true },
  },
  { name: 'russian', label: 'Russian', category: 'spoken-language', aliases: ['russisch', 'русский'] },
  {
    name: 'ukrainian',
    label: 'Ukrainian',
    category: 'spoken-language',
    aliases: ['ukrainisch', 'українська'],
  },
  {
    name: 'turkish',
    label: 'Turkish',
    category: 'spoken-language',
    aliases: ['türkisch', 'türkçe', 'turkce'],
  },
  { name: 'arabic', label: 'Arabic', category: 'spoken-language', aliases: ['arabisch', 'العربية'] },
  {
    name: 'mandarin',
    label: 'Mandarin Chinese',
    category: 'spoken-language',
    aliases: ['mandarin chinese', 'chinese', 'chinesisch', 'putonghua', '普通话', '中文'],
  },
  { name: 'cantonese', label: 'Cantonese', category: 'spoken-language', aliases: ['kantonesisch'] },
  {
    name: 'japanese',
    label: 'Japanese',
    category: 'spoken-language',
    aliases: ['japanisch', '日本語', 'jlpt'],
  },
  { name: 'korean', label: 'Korean', category: 'spoken-language', aliases: ['koreanisch', '한국어'] },
  { name: 'hindi', label: 'Hindi', category: 'spoken-language', aliases: ['हिन्दी'] },
  { name: 'swedish', label: 'Swedish', category: 'spoken-language', aliases: ['schwedisch', 'svenska'] },
  { name: 'danish', label: 'Danish', category: 'spoken-language', aliases: ['dänisch', 'dansk'] },
  { name: 'norwegian', label: 'Norwegian', category: 'spoken-language', aliases: ['norwegisch', 'norsk'] },
  { name: 'finnish', label: 'Finnish', category: 'spoken-language', aliases: ['finnisch', 'suomi'] },
  { name: 'czech', label: 'Czech', category: 'spoken-language', aliases: ['tschechisch', 'čeština'] },
  { name: 'greek', label: 'Greek', category: 'spoken-language', aliases: ['griechisch', 'ελληνικά'] },
  { name: 'hebrew', label: 'Hebrew', category: 'spoken-language', aliases: ['hebräisch', 'עברית'] },
  {
    name: 'vietnamese',
    label: 'Vietnamese',
    category: 'spoken-language',
    aliases: ['vietnamesisch', 'tiếng việt'],
  },
  {
    name: 'sign language',
    label: 'Sign language',
    category: 'spoken-language',
    aliases: ['asl', 'american sign language', 'bsl', 'gebärdensprache', 'dgs'],
  },
];
